#pragma once
// WMA — linearly weighted moving average (TA-Lib TA_WMA): weights 1..p, newest heaviest.
// Shape and conventions: indicator.h; notes: wma.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 30); lookback timeperiod - 1.
int wma_lookback(int timeperiod);
Result<OutRange> wma(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
