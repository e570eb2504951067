// TA-Lib's Cycle Indicators group (the Hilbert-transform family; see hilbert_cycle.h).
#include "analytics/indicators/hilbert_cycle.h"
#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {
namespace {

constexpr std::string_view group = "Cycle Indicators";

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
  };
}

}  // namespace streams::analytics
