#pragma once
// Support and resistance levels for price charts: classic pivot points from the previous period
// (day, week, month, quarter or year of the bars' session dates) and rolling-window levels (the
// original dashboard's SUP-N / RES-N: the lowest low and highest high of the last N bars).
// Formulas and conventions: levels.md. Pure functions; outputs have the input's length, NaN where
// a level is undefined.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::analytics::levels {

enum class PivotPeriod { day, week, month, quarter, year };

// "day", "week", "month", "quarter", "year"; nullopt-like error otherwise.
Result<PivotPeriod> parse_pivot_period(std::string_view text);

// The period a session date (days since 1970-01-01) belongs to, as an increasing integer key:
// weeks start on Monday (ISO), months/quarters/years are calendar ones.
std::int64_t period_key(std::int32_t days, PivotPeriod period);

struct PivotLevels {
  std::vector<double> pp, r1, r2, r3, s1, s2, s3;
};

// Classic (floor) pivots. For each row, H/L/C are the highest high, lowest low and last close of
// the previous period that holds any finite bar; every row of a period carries the same levels;
// rows of the first period are NaN. NaN cells are skipped.
//   PP = (H + L + C) / 3
//   R1 = 2 PP - L      S1 = 2 PP - H
//   R2 = PP + (H - L)  S2 = PP - (H - L)
//   R3 = H + 2 (PP - L) S3 = L - 2 (H - PP)
// Fails (input_mismatch) when the spans differ in length.
Result<PivotLevels> pivot_points(std::span<const std::int32_t> dates, std::span<const double> high,
                                 std::span<const double> low, std::span<const double> close, PivotPeriod period);

struct RollingLevels {
  std::vector<double> support;     // min(low[i-N+1 .. i])
  std::vector<double> resistance;  // max(high[i-N+1 .. i])
};

// Rolling-window levels over the last `timeperiod` bars including the current one (pandas'
// rolling(N).min()/max(): NaN for the first N-1 rows and for any window holding a NaN).
// timeperiod in [1, 100000] (bad_param otherwise).
Result<RollingLevels> rolling_levels(std::span<const double> high, std::span<const double> low, int timeperiod);

}  // namespace streams::analytics::levels
