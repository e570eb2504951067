#include "core/calendar/trading_calendar.h"

#include <array>
#include <chrono>

namespace streams::calendar {
namespace {

using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::Thursday;

struct NamedDate {
  int year;
  unsigned month;
  unsigned day;
  std::string_view name;
};

// Unscheduled full-day closures within the calendar's range.
constexpr std::array special_closures{
    NamedDate{1994, 4, 27, "National Day of Mourning (Richard Nixon)"},
    NamedDate{2001, 9, 11, "September 11 attacks"},
    NamedDate{2001, 9, 12, "September 11 attacks"},
    NamedDate{2001, 9, 13, "September 11 attacks"},
    NamedDate{2001, 9, 14, "September 11 attacks"},
    NamedDate{2004, 6, 11, "National Day of Mourning (Ronald Reagan)"},
    NamedDate{2007, 1, 2, "National Day of Mourning (Gerald Ford)"},
    NamedDate{2012, 10, 29, "Hurricane Sandy"},
    NamedDate{2012, 10, 30, "Hurricane Sandy"},
    NamedDate{2018, 12, 5, "National Day of Mourning (George H. W. Bush)"},
    NamedDate{2025, 1, 9, "National Day of Mourning (Jimmy Carter)"},
};

Date nth_weekday(int year, unsigned month, std::chrono::weekday weekday, unsigned n) {
  const std::chrono::year_month_weekday ymw{std::chrono::year{year}, std::chrono::month{month}, weekday[n]};
  return Date::from_days(static_cast<std::int32_t>(std::chrono::sys_days{ymw}.time_since_epoch().count()));
}

Date last_weekday(int year, unsigned month, std::chrono::weekday weekday) {
  const std::chrono::year_month_weekday_last ymwl{std::chrono::year{year}, std::chrono::month{month},
                                                  weekday[std::chrono::last]};
  return Date::from_days(static_cast<std::int32_t>(std::chrono::sys_days{ymwl}.time_since_epoch().count()));
}

// NYSE Rule 7.2: a holiday on Saturday is observed on Friday, on Sunday on Monday — except that
// New Year's Day on a Saturday is not observed (the Friday closes a year's accounting period).
std::optional<Date> observed(Date date, bool observe_saturday = true) {
  const auto weekday = date.weekday();
  if (weekday == Saturday) return observe_saturday ? std::optional<Date>(date - 1) : std::nullopt;
  if (weekday == Sunday) return date + 1;
  return date;
}

bool is_weekend(Date date) {
  const auto weekday = date.weekday();
  return weekday == Saturday || weekday == Sunday;
}

std::optional<std::string_view> holiday_name(Date date) {
  const int year = static_cast<int>(date.ymd().year());
  for (const auto& closure : special_closures) {
    if (Date::from_ymd(closure.year, closure.month, closure.day) == date) return closure.name;
  }
  if (observed(Date::from_ymd(year, 1, 1), false) == date) return "New Year's Day";
  if (year >= 1998 && nth_weekday(year, 1, Monday, 3) == date) return "Martin Luther King, Jr. Day";
  if (nth_weekday(year, 2, Monday, 3) == date) return "Washington's Birthday";
  if (easter_sunday(year) - 2 == date) return "Good Friday";
  if (last_weekday(year, 5, Monday) == date) return "Memorial Day";
  if (year >= 2022 && observed(Date::from_ymd(year, 6, 19)) == date) return "Juneteenth National Independence Day";
  if (observed(Date::from_ymd(year, 7, 4)) == date) return "Independence Day";
  if (nth_weekday(year, 9, Monday, 1) == date) return "Labor Day";
  if (nth_weekday(year, 11, Thursday, 4) == date) return "Thanksgiving Day";
  if (observed(Date::from_ymd(year, 12, 25)) == date) return "Christmas Day";
  return std::nullopt;
}

// 1:00 pm closes: the day before Independence Day and Christmas Eve when they fall Monday to
// Thursday (when the holiday itself is observed on that day the market is closed instead), and the
// day after Thanksgiving.
std::optional<std::string_view> early_close_name(Date date) {
  const int year = static_cast<int>(date.ymd().year());
  const auto weekday = date.weekday();
  const bool monday_to_thursday = weekday != Friday && !is_weekend(date);
  if (date == Date::from_ymd(year, 7, 3) && monday_to_thursday) return "Independence Day eve (1:00 pm close)";
  if (date == Date::from_ymd(year, 12, 24) && monday_to_thursday) return "Christmas Eve (1:00 pm close)";
  if (date == nth_weekday(year, 11, Thursday, 4) + 1) return "Day after Thanksgiving (1:00 pm close)";
  return std::nullopt;
}

bool in_range(Date date) {
  const int year = static_cast<int>(date.ymd().year());
  return year >= NyseCalendar::first_year && year <= NyseCalendar::last_year;
}

}  // namespace

Date easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date::from_ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

DayInfo NyseCalendar::day(Date date) const {
  if (is_weekend(date)) return DayInfo{date, DayKind::weekend, {}};
  if (!in_range(date)) return DayInfo{date, DayKind::trading, {}};
  if (auto name = holiday_name(date)) return DayInfo{date, DayKind::holiday, *name};
  if (auto name = early_close_name(date)) return DayInfo{date, DayKind::early_close, *name};
  return DayInfo{date, DayKind::trading, {}};
}

bool NyseCalendar::is_trading_day(Date date) const {
  const DayKind kind = day(date).kind;
  return kind == DayKind::trading || kind == DayKind::early_close;
}

std::optional<Session> NyseCalendar::session(Date date) const {
  const DayInfo info = day(date);
  if (info.kind != DayKind::trading && info.kind != DayKind::early_close) return std::nullopt;
  const int close_hour = info.kind == DayKind::early_close ? 13 : 16;
  return Session{date, exchange_time(date, 9, 30), exchange_time(date, close_hour, 0)};
}

std::vector<DayInfo> NyseCalendar::exceptions(Date from, Date to) const {
  std::vector<DayInfo> out;
  for (Date d = from; d <= to; d = d + 1) {
    const DayInfo info = day(d);
    if (info.kind == DayKind::holiday || info.kind == DayKind::early_close) out.push_back(info);
  }
  return out;
}

std::vector<Date> NyseCalendar::trading_days(Date from, Date to) const {
  std::vector<Date> out;
  for (Date d = from; d <= to; d = d + 1) {
    if (is_trading_day(d)) out.push_back(d);
  }
  return out;
}

Date NyseCalendar::next_trading_day(Date date) const {
  while (!is_trading_day(date)) date = date + 1;
  return date;
}

}  // namespace streams::calendar
