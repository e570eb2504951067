#pragma once
// RSI and CMO (TA-Lib TA_RSI, TA_CMO): Wilder-smoothed average gain and loss, seeded with the
// plain mean of the first `timeperiod` changes. Shape and conventions: indicator.h; formulas: rsi.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 14); lookback = timeperiod.
int rsi_lookback(int timeperiod);
Result<OutRange> rsi(std::span<const double> in, int timeperiod, std::span<double> out);

int cmo_lookback(int timeperiod);
Result<OutRange> cmo(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
