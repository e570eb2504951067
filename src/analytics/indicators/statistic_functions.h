#pragma once
// TA-Lib's Statistic Functions group: beta, correl, linearreg (and its slope, intercept, angle),
// tsf, stddev and var. Shape and conventions: indicator.h. Formulas and the arithmetic order that
// matters for equality with TA-Lib 0.6: statistic_functions.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// Beta of real0's simple returns against real1's (TA-Lib's convention), timeperiod in [1, 100000].
int beta_lookback(int timeperiod);
Result<OutRange> beta(std::span<const double> real0, std::span<const double> real1, int timeperiod,
                      std::span<double> out);

// Pearson's r over a rolling window, timeperiod in [1, 100000].
int correl_lookback(int timeperiod);
Result<OutRange> correl(std::span<const double> real0, std::span<const double> real1, int timeperiod,
                        std::span<double> out);

// Least-squares line over the last `timeperiod` values (timeperiod in [2, 100000]).
enum class LinearRegOutput { value, slope, intercept, angle, forecast };
int linearreg_lookback(int timeperiod);
Result<OutRange> linearreg(std::span<const double> in, int timeperiod, LinearRegOutput what, std::span<double> out);

// Population variance (var ignores nbdev, as TA-Lib does) and standard deviation × nbdev.
int var_lookback(int timeperiod);
Result<OutRange> var(std::span<const double> in, int timeperiod, std::span<double> out);
int stddev_lookback(int timeperiod);
Result<OutRange> stddev(std::span<const double> in, int timeperiod, double nbdev, std::span<double> out);

}  // namespace streams::analytics
