#pragma once
// Rolling extremes over a window (TA-Lib's Math Operators MAX, MIN, MAXINDEX, MININDEX, MINMAX,
// MINMAXINDEX) and the midpoints built on them (Overlap Studies MIDPOINT, MIDPRICE).
// Index outputs are row numbers within `in` (doubles holding integers). Ties as TA-Lib 0.6
// breaks them (rolling_extreme.h). Shape and conventions: indicator.h; notes: min_max.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 30 for min/max/…index, 14 for midpoint/midprice);
// lookback timeperiod - 1 for all.
int min_max_lookback(int timeperiod);
Result<OutRange> max(std::span<const double> in, int timeperiod, std::span<double> out);
Result<OutRange> min(std::span<const double> in, int timeperiod, std::span<double> out);
Result<OutRange> maxindex(std::span<const double> in, int timeperiod, std::span<double> out);
Result<OutRange> minindex(std::span<const double> in, int timeperiod, std::span<double> out);
Result<OutRange> minmax(std::span<const double> in, int timeperiod, std::span<double> min_out,
                        std::span<double> max_out);
Result<OutRange> minmaxindex(std::span<const double> in, int timeperiod, std::span<double> minidx_out,
                             std::span<double> maxidx_out);

// (highest + lowest) / 2 of one series, and of high's highest and low's lowest.
Result<OutRange> midpoint(std::span<const double> in, int timeperiod, std::span<double> out);
Result<OutRange> midprice(std::span<const double> high, std::span<const double> low, int timeperiod,
                          std::span<double> out);

}  // namespace streams::analytics
