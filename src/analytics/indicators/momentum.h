#pragma once
// Simple momentum measures (TA-Lib TA_MOM, TA_ROC, TA_ROCP, TA_ROCR, TA_ROCR100, TA_TRIX,
// TA_BOP, TA_IMI). Shape and conventions: indicator.h; formulas: momentum.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [1, 100000] (default 10); lookback = timeperiod.
int mom_lookback(int timeperiod);
Result<OutRange> mom(std::span<const double> in, int timeperiod, std::span<double> out);
// ((x / x[-p]) - 1) * 100; 0 when x[-p] is 0.
int roc_lookback(int timeperiod);
Result<OutRange> roc(std::span<const double> in, int timeperiod, std::span<double> out);
// (x - x[-p]) / x[-p]; 0 when x[-p] is 0.
int rocp_lookback(int timeperiod);
Result<OutRange> rocp(std::span<const double> in, int timeperiod, std::span<double> out);
// x / x[-p]; 0 when x[-p] is 0.
int rocr_lookback(int timeperiod);
Result<OutRange> rocr(std::span<const double> in, int timeperiod, std::span<double> out);
// (x / x[-p]) * 100; 0 when x[-p] is 0.
int rocr100_lookback(int timeperiod);
Result<OutRange> rocr100(std::span<const double> in, int timeperiod, std::span<double> out);

// 1-day ROC of the triple EMA; timeperiod in [1, 100000] (default 30); lookback 3*(p-1)+1.
int trix_lookback(int timeperiod);
Result<OutRange> trix(std::span<const double> in, int timeperiod, std::span<double> out);

// Balance of power: (close - open) / (high - low), 0 when high - low <= 1e-8; lookback 0.
int bop_lookback();
Result<OutRange> bop(std::span<const double> open, std::span<const double> high, std::span<const double> low,
                     std::span<const double> close, std::span<double> out);

// Intraday momentum index over open/close: 100 * up / (up + down) on the last timeperiod rows;
// timeperiod in [2, 100000] (default 14); lookback period-1.
int imi_lookback(int timeperiod);
Result<OutRange> imi(std::span<const double> open, std::span<const double> close, int timeperiod,
                     std::span<double> out);

}  // namespace streams::analytics
