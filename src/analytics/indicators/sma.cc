#include "analytics/indicators/sma.h"

#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {

int sma_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> sma(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("sma", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("sma", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(sma_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return sma(copy, timeperiod, out);
  }
  // TA-Lib's order of operations: add the newest value, divide, then drop the oldest.
  const double period = timeperiod;
  const double* x = in.data();
  double* y = out.data();
  double total = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) total += x[i];
  for (std::size_t i = lookback, trailing = 0; i < n; ++i, ++trailing) {
    total += x[i];
    y[i] = total / period;
    total -= x[trailing];
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
