#pragma once
// Bars and their timespans: the unit of price data everywhere in streams.

#include <cstdint>
#include <limits>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace streams {

enum class TimespanUnit : std::uint8_t { second, minute, hour, day, week, month };

// A bar width as polygon.io names it: multiplier × unit ("1 day", "5 minute").
struct Timespan {
  TimespanUnit unit = TimespanUnit::day;
  int multiplier = 1;

  static Timespan daily() { return {TimespanUnit::day, 1}; }
  static Timespan minutes(int n) { return {TimespanUnit::minute, n}; }
  // Accepts polygon's unit names ("minute", "day", …); multiplier 1.
  static Result<Timespan> parse_unit(std::string_view unit);
  [[nodiscard]] bool intraday() const { return unit < TimespanUnit::day; }
  bool operator==(const Timespan&) const = default;
};

std::string_view to_string(TimespanUnit unit);

// One OHLCV bar. `ts` is the start of the interval (UTC) for intraday bars and the session date's
// key (Date::key) for daily and longer ones. vwap is NaN and trades 0 when the source lacks them.
struct Bar {
  Timestamp ts;
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
  double vwap = std::numeric_limits<double>::quiet_NaN();
  std::int64_t trades = 0;
};

}  // namespace streams
