#include "analytics/indicators/kama.h"

#include <cmath>
#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {

int kama_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> kama(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("kama", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("kama", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(kama_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return kama(copy, timeperiod, out);
  }
  const double slowest = 2.0 / (30.0 + 1.0);
  const double span = 2.0 / (2.0 + 1.0) - slowest;
  // Volatility: the sum of |x[t] - x[t+1]| over the window's `timeperiod` changes.
  double volatility = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) volatility += std::fabs(in[i] - in[i + 1]);
  double kama_value = in[lookback - 1];
  std::size_t trailing = 0;
  double trailing_value = 0.0;
  for (std::size_t today = lookback; today < n; ++today) {
    const double x = in[today];
    const double oldest = in[trailing++];
    const double change = x - oldest;
    if (today > lookback) {
      volatility -= std::fabs(trailing_value - oldest);
      volatility += std::fabs(x - in[today - 1]);
    }
    trailing_value = oldest;
    double efficiency = 1.0;
    if (!(volatility <= change || detail::is_zero(volatility))) efficiency = std::fabs(change / volatility);
    double factor = efficiency * span + slowest;
    factor *= factor;
    kama_value = (x - kama_value) * factor + kama_value;
    out[today] = kama_value;
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
