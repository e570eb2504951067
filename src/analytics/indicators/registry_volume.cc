// TA-Lib's Volume Indicators group (implementations in volume.h).
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/registry_util.h"
#include "analytics/indicators/volume.h"

namespace streams::analytics {

using registry::as_int;

std::vector<IndicatorSpec> volume_specs() {
  constexpr std::string_view group = "Volume Indicators";
  std::vector<IndicatorSpec> specs;
  specs.push_back({"ad", group, "Chaikin A/D Line", {"high", "low", "close", "volume"}, {}, {{"real"}},
                   [](std::span<const double>) { return ad_lookback(); },
                   [](auto in, auto, auto out) { return ad(in[0], in[1], in[2], in[3], out[0]); }});
  specs.push_back({"adosc", group, "Chaikin A/D Oscillator", {"high", "low", "close", "volume"},
                   {registry::int_param("fastperiod", 3), registry::int_param("slowperiod", 10)}, {{"real"}},
                   [](std::span<const double> p) { return adosc_lookback(as_int(p[0]), as_int(p[1])); },
                   [](auto in, auto p, auto out) {
                     return adosc(in[0], in[1], in[2], in[3], as_int(p[0]), as_int(p[1]), out[0]);
                   }});
  // python TA-Lib: obv(real, volume), `real` defaulting to close.
  specs.push_back({"obv", group, "On Balance Volume", {"real", "volume"}, {}, {{"real"}},
                   [](std::span<const double>) { return obv_lookback(); },
                   [](auto in, auto, auto out) { return obv(in[0], in[1], out[0]); }});
  return specs;
}

}  // namespace streams::analytics
