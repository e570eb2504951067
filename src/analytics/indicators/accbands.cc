#include "analytics/indicators/accbands.h"

#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {
namespace {

struct Band {
  double upper;
  double lower;
};

// The per-row band inputs; where h + l is (nearly) zero TA-Lib keeps high and low as they are.
Band band(double h, double l) {
  const double sum = h + l;
  if (detail::is_zero(sum)) return {h, l};
  const double width = 4 * (h - l) / sum;
  return {h * (1 + width), l * (1 - width)};
}

}  // namespace

int accbands_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> accbands(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          int timeperiod, std::span<double> upper, std::span<double> middle, std::span<double> lower) {
  if (auto s = detail::check_int("accbands", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("accbands", {high.size(), low.size(), close.size()},
                                     {upper.size(), middle.size(), lower.size()});
      !s) {
    return s.error();
  }
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(accbands_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  for (auto in : {high, low, close}) {
    for (auto out : {upper, middle, lower}) {
      if (detail::overlaps(in, out)) {
        const std::vector<double> h(high.begin(), high.end());
        const std::vector<double> l(low.begin(), low.end());
        const std::vector<double> c(close.begin(), close.end());
        return accbands(h, l, c, timeperiod, upper, middle, lower);
      }
    }
  }
  // Three SMAs with TA-Lib's order of operations, fused; the band inputs of the row leaving the
  // window are recomputed (bit-identical) instead of stored.
  const double period = timeperiod;
  double sum_upper = 0.0;
  double sum_middle = 0.0;
  double sum_lower = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) {
    const Band b = band(high[i], low[i]);
    sum_upper += b.upper;
    sum_middle += close[i];
    sum_lower += b.lower;
  }
  for (std::size_t i = lookback, trailing = 0; i < n; ++i, ++trailing) {
    const Band b = band(high[i], low[i]);
    sum_upper += b.upper;
    sum_middle += close[i];
    sum_lower += b.lower;
    upper[i] = sum_upper / period;
    middle[i] = sum_middle / period;
    lower[i] = sum_lower / period;
    const Band old = band(high[trailing], low[trailing]);
    sum_upper -= old.upper;
    sum_middle -= close[trailing];
    sum_lower -= old.lower;
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
