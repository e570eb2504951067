// TA-Lib's Statistic Functions group (see statistic_functions.h).
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/statistic_functions.h"

namespace streams::analytics {
namespace {

constexpr std::string_view group = "Statistic Functions";
constexpr double max_period = 100000;
constexpr double max_nbdev = 3e37;

int period_of(std::span<const double> params) { return static_cast<int>(params[0]); }

template <LinearRegOutput What>
Result<OutRange> linearreg_adapter(std::span<const std::span<const double>> in, std::span<const double> params,
                                   std::span<const std::span<double>> out) {
  return linearreg(in[0], period_of(params), What, out[0]);
}

int linearreg_lookback_adapter(std::span<const double> params) { return linearreg_lookback(period_of(params)); }

}  // namespace

std::vector<IndicatorSpec> statistic_specs() {
  using Inputs = std::span<const std::span<const double>>;
  using Params = std::span<const double>;
  using Outputs = std::span<const std::span<double>>;
  const auto period = [](double fallback, double min) {
    return IndicatorParam{"timeperiod", ParamType::integer, fallback, min, max_period};
  };
  const IndicatorParam nbdev{"nbdev", ParamType::real, 1, -max_nbdev, max_nbdev};
  return {
      {"beta", group, "Beta", {"real0", "real1"}, {period(5, 1)}, {{"real"}},
       [](Params p) { return beta_lookback(period_of(p)); },
       [](Inputs in, Params p, Outputs out) { return beta(in[0], in[1], period_of(p), out[0]); }},
      {"correl", group, "Pearson's Correlation Coefficient (r)", {"real0", "real1"}, {period(30, 1)}, {{"real"}},
       [](Params p) { return correl_lookback(period_of(p)); },
       [](Inputs in, Params p, Outputs out) { return correl(in[0], in[1], period_of(p), out[0]); }},
      {"linearreg", group, "Linear Regression", {"real"}, {period(14, 2)}, {{"real"}}, linearreg_lookback_adapter,
       linearreg_adapter<LinearRegOutput::value>, true},
      {"linearreg_angle", group, "Linear Regression Angle", {"real"}, {period(14, 2)}, {{"real"}},
       linearreg_lookback_adapter, linearreg_adapter<LinearRegOutput::angle>},
      {"linearreg_intercept", group, "Linear Regression Intercept", {"real"}, {period(14, 2)}, {{"real"}},
       linearreg_lookback_adapter, linearreg_adapter<LinearRegOutput::intercept>, true},
      {"linearreg_slope", group, "Linear Regression Slope", {"real"}, {period(14, 2)}, {{"real"}},
       linearreg_lookback_adapter, linearreg_adapter<LinearRegOutput::slope>},
      {"stddev", group, "Standard Deviation", {"real"}, {period(5, 2), nbdev}, {{"real"}},
       [](Params p) { return stddev_lookback(period_of(p)); },
       [](Inputs in, Params p, Outputs out) { return stddev(in[0], period_of(p), p[1], out[0]); }},
      {"tsf", group, "Time Series Forecast", {"real"}, {period(14, 2)}, {{"real"}}, linearreg_lookback_adapter,
       linearreg_adapter<LinearRegOutput::forecast>, true},
      {"var", group, "Variance", {"real"}, {period(5, 1), nbdev}, {{"real"}},
       [](Params p) { return var_lookback(period_of(p)); },
       [](Inputs in, Params p, Outputs out) { return var(in[0], period_of(p), out[0]); }},
  };
}

}  // namespace streams::analytics
