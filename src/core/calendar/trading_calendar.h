#pragma once
// The NYSE trading calendar, 1990–2035: full-day holidays by rule (weekend observance, Good Friday
// from the date of Easter, MLK Day from 1998, Juneteenth from 2022, …), the special closures
// (national days of mourning, 9/11, Hurricane Sandy) and the 1:00 pm early closes. Sessions are
// in exchange time (America/New_York); core/time.h converts them to UTC.
//
// Immutable after construction; safe to share between threads.

#include <optional>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace streams::calendar {

enum class DayKind { trading, early_close, weekend, holiday };

struct DayInfo {
  Date date;
  DayKind kind = DayKind::trading;
  std::string_view name;  // the holiday's or early close's reason; empty on ordinary days
};

struct Session {
  Date date;
  Timestamp open;   // 09:30 New York, in UTC
  Timestamp close;  // 16:00, or 13:00 on early closes, in UTC
};

class NyseCalendar {
 public:
  static constexpr int first_year = 1990;
  static constexpr int last_year = 2035;

  // Days outside [first_year, last_year] are answered by the weekday rule alone.
  [[nodiscard]] DayInfo day(Date date) const;
  [[nodiscard]] bool is_trading_day(Date date) const;
  [[nodiscard]] std::optional<Session> session(Date date) const;
  // The holidays and early closes in [from, to], in date order.
  [[nodiscard]] std::vector<DayInfo> exceptions(Date from, Date to) const;
  // Trading days in [from, to].
  [[nodiscard]] std::vector<Date> trading_days(Date from, Date to) const;
  // The first trading day on or after `date` (for events dated on a closed day).
  [[nodiscard]] Date next_trading_day(Date date) const;
};

// The date of Easter Sunday (Gregorian; anonymous Gregorian algorithm).
Date easter_sunday(int year);

}  // namespace streams::calendar
