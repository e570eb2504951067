#pragma once
// TA-Lib's Hilbert-transform family (John Ehlers, "Rocket Science for Traders"): the cycle
// indicators ht_dcperiod, ht_dcphase, ht_phasor, ht_sine, ht_trendmode, and the two overlap
// studies built on the same engine, ht_trendline and mama. Formulas, warm-up and the points
// where TA-Lib's arithmetic order matters: hilbert_cycle.md.
//
// All take one input series; outputs are aligned with it (see indicator.h). Lookbacks are fixed:
// 32 for ht_dcperiod, ht_phasor and mama; 63 for the others (TA-Lib 0.6, unstable period 0).

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

int ht_dcperiod_lookback();
int ht_dcphase_lookback();
int ht_phasor_lookback();
int ht_sine_lookback();
int ht_trendmode_lookback();
int ht_trendline_lookback();
int mama_lookback(double fastlimit, double slowlimit);

Result<OutRange> ht_dcperiod(std::span<const double> in, std::span<double> out);
Result<OutRange> ht_dcphase(std::span<const double> in, std::span<double> out);
Result<OutRange> ht_phasor(std::span<const double> in, std::span<double> inphase, std::span<double> quadrature);
Result<OutRange> ht_sine(std::span<const double> in, std::span<double> sine, std::span<double> leadsine);
// 1 = trend, 0 = cycle (written as doubles holding integers).
Result<OutRange> ht_trendmode(std::span<const double> in, std::span<double> out);
Result<OutRange> ht_trendline(std::span<const double> in, std::span<double> out);
// fastlimit and slowlimit in [0.01, 0.99] (TA-Lib's range); defaults 0.5 and 0.05.
Result<OutRange> mama(std::span<const double> in, double fastlimit, double slowlimit, std::span<double> mama_out,
                      std::span<double> fama_out);

}  // namespace streams::analytics
