// TA-Lib's Volatility Indicators group (implementations in volatility.h).
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/registry_util.h"
#include "analytics/indicators/volatility.h"

namespace streams::analytics {

using registry::as_int;

std::vector<IndicatorSpec> volatility_specs() {
  constexpr std::string_view group = "Volatility Indicators";
  std::vector<IndicatorSpec> specs;
  specs.push_back({"atr", group, "Average True Range", {"high", "low", "close"}, {registry::timeperiod(14, 1)},
                   {{"real"}}, [](std::span<const double> p) { return atr_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return atr(in[0], in[1], in[2], as_int(p[0]), out[0]); }});
  specs.push_back({"natr", group, "Normalized Average True Range", {"high", "low", "close"},
                   {registry::timeperiod(14, 1)}, {{"real"}},
                   [](std::span<const double> p) { return natr_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return natr(in[0], in[1], in[2], as_int(p[0]), out[0]); }});
  specs.push_back({"trange", group, "True Range", {"high", "low", "close"}, {}, {{"real"}},
                   [](std::span<const double>) { return trange_lookback(); },
                   [](auto in, auto, auto out) { return trange(in[0], in[1], in[2], out[0]); }});
  return specs;
}

}  // namespace streams::analytics
