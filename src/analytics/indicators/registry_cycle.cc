// TA-Lib's Cycle Indicators group and the two Overlap Studies built on the same Hilbert-transform
// engine, mama and ht_trendline (see hilbert_cycle.h).
#include "analytics/indicators/hilbert_cycle.h"
#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {
namespace {

constexpr std::string_view group = "Cycle Indicators";
constexpr std::string_view overlap_group = "Overlap Studies";

template <int Lookback>
int fixed_lookback(std::span<const double> /*params*/) {
  return Lookback;
}

}  // namespace

std::vector<IndicatorSpec> cycle_specs() {
  using Inputs = std::span<const std::span<const double>>;
  using Params = std::span<const double>;
  using Outputs = std::span<const std::span<double>>;
  return {
      {"ht_dcperiod", group, "Hilbert Transform - Dominant Cycle Period", {"real"}, {}, {{"real"}},
       fixed_lookback<32>, [](Inputs in, Params, Outputs out) { return ht_dcperiod(in[0], out[0]); }},
      {"ht_dcphase", group, "Hilbert Transform - Dominant Cycle Phase", {"real"}, {}, {{"real"}},
       fixed_lookback<63>, [](Inputs in, Params, Outputs out) { return ht_dcphase(in[0], out[0]); }},
      {"ht_phasor", group, "Hilbert Transform - Phasor Components", {"real"}, {}, {{"inphase"}, {"quadrature"}},
       fixed_lookback<32>, [](Inputs in, Params, Outputs out) { return ht_phasor(in[0], out[0], out[1]); }},
      {"ht_sine", group, "Hilbert Transform - SineWave", {"real"}, {}, {{"sine"}, {"leadsine"}},
       fixed_lookback<63>, [](Inputs in, Params, Outputs out) { return ht_sine(in[0], out[0], out[1]); }},
      {"ht_trendmode", group, "Hilbert Transform - Trend vs Cycle Mode", {"real"}, {},
       {{"integer", OutputKind::integer}}, fixed_lookback<63>,
       [](Inputs in, Params, Outputs out) { return ht_trendmode(in[0], out[0]); }},
      {"ht_trendline", overlap_group, "Hilbert Transform - Instantaneous Trendline", {"real"}, {}, {{"real"}},
       fixed_lookback<63>, [](Inputs in, Params, Outputs out) { return ht_trendline(in[0], out[0]); },
       /*overlay=*/true},
      {"mama", overlap_group, "MESA Adaptive Moving Average", {"real"},
       {{"fastlimit", ParamType::real, 0.5, 0.01, 0.99}, {"slowlimit", ParamType::real, 0.05, 0.01, 0.99}},
       {{"mama"}, {"fama"}}, [](Params p) { return mama_lookback(p[0], p[1]); },
       [](Inputs in, Params p, Outputs out) { return mama(in[0], p[0], p[1], out[0], out[1]); }, /*overlay=*/true},
  };
}

}  // namespace streams::analytics
