#include "analytics/indicators/trima.h"

#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {

int trima_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> trima(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("trima", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("trima", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(trima_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return trima(copy, timeperiod, out);
  }
  // The weights rise 1..m then fall. `numerator` is the weighted window sum; `sub` the sum of
  // the rising half (whose weights drop by one per step) and `add` of the falling half (whose
  // weights rise by one). Odd and even periods split the window differently (trima.md).
  const bool odd = (timeperiod % 2) == 1;
  const std::size_t half = static_cast<std::size_t>(timeperiod >> 1);
  const double factor = odd ? 1.0 / static_cast<double>((half + 1) * (half + 1))
                            : 1.0 / static_cast<double>(half * (half + 1));
  std::size_t trailing = 0;
  std::size_t middle = odd ? half : half - 1;
  std::size_t today = middle + half;
  double numerator = 0.0;
  double sub = 0.0;
  for (std::size_t i = middle + 1; i-- > trailing;) {
    sub += in[i];
    numerator += sub;
  }
  double add = 0.0;
  ++middle;
  for (std::size_t i = middle; i <= today; ++i) {
    add += in[i];
    numerator += add;
  }
  double leaving = in[trailing++];
  out[today] = numerator * factor;
  ++today;
  if (odd) {
    for (; today < n; ++today) {
      numerator -= sub;
      sub -= leaving;
      double x = in[middle++];
      sub += x;
      numerator += add;
      add -= x;
      x = in[today];
      add += x;
      numerator += x;
      leaving = in[trailing++];
      out[today] = numerator * factor;
    }
  } else {
    for (; today < n; ++today) {
      numerator -= sub;
      sub -= leaving;
      double x = in[middle++];
      sub += x;
      add -= x;
      numerator += add;
      x = in[today];
      add += x;
      numerator += x;
      leaving = in[trailing++];
      out[today] = numerator * factor;
    }
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
