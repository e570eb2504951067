#pragma once
// Stochastic oscillators and Williams' %R (TA-Lib TA_STOCH, TA_STOCHF, TA_STOCHRSI, TA_WILLR).
// Shape and conventions: indicator.h; formulas: stoch.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// fastk_period, slowk_period, slowd_period in [1, 100000] (5, 3, 3), matypes default SMA.
// Lookback (fastk-1) + ma_lookback(slowk) + ma_lookback(slowd) for both outputs.
int stoch_lookback(int fastk_period, int slowk_period, MaType slowk_matype, int slowd_period, MaType slowd_matype);
Result<OutRange> stoch(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                       int fastk_period, int slowk_period, MaType slowk_matype, int slowd_period,
                       MaType slowd_matype, std::span<double> slowk, std::span<double> slowd);

// fastk_period, fastd_period in [1, 100000] (5, 3). Lookback (fastk-1) + ma_lookback(fastd).
int stochf_lookback(int fastk_period, int fastd_period, MaType fastd_matype);
Result<OutRange> stochf(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                        int fastk_period, int fastd_period, MaType fastd_matype, std::span<double> fastk,
                        std::span<double> fastd);

// STOCHF over RSI(timeperiod): timeperiod in [2, 100000] (14), fastk/fastd as stochf (5, 3).
int stochrsi_lookback(int timeperiod, int fastk_period, int fastd_period, MaType fastd_matype);
Result<OutRange> stochrsi(std::span<const double> in, int timeperiod, int fastk_period, int fastd_period,
                          MaType fastd_matype, std::span<double> fastk, std::span<double> fastd);

// timeperiod in [2, 100000] (14); lookback period-1.
int willr_lookback(int timeperiod);
Result<OutRange> willr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                       int timeperiod, std::span<double> out);

}  // namespace streams::analytics
