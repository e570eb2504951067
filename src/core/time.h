#pragma once
// Time in streams. Everything is stored in UTC:
//  - Timestamp: milliseconds since the Unix epoch, UTC (polygon.io's unit). Intraday bars are keyed
//    by the start of their interval.
//  - Date: a calendar day. Daily bars are keyed by their exchange-local session date, stored as the
//    Timestamp of that date's 00:00 UTC, so the date survives any time zone the reader is in.
// Exchange-local conversion (America/New_York, with its DST rules) goes through date/tz here and
// nowhere else.

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace streams {

class Date;

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp from_millis(std::int64_t ms) { return Timestamp(ms); }
  [[nodiscard]] constexpr std::int64_t millis() const { return ms_; }
  auto operator<=>(const Timestamp&) const = default;

  // ISO 8601: "2019-02-11T09:31:00-05:00", "2019-02-11T14:31:00Z", "2019-02-11 14:31:00" (UTC when
  // no offset is given), or a bare date (its 00:00 UTC).
  static Result<Timestamp> parse(std::string_view text);
  [[nodiscard]] std::string iso() const;  // "2019-02-11T14:31:00Z" (milliseconds only when non-zero)

 private:
  explicit constexpr Timestamp(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(std::int32_t days_since_epoch) { return Date(days_since_epoch); }
  static Date from_ymd(int year, unsigned month, unsigned day);
  // "YYYY-MM-DD" only; the error names the text and what is wrong with it.
  static Result<Date> parse(std::string_view text);

  [[nodiscard]] constexpr std::int32_t days() const { return days_; }
  [[nodiscard]] std::chrono::year_month_day ymd() const;
  [[nodiscard]] std::chrono::weekday weekday() const;
  [[nodiscard]] std::string iso() const;
  // The Timestamp a daily bar of this session date is stored under (00:00 UTC).
  [[nodiscard]] constexpr Timestamp key() const {
    return Timestamp::from_millis(static_cast<std::int64_t>(days_) * 86'400'000);
  }
  static constexpr Date from_key(Timestamp ts) {
    const std::int64_t ms = ts.millis();
    return Date(static_cast<std::int32_t>((ms >= 0 ? ms : ms - 86'399'999) / 86'400'000));
  }
  constexpr Date operator+(int days) const { return Date(days_ + days); }
  constexpr Date operator-(int days) const { return Date(days_ - days); }
  auto operator<=>(const Date&) const = default;

 private:
  explicit constexpr Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

// The exchange-local session date (America/New_York) of an instant: polygon's daily aggregates
// carry the New York midnight of their session, which is 04:00 or 05:00 UTC.
Date exchange_date(Timestamp ts);
// The instant of a wall-clock time on a date in New York (e.g. 09:30 → the session open).
Timestamp exchange_time(Date date, int hour, int minute);

}  // namespace streams
