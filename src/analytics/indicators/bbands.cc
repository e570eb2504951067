#include "analytics/indicators/bbands.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/ma.h"

namespace streams::analytics {
namespace {

// TA-Lib: a variance at or below 1e-8 gives a deviation of exactly 0.
double deviation(double variance) { return detail::is_zero_or_neg(variance) ? 0.0 : std::sqrt(variance); }

}  // namespace

// The MA's lookback (TA-Lib's), except with MAMA, whose fixed 32 can be shorter than the
// deviation's window: there the window decides, so that no row is claimed without a value.
int bbands_lookback(int timeperiod, MaType matype) { return std::max(ma_lookback(timeperiod, matype), timeperiod - 1); }

void rolling_variance(std::span<const double> in, int timeperiod, std::size_t first, std::span<double> out) {
  const std::size_t n = in.size();
  const auto p = static_cast<std::size_t>(timeperiod);
  if (n <= first || first + 1 < p) return;
  const double period = timeperiod;
  double sum = 0.0;
  double sum2 = 0.0;
  std::size_t trailing = first + 1 - p;
  for (std::size_t i = trailing; i < first; ++i) {
    sum += in[i];
    sum2 += in[i] * in[i];
  }
  for (std::size_t i = first; i < n; ++i, ++trailing) {
    const double x = in[i];
    sum += x;
    sum2 += x * x;
    const double mean = sum / period;
    const double mean2 = sum2 / period;
    const double old = in[trailing];
    sum -= old;
    sum2 -= old * old;
    out[i] = mean2 - (mean * mean);
  }
}

Result<OutRange> bbands(std::span<const double> in, int timeperiod, double nbdevup, double nbdevdn, MaType matype,
                        std::span<double> upper, std::span<double> middle, std::span<double> lower) {
  if (auto s = detail::check_int("bbands", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_real("bbands", "nbdevup", nbdevup, detail::real_min, detail::real_max); !s) return s.error();
  if (auto s = detail::check_real("bbands", "nbdevdn", nbdevdn, detail::real_min, detail::real_max); !s) return s.error();
  if (static_cast<int>(matype) < 0 || static_cast<int>(matype) > 8) {
    return detail::bad_param("bbands", "matype", "is out of range [0, 8]");
  }
  if (auto s = detail::check_lengths("bbands", {in.size()}, {upper.size(), middle.size(), lower.size()}); !s) {
    return s.error();
  }
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(bbands_lookback(timeperiod, matype));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, upper) || detail::overlaps(in, middle) || detail::overlaps(in, lower)) {
    const std::vector<double> copy(in.begin(), in.end());
    return bbands(copy, timeperiod, nbdevup, nbdevdn, matype, upper, middle, lower);
  }
  if (matype == MaType::sma) {
    // One pass: the SMA's running sum and the running sum of squares (TA-Lib's
    // stddev_using_precalc_ma gives the same numbers in a second pass).
    const double period = timeperiod;
    const double* x = in.data();
    double sum = 0.0;
    double sum2 = 0.0;
    for (std::size_t i = 0; i < lookback; ++i) {
      sum += x[i];
      sum2 += x[i] * x[i];
    }
    for (std::size_t i = lookback, trailing = 0; i < n; ++i, ++trailing) {
      const double v = x[i];
      sum += v;
      sum2 += v * v;
      const double mid = sum / period;
      const double mean2 = sum2 / period;
      const double old = x[trailing];
      sum -= old;
      sum2 -= old * old;
      const double sd = deviation(mean2 - (mid * mid));
      middle[i] = mid;
      upper[i] = mid + (sd * nbdevup);
      lower[i] = mid - (sd * nbdevdn);
    }
    return detail::written(lookback, n);
  }
  auto range = ma(in, timeperiod, matype, middle);
  if (!range) return range.error();
  for (std::size_t i = range->begin; i < lookback; ++i) middle[i] = nan;  // MAMA's earlier rows
  // The variance goes through `lower` as scratch space.
  rolling_variance(in, timeperiod, lookback, lower);
  for (std::size_t i = lookback; i < n; ++i) {
    const double sd = deviation(lower[i]);
    const double mid = middle[i];
    upper[i] = mid + (sd * nbdevup);
    lower[i] = mid - (sd * nbdevdn);
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
