#pragma once
// TA-Lib's Price Transform group: AVGPRICE (o+h+l+c)/4, MEDPRICE (h+l)/2, TYPPRICE (h+l+c)/3,
// WCLPRICE (h+l+2c)/4, and AVGDEV, the mean absolute deviation around the window mean
// (TA-Lib 0.6 files it here). Shape: indicator.h; notes: price_transform.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// Lookback 0.
Result<OutRange> avgprice(std::span<const double> open, std::span<const double> high, std::span<const double> low,
                          std::span<const double> close, std::span<double> out);
Result<OutRange> medprice(std::span<const double> high, std::span<const double> low, std::span<double> out);
Result<OutRange> typprice(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          std::span<double> out);
Result<OutRange> wclprice(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          std::span<double> out);

// timeperiod in [2, 100000] (default 14); lookback timeperiod - 1.
int avgdev_lookback(int timeperiod);
Result<OutRange> avgdev(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
