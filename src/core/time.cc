#include "core/time.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <charconv>

#include "core/errc.h"

namespace streams {
namespace {

constexpr std::string_view exchange_zone_name = "America/New_York";

const date::time_zone* exchange_zone() {
  static const date::time_zone* zone = date::locate_zone(exchange_zone_name);
  return zone;
}

bool parse_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

Error date_error(std::string_view text, std::string_view why) {
  return make_error(core::errc::invalid_date, fmt::format("invalid date '{}': {}", text, why));
}

}  // namespace

Date Date::from_ymd(int year, unsigned month, unsigned day) {
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return Date(static_cast<std::int32_t>(days.time_since_epoch().count()));
}

Result<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return date_error(text, "expected YYYY-MM-DD");
  int year = 0;
  int month = 0;
  int day = 0;
  if (!parse_int(text.substr(0, 4), year) || !parse_int(text.substr(5, 2), month) ||
      !parse_int(text.substr(8, 2), day)) {
    return date_error(text, "expected YYYY-MM-DD");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return date_error(text, "no such day");
  return Date(static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

std::chrono::year_month_day Date::ymd() const { return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days_}}}; }

std::chrono::weekday Date::weekday() const { return std::chrono::weekday{std::chrono::sys_days{std::chrono::days{days_}}}; }

std::string Date::iso() const {
  const auto ymd_value = ymd();
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd_value.year()), static_cast<unsigned>(ymd_value.month()),
                     static_cast<unsigned>(ymd_value.day()));
}

Result<Timestamp> Timestamp::parse(std::string_view text) {
  const auto fail = [&](std::string_view why) {
    return make_error(core::errc::invalid_timestamp, fmt::format("invalid timestamp '{}': {}", text, why));
  };
  if (text.size() < 10) return fail("expected ISO 8601, e.g. 2019-02-11T09:31:00-05:00");
  auto day = Date::parse(text.substr(0, 10));
  if (!day) return fail(day.error().message);
  std::int64_t ms = day->key().millis();
  std::string_view rest = text.substr(10);
  if (rest.empty()) return Timestamp(ms);
  if (rest[0] != 'T' && rest[0] != ' ') return fail("expected 'T' after the date");
  rest.remove_prefix(1);
  if (rest.size() < 5 || rest[2] != ':') return fail("expected HH:MM after the date");
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  if (!parse_int(rest.substr(0, 2), hour) || !parse_int(rest.substr(3, 2), minute) || hour > 23 || minute > 59) {
    return fail("bad time of day");
  }
  rest.remove_prefix(5);
  if (!rest.empty() && rest[0] == ':') {
    if (rest.size() < 3 || !parse_int(rest.substr(1, 2), second) || second > 60) return fail("bad seconds");
    rest.remove_prefix(3);
    if (!rest.empty() && rest[0] == '.') {
      std::size_t digits = 1;
      while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
      std::string frac(rest.substr(1, digits - 1));
      frac.resize(3, '0');
      if (!parse_int(frac, millis)) return fail("bad fraction of a second");
      rest.remove_prefix(digits);
    }
  }
  ms += ((hour * 60LL + minute) * 60 + second) * 1000 + millis;
  if (rest.empty() || rest == "Z") return Timestamp(ms);
  if ((rest[0] != '+' && rest[0] != '-') || rest.size() != 6 || rest[3] != ':') return fail("bad UTC offset");
  int off_h = 0;
  int off_m = 0;
  if (!parse_int(rest.substr(1, 2), off_h) || !parse_int(rest.substr(4, 2), off_m)) return fail("bad UTC offset");
  const std::int64_t offset_ms = (off_h * 60LL + off_m) * 60'000;
  return Timestamp(rest[0] == '+' ? ms - offset_ms : ms + offset_ms);
}

std::string Timestamp::iso() const {
  const Date day = Date::from_key(*this);
  const std::int64_t in_day = ms_ - day.key().millis();
  const auto seconds = in_day / 1000;
  const auto millis = in_day % 1000;
  std::string out = fmt::format("{}T{:02}:{:02}:{:02}", day.iso(), seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (millis != 0) out += fmt::format(".{:03}", millis);
  out += 'Z';
  return out;
}

Date exchange_date(Timestamp ts) {
  const date::sys_time<std::chrono::milliseconds> instant{std::chrono::milliseconds{ts.millis()}};
  const auto local = exchange_zone()->to_local(instant);
  const auto local_day = date::floor<date::days>(local);
  return Date::from_days(static_cast<std::int32_t>(local_day.time_since_epoch().count()));
}

Timestamp exchange_time(Date day, int hour, int minute) {
  const date::local_days local_day{date::days{day.days()}};
  const auto local = local_day + std::chrono::hours{hour} + std::chrono::minutes{minute};
  const auto instant = exchange_zone()->to_sys(local, date::choose::earliest);
  return Timestamp::from_millis(std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count());
}

}  // namespace streams
