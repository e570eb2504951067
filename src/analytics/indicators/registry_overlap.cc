// TA-Lib's Overlap Studies group (mama and ht_trendline are declared by the cycle family).
#include "analytics/indicators/accbands.h"
#include "analytics/indicators/bbands.h"
#include "analytics/indicators/ema.h"
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/kama.h"
#include "analytics/indicators/ma.h"
#include "analytics/indicators/min_max.h"
#include "analytics/indicators/registry_util.h"
#include "analytics/indicators/sar.h"
#include "analytics/indicators/sma.h"
#include "analytics/indicators/t3.h"
#include "analytics/indicators/trima.h"
#include "analytics/indicators/wma.h"

namespace streams::analytics {

using registry::as_int;
using registry::as_ma;

std::vector<IndicatorSpec> overlap_studies_specs() {
  constexpr std::string_view group = "Overlap Studies";
  std::vector<IndicatorSpec> specs;
  specs.push_back({"accbands", group, "Acceleration Bands", {"high", "low", "close"}, {registry::timeperiod(20)},
                   {{"upperband"}, {"middleband"}, {"lowerband"}},
                   [](std::span<const double> p) { return accbands_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) {
                     return accbands(in[0], in[1], in[2], as_int(p[0]), out[0], out[1], out[2]);
                   },
                   true});
  specs.push_back({"bbands", group, "Bollinger Bands", {"real"},
                   {registry::timeperiod(5), registry::real_param("nbdevup", 2), registry::real_param("nbdevdn", 2),
                    registry::matype()},
                   {{"upperband"}, {"middleband"}, {"lowerband"}},
                   [](std::span<const double> p) { return bbands_lookback(as_int(p[0]), as_ma(p[3])); },
                   [](auto in, auto p, auto out) {
                     return bbands(in[0], as_int(p[0]), p[1], p[2], as_ma(p[3]), out[0], out[1], out[2]);
                   },
                   true});
  specs.push_back({"dema", group, "Double Exponential Moving Average", {"real"}, {registry::timeperiod(30)},
                   {{"real"}}, [](std::span<const double> p) { return dema_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return dema(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"ema", group, "Exponential Moving Average", {"real"}, {registry::timeperiod(30)}, {{"real"}},
                   [](std::span<const double> p) { return ema_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return ema(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"kama", group, "Kaufman Adaptive Moving Average", {"real"}, {registry::timeperiod(30)}, {{"real"}},
                   [](std::span<const double> p) { return kama_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return kama(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"ma", group, "Moving average", {"real"}, {registry::timeperiod(30, 1), registry::matype()},
                   {{"real"}}, [](std::span<const double> p) { return ma_lookback(as_int(p[0]), as_ma(p[1])); },
                   [](auto in, auto p, auto out) { return ma(in[0], as_int(p[0]), as_ma(p[1]), out[0]); }, true});
  specs.push_back({"mavp", group, "Moving average with variable period", {"real", "periods"},
                   {registry::int_param("minperiod", 2), registry::int_param("maxperiod", 30), registry::matype()},
                   {{"real"}},
                   [](std::span<const double> p) { return mavp_lookback(as_int(p[0]), as_int(p[1]), as_ma(p[2])); },
                   [](auto in, auto p, auto out) {
                     return mavp(in[0], in[1], as_int(p[0]), as_int(p[1]), as_ma(p[2]), out[0]);
                   },
                   true});
  specs.push_back({"midpoint", group, "MidPoint over period", {"real"}, {registry::timeperiod(14)}, {{"real"}},
                   [](std::span<const double> p) { return min_max_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return midpoint(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"midprice", group, "Midpoint Price over period", {"high", "low"}, {registry::timeperiod(14)},
                   {{"real"}}, [](std::span<const double> p) { return min_max_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return midprice(in[0], in[1], as_int(p[0]), out[0]); }, true});
  specs.push_back({"sar", group, "Parabolic SAR", {"high", "low"},
                   {registry::real_param("acceleration", 0.02, 0), registry::real_param("maximum", 0.2, 0)},
                   {{"real"}}, [](std::span<const double>) { return sar_lookback(); },
                   [](auto in, auto p, auto out) { return sar(in[0], in[1], p[0], p[1], out[0]); }, true});
  specs.push_back({"sarext", group, "Parabolic SAR - Extended", {"high", "low"},
                   {registry::real_param("startvalue", 0), registry::real_param("offsetonreverse", 0, 0),
                    registry::real_param("accelerationinitlong", 0.02, 0),
                    registry::real_param("accelerationlong", 0.02, 0),
                    registry::real_param("accelerationmaxlong", 0.2, 0),
                    registry::real_param("accelerationinitshort", 0.02, 0),
                    registry::real_param("accelerationshort", 0.02, 0),
                    registry::real_param("accelerationmaxshort", 0.2, 0)},
                   {{"real"}}, [](std::span<const double>) { return sarext_lookback(); },
                   [](auto in, auto p, auto out) {
                     const SarExtParams params{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]};
                     return sarext(in[0], in[1], params, out[0]);
                   },
                   true});
  specs.push_back({"sma", group, "Simple Moving Average", {"real"}, {registry::timeperiod(30)}, {{"real"}},
                   [](std::span<const double> p) { return sma_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return sma(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"t3", group, "Triple Exponential Moving Average (T3)", {"real"},
                   {registry::timeperiod(5), registry::real_param("vfactor", 0.7, 0, 1)}, {{"real"}},
                   [](std::span<const double> p) { return t3_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return t3(in[0], as_int(p[0]), p[1], out[0]); }, true});
  specs.push_back({"tema", group, "Triple Exponential Moving Average", {"real"}, {registry::timeperiod(30)}, {{"real"}},
                   [](std::span<const double> p) { return tema_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return tema(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"trima", group, "Triangular Moving Average", {"real"}, {registry::timeperiod(30)}, {{"real"}},
                   [](std::span<const double> p) { return trima_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return trima(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"wma", group, "Weighted Moving Average", {"real"}, {registry::timeperiod(30)}, {{"real"}},
                   [](std::span<const double> p) { return wma_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return wma(in[0], as_int(p[0]), out[0]); }, true});
  return specs;
}

}  // namespace streams::analytics
