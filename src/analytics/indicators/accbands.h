#pragma once
// ACCBANDS — Headley's acceleration bands (TA-Lib 0.6 TA_ACCBANDS): SMAs of
// high·(1 + 4(h−l)/(h+l)), of close and of low·(1 − 4(h−l)/(h+l)). Shape: indicator.h; accbands.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 20); lookback timeperiod - 1.
int accbands_lookback(int timeperiod);
Result<OutRange> accbands(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          int timeperiod, std::span<double> upper, std::span<double> middle, std::span<double> lower);

}  // namespace streams::analytics
