// TA-Lib's Price Transform group (AVGDEV belongs here in TA-Lib 0.6).
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/price_transform.h"
#include "analytics/indicators/registry_util.h"

namespace streams::analytics {

using registry::as_int;

std::vector<IndicatorSpec> price_transform_specs() {
  constexpr std::string_view group = "Price Transform";
  const auto zero = [](std::span<const double>) { return 0; };
  std::vector<IndicatorSpec> specs;
  specs.push_back({"avgdev", group, "Average Deviation", {"real"}, {registry::timeperiod(14)}, {{"real"}},
                   [](std::span<const double> p) { return avgdev_lookback(as_int(p[0])); },
                   [](auto in, auto p, auto out) { return avgdev(in[0], as_int(p[0]), out[0]); }});
  specs.push_back({"avgprice", group, "Average Price", {"open", "high", "low", "close"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return avgprice(in[0], in[1], in[2], in[3], out[0]); }, true});
  specs.push_back({"medprice", group, "Median Price", {"high", "low"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return medprice(in[0], in[1], out[0]); }, true});
  specs.push_back({"typprice", group, "Typical Price", {"high", "low", "close"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return typprice(in[0], in[1], in[2], out[0]); }, true});
  specs.push_back({"wclprice", group, "Weighted Close Price", {"high", "low", "close"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return wclprice(in[0], in[1], in[2], out[0]); }, true});
  return specs;
}

}  // namespace streams::analytics
