#pragma once
// SMA — simple moving average (TA-Lib TA_SMA). Shape and conventions: indicator.h; notes: sma.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 30); lookback timeperiod - 1.
int sma_lookback(int timeperiod);
Result<OutRange> sma(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
