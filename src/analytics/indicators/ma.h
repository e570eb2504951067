#pragma once
// TA-Lib's MA: a moving average selected by `matype` (SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA,
// MAMA, T3), with each type's TA-Lib default for the parameters MA does not expose (T3 vfactor
// 0.7, MAMA fastlimit 0.5 / slowlimit 0.05). Used by every indicator with a `matype` parameter
// (bbands, stoch, macdext, apo, ppo, stochrsi, mavp, ...). And MAVP, the moving average whose
// period is read per row from a second series. Formulas: ma.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// period in [1, 100000]; period 1 copies the input (lookback 0) whatever the type, as TA-Lib does.
// MAMA ignores the period (lookback 32, TA-Lib's default limits 0.5 and 0.05).
int ma_lookback(int period, MaType type);
Result<OutRange> ma(std::span<const double> in, int period, MaType type, std::span<double> out);

// matype as written in a SPEC (0..8) to MaType; false when out of range.
bool to_ma_type(int value, MaType& type);

// MAVP: out[i] = the `type` average of `in` with period clamp(int(periods[i]), minperiod, maxperiod),
// each average started (and seeded) at the first output row, as TA-Lib does. minperiod and
// maxperiod in [2, 100000]; lookback ma_lookback(maxperiod, type).
int mavp_lookback(int minperiod, int maxperiod, MaType type);
Result<OutRange> mavp(std::span<const double> in, std::span<const double> periods, int minperiod, int maxperiod,
                      MaType type, std::span<double> out);

}  // namespace streams::analytics
