#pragma once
// KAMA — Kaufman adaptive moving average (TA-Lib TA_KAMA): an EMA whose factor follows the
// efficiency ratio, between 2/(2+1) and 2/(30+1), squared. Shape: indicator.h; formula: kama.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 30); lookback timeperiod (unstable period 0).
int kama_lookback(int timeperiod);
Result<OutRange> kama(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
