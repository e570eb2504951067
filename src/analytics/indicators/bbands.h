#pragma once
// BBANDS — Bollinger bands (TA-Lib TA_BBANDS): middle = MA(matype), bands = middle ± nbdev ×
// population standard deviation over the same window. Shape: indicator.h; formula: bbands.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 5); nbdevup / nbdevdn any real (default 2); matype 0..8
// (default SMA). Lookback ma_lookback(timeperiod, matype) (at least timeperiod - 1).
int bbands_lookback(int timeperiod, MaType matype);
Result<OutRange> bbands(std::span<const double> in, int timeperiod, double nbdevup, double nbdevdn, MaType matype,
                        std::span<double> upper, std::span<double> middle, std::span<double> lower);

// Population variance over a window, TA-Lib's running sums (TA_INT_VAR), written at rows
// [first, n) (first >= timeperiod - 1). Shared with STDDEV/VAR-like users.
void rolling_variance(std::span<const double> in, int timeperiod, std::size_t first, std::span<double> out);

}  // namespace streams::analytics
