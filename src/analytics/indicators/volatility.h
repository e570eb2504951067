#pragma once
// TA-Lib's Volatility Indicators: TRANGE, ATR, NATR. Shape and conventions: indicator.h;
// formulas and seeding: volatility.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// True range; lookback 1.
int trange_lookback();
Result<OutRange> trange(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                        std::span<double> out);

// timeperiod in [1, 100000] (default 14); lookback = timeperiod. Period 1 is TRANGE (NATR too,
// unnormalised, as TA-Lib does).
int atr_lookback(int timeperiod);
Result<OutRange> atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     int timeperiod, std::span<double> out);
int natr_lookback(int timeperiod);
Result<OutRange> natr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                      int timeperiod, std::span<double> out);

}  // namespace streams::analytics
