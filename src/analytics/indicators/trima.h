#pragma once
// TRIMA — triangular moving average (TA-Lib TA_TRIMA): an SMA of an SMA, computed in one pass
// with TA-Lib's running numerators. Shape and conventions: indicator.h; formula: trima.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 30); lookback timeperiod - 1.
int trima_lookback(int timeperiod);
Result<OutRange> trima(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
