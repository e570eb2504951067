#pragma once
// MACD family and price oscillators (TA-Lib TA_MACD, TA_MACDEXT, TA_MACDFIX, TA_APO, TA_PPO).
// Shape and conventions: indicator.h; formulas and seeding: macd.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

// fastperiod, slowperiod in [2, 100000] (12, 26), signalperiod in [1, 100000] (9); swapped when
// slow < fast. Lookback (slow-1) + (signal-1) for all three outputs.
int macd_lookback(int fastperiod, int slowperiod, int signalperiod);
Result<OutRange> macd(std::span<const double> in, int fastperiod, int slowperiod, int signalperiod,
                      std::span<double> macd_out, std::span<double> signal_out, std::span<double> hist_out);

// MACD with fixed 12/26 periods and TA-Lib's fixed factors 0.15 / 0.075.
int macdfix_lookback(int signalperiod);
Result<OutRange> macdfix(std::span<const double> in, int signalperiod, std::span<double> macd_out,
                         std::span<double> signal_out, std::span<double> hist_out);

// MACD with a moving-average type per line.
int macdext_lookback(int fastperiod, MaType fastmatype, int slowperiod, MaType slowmatype, int signalperiod,
                     MaType signalmatype);
Result<OutRange> macdext(std::span<const double> in, int fastperiod, MaType fastmatype, int slowperiod,
                         MaType slowmatype, int signalperiod, MaType signalmatype, std::span<double> macd_out,
                         std::span<double> signal_out, std::span<double> hist_out);

// fastperiod, slowperiod in [2, 100000] (12, 26); matype default SMA. Lookback: the slower MA's.
int apo_lookback(int fastperiod, int slowperiod, MaType matype);
Result<OutRange> apo(std::span<const double> in, int fastperiod, int slowperiod, MaType matype, std::span<double> out);
int ppo_lookback(int fastperiod, int slowperiod, MaType matype);
Result<OutRange> ppo(std::span<const double> in, int fastperiod, int slowperiod, MaType matype, std::span<double> out);

}  // namespace streams::analytics
