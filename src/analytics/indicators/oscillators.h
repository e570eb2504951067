#pragma once
// CCI, MFI, ULTOSC, AROON, AROONOSC (TA-Lib TA_CCI, TA_MFI, TA_ULTOSC, TA_AROON, TA_AROONOSC).
// Shape and conventions: indicator.h; formulas and edge cases: oscillators.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 14); lookback period-1.
int cci_lookback(int timeperiod);
Result<OutRange> cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     int timeperiod, std::span<double> out);

// timeperiod in [2, 100000] (default 14); lookback = period. 0 when the money flow total < 1.
int mfi_lookback(int timeperiod);
Result<OutRange> mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     std::span<const double> volume, int timeperiod, std::span<double> out);

// timeperiod1..3 in [1, 100000] (7, 14, 28), sorted so the shortest gets weight 4; lookback =
// the longest period.
int ultosc_lookback(int timeperiod1, int timeperiod2, int timeperiod3);
Result<OutRange> ultosc(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                        int timeperiod1, int timeperiod2, int timeperiod3, std::span<double> out);

// timeperiod in [2, 100000] (default 14); lookback = period (windows of period+1 rows).
int aroon_lookback(int timeperiod);
Result<OutRange> aroon(std::span<const double> high, std::span<const double> low, int timeperiod,
                       std::span<double> aroondown, std::span<double> aroonup);
int aroonosc_lookback(int timeperiod);
Result<OutRange> aroonosc(std::span<const double> high, std::span<const double> low, int timeperiod,
                          std::span<double> out);

}  // namespace streams::analytics
