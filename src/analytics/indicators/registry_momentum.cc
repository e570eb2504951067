// TA-Lib's Momentum Indicators group: declarations and adapters (implementations in
// directional, macd, momentum, oscillators, rsi, stoch).
#include "analytics/indicators/directional.h"
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/macd.h"
#include "analytics/indicators/momentum.h"
#include "analytics/indicators/oscillators.h"
#include "analytics/indicators/registry_util.h"
#include "analytics/indicators/rsi.h"
#include "analytics/indicators/stoch.h"

namespace streams::analytics {

using registry::as_int;
using registry::as_ma;
using registry::int_param;
using registry::matype;
using registry::timeperiod;

namespace {

using Lookback1 = int (*)(int);
using Real1 = Result<OutRange> (*)(std::span<const double>, int, std::span<double>);
using Hlc1 = Result<OutRange> (*)(std::span<const double>, std::span<const double>, std::span<const double>, int,
                                  std::span<double>);
using Hl1 = Result<OutRange> (*)(std::span<const double>, std::span<const double>, int, std::span<double>);

// One `real` input, one `timeperiod`, one `real` output. Captureless lambdas cannot capture the
// function, so the adapters are instantiated per function pointer.
template <Lookback1 L, Real1 F>
IndicatorSpec real_period(std::string_view name, std::string_view description, double fallback, double min) {
  return {name, "Momentum Indicators", description, {"real"}, {timeperiod(fallback, min)}, {{"real"}},
          [](std::span<const double> p) { return L(as_int(p[0])); },
          [](auto in, auto p, auto out) { return F(in[0], as_int(p[0]), out[0]); }};
}

template <Lookback1 L, Hlc1 F>
IndicatorSpec hlc_period(std::string_view name, std::string_view description, double min) {
  return {name, "Momentum Indicators", description, {"high", "low", "close"}, {timeperiod(14, min)}, {{"real"}},
          [](std::span<const double> p) { return L(as_int(p[0])); },
          [](auto in, auto p, auto out) { return F(in[0], in[1], in[2], as_int(p[0]), out[0]); }};
}

template <Lookback1 L, Hl1 F>
IndicatorSpec hl_period(std::string_view name, std::string_view description, double min) {
  return {name, "Momentum Indicators", description, {"high", "low"}, {timeperiod(14, min)}, {{"real"}},
          [](std::span<const double> p) { return L(as_int(p[0])); },
          [](auto in, auto p, auto out) { return F(in[0], in[1], as_int(p[0]), out[0]); }};
}

}  // namespace

std::vector<IndicatorSpec> momentum_specs() {
  constexpr std::string_view group = "Momentum Indicators";
  std::vector<IndicatorSpec> specs;
  specs.push_back(hlc_period<adx_lookback, adx>("adx", "Average Directional Movement Index", 2));
  specs.push_back(hlc_period<adxr_lookback, adxr>("adxr", "Average Directional Movement Index Rating", 2));
  specs.push_back({"apo", group, "Absolute Price Oscillator", {"real"},
                   {int_param("fastperiod", 12), int_param("slowperiod", 26), matype()}, {{"real"}},
                   [](std::span<const double> p) { return apo_lookback(as_int(p[0]), as_int(p[1]), as_ma(p[2])); },
                   [](auto in, auto p, auto out) {
                     return apo(in[0], as_int(p[0]), as_int(p[1]), as_ma(p[2]), out[0]);
                   }});
  specs.push_back({"aroon", group, "Aroon", {"high", "low"}, {timeperiod(14)}, {{"aroondown"}, {"aroonup"}},
                   [](std::span<const double> p) { return aroon_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return aroon(in[0], in[1], as_int(p[0]), out[0], out[1]); }});
  specs.push_back(hl_period<aroonosc_lookback, aroonosc>("aroonosc", "Aroon Oscillator", 2));
  specs.push_back({"bop", group, "Balance Of Power", {"open", "high", "low", "close"}, {}, {{"real"}},
                   [](std::span<const double>) { return bop_lookback(); },
                   [](auto in, auto, auto out) { return bop(in[0], in[1], in[2], in[3], out[0]); }});
  specs.push_back(hlc_period<cci_lookback, cci>("cci", "Commodity Channel Index", 2));
  specs.push_back(real_period<cmo_lookback, cmo>("cmo", "Chande Momentum Oscillator", 14, 2));
  specs.push_back(hlc_period<dx_lookback, dx>("dx", "Directional Movement Index", 2));
  specs.push_back({"imi", group, "Intraday Momentum Index", {"open", "close"}, {timeperiod(14)}, {{"real"}},
                   [](std::span<const double> p) { return imi_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return imi(in[0], in[1], as_int(p[0]), out[0]); }});
  specs.push_back({"macd", group, "Moving Average Convergence/Divergence", {"real"},
                   {int_param("fastperiod", 12), int_param("slowperiod", 26), int_param("signalperiod", 9, 1)},
                   {{"macd"}, {"macdsignal"}, {"macdhist", OutputKind::histogram}},
                   [](std::span<const double> p) { return macd_lookback(as_int(p[0]), as_int(p[1]), as_int(p[2])); },
                   [](auto in, auto p, auto out) {
                     return macd(in[0], as_int(p[0]), as_int(p[1]), as_int(p[2]), out[0], out[1], out[2]);
                   }});
  specs.push_back({"macdext", group, "MACD with controllable MA type", {"real"},
                   {int_param("fastperiod", 12), matype("fastmatype"), int_param("slowperiod", 26),
                    matype("slowmatype"), int_param("signalperiod", 9, 1), matype("signalmatype")},
                   {{"macd"}, {"macdsignal"}, {"macdhist", OutputKind::histogram}},
                   [](std::span<const double> p) {
                     return macdext_lookback(as_int(p[0]), as_ma(p[1]), as_int(p[2]), as_ma(p[3]), as_int(p[4]),
                                             as_ma(p[5]));
                   },
                   [](auto in, auto p, auto out) {
                     return macdext(in[0], as_int(p[0]), as_ma(p[1]), as_int(p[2]), as_ma(p[3]), as_int(p[4]),
                                    as_ma(p[5]), out[0], out[1], out[2]);
                   }});
  specs.push_back({"macdfix", group, "Moving Average Convergence/Divergence Fix 12/26", {"real"},
                   {int_param("signalperiod", 9, 1)},
                   {{"macd"}, {"macdsignal"}, {"macdhist", OutputKind::histogram}},
                   [](std::span<const double> p) { return macdfix_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return macdfix(in[0], as_int(p[0]), out[0], out[1], out[2]); }});
  specs.push_back({"mfi", group, "Money Flow Index", {"high", "low", "close", "volume"}, {timeperiod(14)}, {{"real"}},
                   [](std::span<const double> p) { return mfi_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return mfi(in[0], in[1], in[2], in[3], as_int(p[0]), out[0]); }});
  specs.push_back(hlc_period<minus_di_lookback, minus_di>("minus_di", "Minus Directional Indicator", 1));
  specs.push_back(hl_period<minus_dm_lookback, minus_dm>("minus_dm", "Minus Directional Movement", 1));
  specs.push_back(real_period<mom_lookback, mom>("mom", "Momentum", 10, 1));
  specs.push_back(hlc_period<plus_di_lookback, plus_di>("plus_di", "Plus Directional Indicator", 1));
  specs.push_back(hl_period<plus_dm_lookback, plus_dm>("plus_dm", "Plus Directional Movement", 1));
  specs.push_back({"ppo", group, "Percentage Price Oscillator", {"real"},
                   {int_param("fastperiod", 12), int_param("slowperiod", 26), matype()}, {{"real"}},
                   [](std::span<const double> p) { return ppo_lookback(as_int(p[0]), as_int(p[1]), as_ma(p[2])); },
                   [](auto in, auto p, auto out) {
                     return ppo(in[0], as_int(p[0]), as_int(p[1]), as_ma(p[2]), out[0]);
                   }});
  specs.push_back(real_period<roc_lookback, roc>("roc", "Rate of change : ((price/prevPrice)-1)*100", 10, 1));
  specs.push_back(real_period<rocp_lookback, rocp>("rocp", "Rate of change Percentage: (price-prevPrice)/prevPrice", 10, 1));
  specs.push_back(real_period<rocr_lookback, rocr>("rocr", "Rate of change ratio: (price/prevPrice)", 10, 1));
  specs.push_back(
      real_period<rocr100_lookback, rocr100>("rocr100", "Rate of change ratio 100 scale: (price/prevPrice)*100", 10, 1));
  specs.push_back(real_period<rsi_lookback, rsi>("rsi", "Relative Strength Index", 14, 2));
  specs.push_back({"stoch", group, "Stochastic", {"high", "low", "close"},
                   {int_param("fastk_period", 5, 1), int_param("slowk_period", 3, 1), matype("slowk_matype"),
                    int_param("slowd_period", 3, 1), matype("slowd_matype")},
                   {{"slowk"}, {"slowd"}},
                   [](std::span<const double> p) {
                     return stoch_lookback(as_int(p[0]), as_int(p[1]), as_ma(p[2]), as_int(p[3]), as_ma(p[4]));
                   },
                   [](auto in, auto p, auto out) {
                     return stoch(in[0], in[1], in[2], as_int(p[0]), as_int(p[1]), as_ma(p[2]), as_int(p[3]),
                                  as_ma(p[4]), out[0], out[1]);
                   }});
  specs.push_back({"stochf", group, "Stochastic Fast", {"high", "low", "close"},
                   {int_param("fastk_period", 5, 1), int_param("fastd_period", 3, 1), matype("fastd_matype")},
                   {{"fastk"}, {"fastd"}},
                   [](std::span<const double> p) { return stochf_lookback(as_int(p[0]), as_int(p[1]), as_ma(p[2])); },
                   [](auto in, auto p, auto out) {
                     return stochf(in[0], in[1], in[2], as_int(p[0]), as_int(p[1]), as_ma(p[2]), out[0], out[1]);
                   }});
  specs.push_back({"stochrsi", group, "Stochastic Relative Strength Index", {"real"},
                   {timeperiod(14), int_param("fastk_period", 5, 1), int_param("fastd_period", 3, 1),
                    matype("fastd_matype")},
                   {{"fastk"}, {"fastd"}},
                   [](std::span<const double> p) {
                     return stochrsi_lookback(as_int(p[0]), as_int(p[1]), as_int(p[2]), as_ma(p[3]));
                   },
                   [](auto in, auto p, auto out) {
                     return stochrsi(in[0], as_int(p[0]), as_int(p[1]), as_int(p[2]), as_ma(p[3]), out[0], out[1]);
                   }});
  specs.push_back(
      real_period<trix_lookback, trix>("trix", "1-day Rate-Of-Change (ROC) of a Triple Smooth EMA", 30, 1));
  specs.push_back({"ultosc", group, "Ultimate Oscillator", {"high", "low", "close"},
                   {int_param("timeperiod1", 7, 1), int_param("timeperiod2", 14, 1), int_param("timeperiod3", 28, 1)},
                   {{"real"}},
                   [](std::span<const double> p) { return ultosc_lookback(as_int(p[0]), as_int(p[1]), as_int(p[2])); },
                   [](auto in, auto p, auto out) {
                     return ultosc(in[0], in[1], in[2], as_int(p[0]), as_int(p[1]), as_int(p[2]), out[0]);
                   }});
  specs.push_back(hlc_period<willr_lookback, willr>("willr", "Williams' %R", 2));
  return specs;
}

}  // namespace streams::analytics
