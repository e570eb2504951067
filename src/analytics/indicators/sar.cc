#include "analytics/indicators/sar.h"

#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/sar_state.h"

namespace streams::analytics {
namespace {

// TA-Lib decides the first direction with a one-period -DM at the first output row: short when
// the low fell more than the high rose.
bool starts_long(std::span<const double> high, std::span<const double> low) {
  const double up = high[1] - high[0];
  const double down = low[0] - low[1];
  const bool minus_dm = down > 0 && up < down;
  return !minus_dm;
}

}  // namespace

int sar_lookback() { return 1; }
int sarext_lookback() { return 1; }

Result<OutRange> sar(std::span<const double> high, std::span<const double> low, double acceleration, double maximum,
                     std::span<double> out) {
  if (auto s = detail::check_real("sar", "acceleration", acceleration, 0.0, detail::real_max); !s) return s.error();
  if (auto s = detail::check_real("sar", "maximum", maximum, 0.0, detail::real_max); !s) return s.error();
  if (auto s = detail::check_lengths("sar", {high.size(), low.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(sar_lookback());
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(high, out) || detail::overlaps(low, out)) {
    const std::vector<double> h(high.begin(), high.end());
    const std::vector<double> l(low.begin(), low.end());
    return sar(h, l, acceleration, maximum, out);
  }
  SarState state(acceleration, maximum);
  state.update(high[0], low[0]);
  for (std::size_t today = 1; today < n; ++today) out[today] = state.update(high[today], low[today]);
  return detail::written(lookback, n);
}

Result<OutRange> sarext(std::span<const double> high, std::span<const double> low, const SarExtParams& params,
                        std::span<double> out) {
  const SarExtParams& p = params;
  if (auto s = detail::check_real("sarext", "startvalue", p.startvalue, detail::real_min, detail::real_max); !s) {
    return s.error();
  }
  const std::pair<std::string_view, double> positives[] = {
      {"offsetonreverse", p.offsetonreverse},           {"accelerationinitlong", p.accelerationinitlong},
      {"accelerationlong", p.accelerationlong},         {"accelerationmaxlong", p.accelerationmaxlong},
      {"accelerationinitshort", p.accelerationinitshort}, {"accelerationshort", p.accelerationshort},
      {"accelerationmaxshort", p.accelerationmaxshort}};
  for (const auto& [name, value] : positives) {
    if (auto s = detail::check_real("sarext", name, value, 0.0, detail::real_max); !s) return s.error();
  }
  if (auto s = detail::check_lengths("sarext", {high.size(), low.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(sarext_lookback());
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(high, out) || detail::overlaps(low, out)) {
    const std::vector<double> h(high.begin(), high.end());
    const std::vector<double> l(low.begin(), low.end());
    return sarext(h, l, params, out);
  }
  double init_long = p.accelerationinitlong;
  double step_long = p.accelerationlong;
  const double max_long = p.accelerationmaxlong;
  double init_short = p.accelerationinitshort;
  double step_short = p.accelerationshort;
  const double max_short = p.accelerationmaxshort;
  if (init_long > max_long) init_long = max_long;
  if (step_long > max_long) step_long = max_long;
  if (init_short > max_short) init_short = max_short;
  if (step_short > max_short) step_short = max_short;
  double af_long = init_long;
  double af_short = init_short;

  bool is_long = true;
  double ep = 0.0;
  double sar_value = 0.0;
  if (p.startvalue == 0.0) {
    is_long = starts_long(high, low);
    if (is_long) {
      ep = high[1];
      sar_value = low[0];
    } else {
      ep = low[1];
      sar_value = high[0];
    }
  } else if (p.startvalue > 0.0) {
    is_long = true;
    ep = high[1];
    sar_value = p.startvalue;
  } else {
    is_long = false;
    ep = low[1];
    sar_value = -p.startvalue;
  }
  double new_low = low[1];
  double new_high = high[1];
  for (std::size_t today = 1; today < n; ++today) {
    const double prev_low = new_low;
    const double prev_high = new_high;
    new_low = low[today];
    new_high = high[today];
    if (is_long) {
      if (new_low <= sar_value) {
        is_long = false;
        sar_value = ep;
        if (sar_value < prev_high) sar_value = prev_high;
        if (sar_value < new_high) sar_value = new_high;
        if (p.offsetonreverse != 0.0) sar_value += sar_value * p.offsetonreverse;
        out[today] = -sar_value;
        af_short = init_short;
        ep = new_low;
        sar_value = sar_value + af_short * (ep - sar_value);
        if (sar_value < prev_high) sar_value = prev_high;
        if (sar_value < new_high) sar_value = new_high;
      } else {
        out[today] = sar_value;
        if (new_high > ep) {
          ep = new_high;
          af_long += step_long;
          if (af_long > max_long) af_long = max_long;
        }
        sar_value = sar_value + af_long * (ep - sar_value);
        if (sar_value > prev_low) sar_value = prev_low;
        if (sar_value > new_low) sar_value = new_low;
      }
    } else {
      if (new_high >= sar_value) {
        is_long = true;
        sar_value = ep;
        if (sar_value > prev_low) sar_value = prev_low;
        if (sar_value > new_low) sar_value = new_low;
        if (p.offsetonreverse != 0.0) sar_value -= sar_value * p.offsetonreverse;
        out[today] = sar_value;
        af_long = init_long;
        ep = new_high;
        sar_value = sar_value + af_long * (ep - sar_value);
        if (sar_value > prev_low) sar_value = prev_low;
        if (sar_value > new_low) sar_value = new_low;
      } else {
        out[today] = -sar_value;
        if (new_low < ep) {
          ep = new_low;
          af_short += step_short;
          if (af_short > max_short) af_short = max_short;
        }
        sar_value = sar_value + af_short * (ep - sar_value);
        if (sar_value < prev_high) sar_value = prev_high;
        if (sar_value < new_high) sar_value = new_high;
      }
    }
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
