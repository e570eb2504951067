#pragma once
// Wilder's directional movement family (TA-Lib TA_PLUS_DM, TA_MINUS_DM, TA_PLUS_DI, TA_MINUS_DI,
// TA_DX, TA_ADX, TA_ADXR). Shape and conventions: indicator.h; formulas and seeding: directional.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [1, 100000] (default 14); lookback period-1 (1 when period is 1).
int plus_dm_lookback(int timeperiod);
Result<OutRange> plus_dm(std::span<const double> high, std::span<const double> low, int timeperiod,
                         std::span<double> out);
int minus_dm_lookback(int timeperiod);
Result<OutRange> minus_dm(std::span<const double> high, std::span<const double> low, int timeperiod,
                          std::span<double> out);

// timeperiod in [1, 100000] (default 14); lookback period (1 when period is 1).
int plus_di_lookback(int timeperiod);
Result<OutRange> plus_di(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                         int timeperiod, std::span<double> out);
int minus_di_lookback(int timeperiod);
Result<OutRange> minus_di(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          int timeperiod, std::span<double> out);

// timeperiod in [2, 100000] (default 14). Lookbacks: dx period, adx 2*period-1, adxr 3*period-2.
int dx_lookback(int timeperiod);
Result<OutRange> dx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                    int timeperiod, std::span<double> out);
int adx_lookback(int timeperiod);
Result<OutRange> adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     int timeperiod, std::span<double> out);
int adxr_lookback(int timeperiod);
Result<OutRange> adxr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                      int timeperiod, std::span<double> out);

}  // namespace streams::analytics
