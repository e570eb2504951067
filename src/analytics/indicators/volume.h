#pragma once
// TA-Lib's Volume Indicators: AD (Chaikin A/D line), ADOSC (Chaikin A/D oscillator), OBV.
// Shape and conventions: indicator.h; formulas and seeding: volume.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// Cumulative sum of ((close-low) - (high-close)) / (high-low) * volume (rows with high == low
// add nothing); lookback 0.
int ad_lookback();
Result<OutRange> ad(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                    std::span<const double> volume, std::span<double> out);

// EMA(fast) - EMA(slow) of AD, both EMAs started at the first AD value (no SMA seed);
// fastperiod, slowperiod in [2, 100000] (3, 10); lookback = the slower EMA's.
int adosc_lookback(int fastperiod, int slowperiod);
Result<OutRange> adosc(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                       std::span<const double> volume, int fastperiod, int slowperiod, std::span<double> out);

// On-balance volume, starting at the first row's volume; lookback 0.
int obv_lookback();
Result<OutRange> obv(std::span<const double> close, std::span<const double> volume, std::span<double> out);

}  // namespace streams::analytics
