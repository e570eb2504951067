// Return transforms and numpy-compatible reductions.

#include <cmath>
#include <limits>

#include "analytics/statistics/statistics.h"

namespace streams::analytics::statistics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

// numpy's pairwise summation (umath loops, PW_BLOCKSIZE 128, 8-way unrolled blocks), so that
// sums and means round like np.sum / np.mean.
double pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (std::size_t j = 0; j < 8; ++j) r[j] += a[i + j];
    }
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

std::vector<double> returns(std::span<const double> x, ReturnKind kind) {
  std::vector<double> out(x.size(), kNaN);
  for (std::size_t i = 1; i < x.size(); ++i) {
    // pandas: log -> np.log(x / x.shift()); simple -> x.pct_change() = x / x.shift() - 1
    const double ratio = x[i] / x[i - 1];
    out[i] = kind == ReturnKind::log ? std::log(ratio) : ratio - 1.0;
  }
  return out;
}

std::vector<double> cumreturns(std::span<const double> x, ReturnKind kind) {
  std::vector<double> out(x.size(), kNaN);
  if (x.empty()) return out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double ratio = x[i] / x[0];
    out[i] = kind == ReturnKind::log ? std::log(ratio) : ratio - 1.0;
  }
  return out;
}

std::vector<double> normalize(std::span<const double> x) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (double v : x) {
    if (std::isnan(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  std::vector<double> out(x.size(), kNaN);
  if (!(hi >= lo)) return out;
  const double range = hi - lo;
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = (x[i] - lo) / range;  // 0/0 -> NaN when constant
  return out;
}

std::vector<double> standardize(std::span<const double> x) {
  // pandas nanops: mean = sum / count; var = sum((x - mean)^2) / (count - 1) over the non-NaN values.
  std::vector<double> valid;
  valid.reserve(x.size());
  for (double v : x) {
    if (!std::isnan(v)) valid.push_back(v);
  }
  std::vector<double> out(x.size(), kNaN);
  const std::size_t count = valid.size();
  if (count < 2) return out;
  const double mean = pairwise_sum(valid.data(), count) / static_cast<double>(count);
  for (double& v : valid) v = (v - mean) * (v - mean);
  const double var = pairwise_sum(valid.data(), count) / static_cast<double>(count - 1);
  const double sd = std::sqrt(var);
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = (x[i] - mean) / sd;
  return out;
}

}  // namespace streams::analytics::statistics
