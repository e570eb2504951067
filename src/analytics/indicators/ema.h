#pragma once
// EMA and the EMA-built averages DEMA and TEMA (TA-Lib TA_EMA, TA_DEMA, TA_TEMA), with TA-Lib's
// seeding: k = 2/(timeperiod+1), each EMA seeded with the SMA of its first `timeperiod` inputs.
// Shape and conventions: indicator.h; formulas: ema.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 30). Lookbacks: ema p-1, dema 2(p-1), tema 3(p-1).
int ema_lookback(int timeperiod);
Result<OutRange> ema(std::span<const double> in, int timeperiod, std::span<double> out);

// EMA with an explicit smoothing factor k (MACDFIX's 0.15/0.075), still seeded with the SMA of
// the first `timeperiod` values; timeperiod >= 1.
Result<OutRange> ema_with_k(std::span<const double> in, int timeperiod, double k, std::span<double> out);

int dema_lookback(int timeperiod);
Result<OutRange> dema(std::span<const double> in, int timeperiod, std::span<double> out);

int tema_lookback(int timeperiod);
Result<OutRange> tema(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
