#pragma once
// T3 — Tillson's triple-smoothed average (TA-Lib TA_T3): six chained EMAs combined with the
// volume factor's coefficients. Shape and conventions: indicator.h; formula: t3.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// timeperiod in [2, 100000] (default 5), vfactor in [0, 1] (default 0.7); lookback 6(p-1).
int t3_lookback(int timeperiod);
Result<OutRange> t3(std::span<const double> in, int timeperiod, double vfactor, std::span<double> out);

}  // namespace streams::analytics
