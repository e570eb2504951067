#include "analytics/indicators/wma.h"

#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {

int wma_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> wma(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("wma", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("wma", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(wma_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return wma(copy, timeperiod, out);
  }
  // Running weighted sum: each step adds p·x_new and then subtracts the plain window sum, which
  // lowers every older weight by one (TA-Lib's order of operations).
  const double period = timeperiod;
  const double divider = static_cast<double>((timeperiod * (timeperiod + 1)) >> 1);
  double weighted = 0.0;
  double plain = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) {
    plain += in[i];
    weighted += in[i] * static_cast<double>(i + 1);
  }
  double trailing_value = 0.0;
  for (std::size_t i = lookback, trailing = 0; i < n; ++i, ++trailing) {
    const double x = in[i];
    plain += x;
    plain -= trailing_value;
    weighted += x * period;
    trailing_value = in[trailing];
    out[i] = weighted / divider;
    weighted -= plain;
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
