// GET /api/v1/calendar: the NYSE calendar (core/calendar) — holidays with their names, early
// closes with their closing time, and the sessions in exchange time — for a range of dates.
#include <fmt/format.h>

#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"
#include "core/calendar/trading_calendar.h"
#include "core/json_writer.h"

namespace streams::api {
namespace {

using calendar::NyseCalendar;

const Date first_day = Date::from_ymd(NyseCalendar::first_year, 1, 1);
const Date last_day = Date::from_ymd(NyseCalendar::last_year, 12, 31);

Status check_in_calendar(const std::optional<Date>& date, std::string_view name) {
  if (date && (*date < first_day || *date > last_day)) {
    return make_error(errc::invalid_parameter, fmt::format("parameter '{}': {} is outside the calendar ({} … {})", name,
                                                           date->iso(), first_day.iso(), last_day.iso()));
  }
  return {};
}

// "2020-01-02T09:30:00-05:00": the wall-clock time in New York with its UTC offset.
std::string exchange_iso(Date date, Timestamp instant, int hour, int minute) {
  const std::int64_t wall = date.key().millis() + (static_cast<std::int64_t>(hour) * 60 + minute) * 60'000;
  const std::int64_t offset_minutes = (wall - instant.millis()) / 60'000;
  const std::int64_t magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  return fmt::format("{}T{:02}:{:02}:00{}{:02}:{:02}", date.iso(), hour, minute, offset_minutes < 0 ? '-' : '+',
                     magnitude / 60, magnitude % 60);
}

// The close of a session as a wall-clock time ("13:00", "16:00").
int close_hour(const calendar::DayInfo& info) {
  return info.kind == calendar::DayKind::early_close ? 13 : 16;
}

Result<std::string> produce_calendar(Date from, Date to, bool with_sessions) {
  const NyseCalendar nyse;
  const std::vector<calendar::DayInfo> exceptions = nyse.exceptions(from, to);
  JsonWriter json;
  json.begin_object();
  json.key("exchange").value("XNYS").key("timezone").value("America/New_York");
  json.key("from").value(from.iso()).key("to").value(to.iso());
  json.key("holidays").begin_object();
  const auto column = [&](std::string_view name, calendar::DayKind kind, auto write) {
    json.key(name).begin_array();
    for (const calendar::DayInfo& info : exceptions) {
      if (info.kind == kind) write(info);
    }
    json.end_array();
  };
  column("t", calendar::DayKind::holiday, [&](const calendar::DayInfo& d) { json.value(d.date.iso()); });
  column("name", calendar::DayKind::holiday, [&](const calendar::DayInfo& d) { json.value(d.name); });
  json.end_object();
  json.key("early_closes").begin_object();
  column("t", calendar::DayKind::early_close, [&](const calendar::DayInfo& d) { json.value(d.date.iso()); });
  column("name", calendar::DayKind::early_close, [&](const calendar::DayInfo& d) { json.value(d.name); });
  column("close", calendar::DayKind::early_close,
         [&](const calendar::DayInfo& d) { json.value(fmt::format("{:02}:00", close_hour(d))); });
  json.end_object();
  if (with_sessions) {
    std::vector<calendar::Session> sessions;
    std::vector<int> closes;
    for (Date d = from; d <= to; d = d + 1) {
      const calendar::DayInfo info = nyse.day(d);
      if (auto session = nyse.session(d)) {
        sessions.push_back(*session);
        closes.push_back(close_hour(info));
      }
    }
    json.reserve(sessions.size() * 80 + 1024);
    json.key("sessions").begin_object();
    json.key("t").begin_array();
    for (const calendar::Session& s : sessions) json.value(s.date.iso());
    json.end_array().key("open").begin_array();
    for (const calendar::Session& s : sessions) json.value(exchange_iso(s.date, s.open, 9, 30));
    json.end_array().key("close").begin_array();
    for (std::size_t k = 0; k < sessions.size(); ++k) {
      json.value(exchange_iso(sessions[k].date, sessions[k].close, closes[k], 0));
    }
    json.end_array().end_object();
  }
  json.end_object();
  return json.take();
}

}  // namespace

Response get_calendar(const Request& request, const PathParams&, const Services& services) {
  if (auto known = check_known(request.query, {"from", "to", "sessions"}); !known) return error_response(known.error());
  auto from = date_param(request.query, "from");
  if (!from) return error_response(from.error());
  auto to = date_param(request.query, "to");
  if (!to) return error_response(to.error());
  if (auto order = check_order(*from, *to); !order) return error_response(order.error());
  if (auto in = check_in_calendar(*from, "from"); !in) return error_response(in.error());
  if (auto in = check_in_calendar(*to, "to"); !in) return error_response(in.error());
  auto sessions = single(request.query, "sessions");
  if (!sessions) return error_response(sessions.error());
  bool with_sessions = true;
  if (*sessions) {
    if (**sessions == "false") {
      with_sessions = false;
    } else if (**sessions != "true") {
      return error_response(make_error(
          errc::invalid_parameter, fmt::format("parameter 'sessions': expected true or false, got '{}'", **sessions)));
    }
  }
  const Date begin = from->value_or(first_day);
  const Date end = to->value_or(last_day);
  // The calendar is fixed by rule: the key needs no store version.
  const std::string key = fmt::format("calendar|{}|{}|{}", begin.iso(), end.iso(), with_sessions);
  return cached_json(services, key, [&] { return produce_calendar(begin, end, with_sessions); });
}

}  // namespace streams::api
