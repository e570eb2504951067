// acf, pacf (every statsmodels 0.13 method) and the Ljung-Box test, following the arithmetic of
// statsmodels.tsa.stattools / statsmodels.stats.diagnostic so that results agree to rounding.

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <fmt/format.h>
#include <unsupported/Eigen/FFT>

#include <cmath>
#include <complex>
#include <cstring>
#include <limits>
#include <numbers>

#include "analytics/errc.h"
#include "analytics/statistics/statistics.h"

namespace streams::analytics::statistics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Boost.Math in double precision throughout (its default promotes to long double, ~10x slower;
// the double path is accurate to a few ulps, see the p-value references).
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

Error invalid(std::string message) {
  return make_error(errc::invalid_input, std::move(message));
}
Error bad(std::string_view key, std::string why) {
  return make_error(errc::bad_param, fmt::format("parameter '{}': {}", key, why));
}

bool has_nan(std::span<const double> x) {
  for (double v : x) {
    if (std::isnan(v)) return true;
  }
  return false;
}

double mean_of(std::span<const double> x) {
  return pairwise_sum(x.data(), x.size()) / static_cast<double>(x.size());
}

// Smallest 5-smooth number >= target (scipy.fftpack.next_fast_len / statsmodels _next_regular).
std::size_t next_regular(std::size_t target) {
  if (target <= 6) return target;
  if ((target & (target - 1)) == 0) return target;
  std::size_t best = std::numeric_limits<std::size_t>::max();
  for (std::size_t p5 = 1; p5 < best; p5 *= 5) {
    for (std::size_t p35 = p5; p35 < best; p35 *= 3) {
      std::size_t n = p35;
      while (n < target) n *= 2;
      best = std::min(best, n);
      if (p35 >= target) break;
    }
    if (p5 >= target) break;
  }
  return best;
}

// sum_t x[t] x[t+k] for k = 0..maxlag, each lag summed in increasing t (np.correlate's order).
// Lags are processed 8 to a vector and up to 64 at once so that the independent per-lag chains
// fill the pipeline; no sum is reordered (and -ffp-contract=off keeps mul + add), so every clone
// (AVX-512 / AVX2 / baseline, picked at load time) gives the same bits as the plain double loop.
using v8d = double __attribute__((vector_size(64)));

template <int NV>
__attribute__((always_inline)) inline void lag_block(const double* x, std::size_t n, std::size_t k0, std::size_t klast,
                                                     double* acc) {
  v8d a[NV];
#pragma GCC unroll 8
  for (int j = 0; j < NV; ++j) a[j] = v8d{};
  const std::size_t span = 8 * NV;
  const std::size_t full = n >= k0 + span ? n - (k0 + span) + 1 : 0;  // t with every lane in bounds
  for (std::size_t t = 0; t < full; ++t) {
    const double xt = x[t];
#pragma GCC unroll 8
    for (int j = 0; j < NV; ++j) {
      v8d v;
      std::memcpy(&v, x + t + k0 + 8 * static_cast<std::size_t>(j), sizeof v);
      a[j] += xt * v;
    }
  }
  for (std::size_t k = k0; k <= klast; ++k) acc[k] = a[(k - k0) / 8][(k - k0) % 8];
  for (std::size_t t = full; t < n; ++t) {
    for (std::size_t k = k0; k <= klast && t + k < n; ++k) acc[k] += x[t] * x[t + k];
  }
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void lagged_sums(const double* __restrict x, std::size_t n,
                                                                              std::size_t maxlag,
                                                                              double* __restrict acc) {
  for (std::size_t k0 = 0; k0 <= maxlag; k0 += 64) {
    const std::size_t klast = std::min(maxlag, k0 + 63);
    switch ((klast - k0) / 8 + 1) {
      case 1:
        lag_block<1>(x, n, k0, klast, acc);
        break;
      case 2:
        lag_block<2>(x, n, k0, klast, acc);
        break;
      case 3:
        lag_block<3>(x, n, k0, klast, acc);
        break;
      case 4:
        lag_block<4>(x, n, k0, klast, acc);
        break;
      case 5:
        lag_block<5>(x, n, k0, klast, acc);
        break;
      case 6:
        lag_block<6>(x, n, k0, klast, acc);
        break;
      case 7:
        lag_block<7>(x, n, k0, klast, acc);
        break;
      default:
        lag_block<8>(x, n, k0, klast, acc);
        break;
    }
  }
}

// Raw lagged products sum_t xo[t+k] * xo[t] for k = 0..maxlag: statsmodels' fft=True path
// (numpy fft(xo, n=next_regular(2n+1)), |F|^2, ifft) through Eigen's FFT when that is the cheaper
// way, else the direct sums. Both compute the same quantity; they differ from numpy's rounding by
// ~1e-16 of acov[0] (the references pass at 1e-13 either way).
std::vector<double> lagged_products(std::span<const double> xo, std::size_t maxlag, bool use_fft) {
  const std::size_t n = xo.size();
  std::vector<double> out(maxlag + 1, 0.0);
  const std::size_t nfft = next_regular(2 * n + 1);
  // direct: n (maxlag + 1) multiply-adds (vectorised); FFT: ~ 2 transforms of nfft points
  const double fft_cost = 12.0 * static_cast<double>(nfft) * std::log2(static_cast<double>(nfft));
  if (use_fft && fft_cost < static_cast<double>(n) * static_cast<double>(maxlag + 1)) {
    std::vector<double> padded(nfft, 0.0);
    std::copy(xo.begin(), xo.end(), padded.begin());
    Eigen::FFT<double> fft;
    std::vector<std::complex<double>> spectrum;
    fft.fwd(spectrum, padded);
    for (auto& c : spectrum) c = c * std::conj(c);
    std::vector<double> back;
    fft.inv(back, spectrum);
    for (std::size_t k = 0; k <= maxlag; ++k) out[k] = back[k];
    return out;
  }
  if (n > 0) lagged_sums(xo.data(), n, maxlag, out.data());
  return out;
}

// statsmodels acovf(x, adjusted, demean=True, fft, missing) for lags 0..maxlag.
std::vector<double> acovf(std::span<const double> x_in, std::size_t maxlag, bool adjusted, bool use_fft,
                          Missing missing) {
  const std::size_t n = x_in.size();
  std::vector<double> x(x_in.begin(), x_in.end());
  const bool masked = missing != Missing::none && has_nan(x);
  std::vector<double> mask;  // 1 where observed (conservative only)
  std::size_t observed = n;
  if (masked) {
    if (missing == Missing::conservative) {
      mask.resize(n);
      observed = 0;
      for (std::size_t i = 0; i < n; ++i) {
        mask[i] = std::isnan(x[i]) ? 0.0 : 1.0;
        if (std::isnan(x[i])) x[i] = 0.0;
        observed += mask[i] != 0.0 ? 1 : 0;
      }
    } else {  // drop
      std::erase_if(x, [](double v) { return std::isnan(v); });
      observed = x.size();
    }
  }
  const std::size_t m = x.size();
  const double mean = masked ? pairwise_sum(x.data(), m) / static_cast<double>(observed) : mean_of(x);
  for (double& v : x) v -= mean;
  if (!mask.empty()) {
    for (std::size_t i = 0; i < m; ++i) {
      if (mask[i] == 0.0) x[i] = 0.0;
    }
  }
  const std::size_t lags = std::min(maxlag, m == 0 ? 0 : m - 1);
  std::vector<double> acov = lagged_products(x, lags, use_fft);
  for (std::size_t k = 0; k <= lags; ++k) {
    double d;
    if (adjusted && !mask.empty()) {
      double c = 0;
      for (std::size_t t = 0; t + k < m; ++t) c += mask[t + k] * mask[t];
      d = c == 0 ? 1.0 : c;
    } else if (adjusted) {
      d = static_cast<double>(m - k);
    } else {
      d = static_cast<double>(observed);
    }
    acov[k] /= d;
  }
  return acov;
}

}  // namespace

namespace {

// Q(k/2, y) for whole k, the regularised upper incomplete gamma function at integer and
// half-integer arguments in closed form (DLMF 8.4.8 and 8.4.9, as a sum of positive terms):
//   k = 2m:     e^-y sum_{i<m} y^i / i!
//   k = 2m + 1: erfc(sqrt y) + e^-y sum_{i=1..m} y^(i-1/2) / Gamma(i + 1/2)
// A few times faster than the general continued fraction / series of Boost; agrees with it to
// ~1e-14 (chi2_sf tests). The terms grow while i < y: below that they are summed from the first
// with e^-y applied at the end; above it from the last (largest) down, scaled by that term
// computed in logarithms, so that neither overflows nor underflows before the result does.
double upper_gamma_half_integer(int k, double y) {
  const bool odd = k % 2 == 1;
  const int m = odd ? (k - 1) / 2 : k / 2;
  const double head = odd ? std::erfc(std::sqrt(y)) : 0.0;
  const int first = odd ? 1 : 0;
  const int last = odd ? m : m - 1;  // the terms are i = first..last
  if (last < first) return head;
  const double shift = odd ? 0.5 : 0.0;  // term i = y^(i - shift) / Gamma(i + 1 - shift)
  double sum = 0.0;
  if (y <= static_cast<double>(last)) {
    double term = odd ? 2.0 * std::sqrt(y / std::numbers::pi) : 1.0;  // term `first`
    for (int i = first; i <= last; ++i) {
      sum += term;
      term *= y / (static_cast<double>(i) + 1.0 - shift);
    }
    return head + std::exp(-y) * sum;
  }
  double term = 1.0;  // terms relative to term `last`, from it down to term `first`
  for (int i = last; i >= first; --i) {
    sum += term;
    term *= (static_cast<double>(i) - shift) / y;
  }
  const double top = static_cast<double>(last) - shift;
  return head + std::exp(-y + top * std::log(y) - std::lgamma(top + 1.0)) * sum;
}

}  // namespace

double chi2_sf(double x, double df) {
  if (std::isnan(x) || std::isnan(df)) return kNaN;
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  if (df >= 1 && df <= 1000 && df == std::floor(df)) return upper_gamma_half_integer(static_cast<int>(df), x / 2.0);
  return boost::math::gamma_q(df / 2.0, x / 2.0, DoublePolicy());
}

double norm_ppf(double p) {
  if (!(p > 0 && p < 1))
    return p == 0 ? -std::numeric_limits<double>::infinity()
                  : (p == 1 ? std::numeric_limits<double>::infinity() : kNaN);
  return boost::math::quantile(boost::math::normal_distribution<double, DoublePolicy>(), p);
}

Result<AcfResult> acf(std::span<const double> x, const AcfOptions& options) {
  const std::size_t nobs = x.size();
  if (nobs < 2) return invalid(fmt::format("acf needs at least 2 observations, got {}", nobs));
  if (options.nlags < 1) return bad("nlags", "must be >= 1");
  if (options.alpha && !(*options.alpha > 0 && *options.alpha < 1)) return bad("alpha", "must be in (0, 1)");
  if (options.missing == Missing::raise && has_nan(x)) return invalid("NaNs were encountered in the data");
  AcfResult out;
  const auto nlags = static_cast<std::size_t>(options.nlags);
  std::size_t count = nlags + 1;
  if (options.missing == Missing::none && has_nan(x)) {
    // statsmodels: NaN propagates through the mean into every autocovariance.
    count = std::min(count, nobs);
    out.acf.assign(count, kNaN);
  } else {
    std::vector<double> avf = acovf(x, nlags, options.adjusted, options.fft, options.missing);
    count = avf.size();  // statsmodels truncates to the available lags when nlags >= n
    out.acf.resize(count);
    for (std::size_t k = 0; k < count; ++k) out.acf[k] = avf[k] / avf[0];
  }
  const auto n = static_cast<double>(nobs);
  if (options.alpha) {
    const double z = norm_ppf(1.0 - *options.alpha / 2.0);
    std::vector<double> varacf{0.0};
    varacf.resize(count, 1.0 / n);
    double cum = 0;
    for (std::size_t k = 2; k < count; ++k) {
      cum += out.acf[k - 1] * out.acf[k - 1];
      varacf[k] *= 1 + 2 * cum;
    }
    out.confint_lower.resize(count);
    out.confint_upper.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
      const double interval = z * std::sqrt(varacf[k]);
      out.confint_lower[k] = out.acf[k] - interval;
      out.confint_upper[k] = out.acf[k] + interval;
    }
  }
  if (options.qstat) {
    // q_stat(acf[1:], nobs): nobs (nobs + 2) cumsum((1 / (nobs - k)) acf_k^2), chi2.sf(q, k)
    double cum = 0;
    for (std::size_t k = 1; k < count; ++k) {
      cum += (1.0 / (n - static_cast<double>(k))) * (out.acf[k] * out.acf[k]);
      const double q = n * (n + 2) * cum;
      out.qstat.push_back(q);
      out.pvalues.push_back(chi2_sf(q, static_cast<double>(k)));
    }
  }
  return out;
}

std::optional<PacfMethod> parse_pacf_method(std::string_view name) {
  if (name == "ols") return PacfMethod::ols;
  if (name == "ols-inefficient") return PacfMethod::ols_inefficient;
  if (name == "ols-adjusted") return PacfMethod::ols_adjusted;
  if (name == "yw" || name == "ywa" || name == "ywadjusted" || name == "yw_adjusted") return PacfMethod::yw;
  if (name == "ywm" || name == "ywmle" || name == "yw_mle") return PacfMethod::ywm;
  if (name == "ld" || name == "lda" || name == "ldadjusted" || name == "ld_adjusted") return PacfMethod::ld;
  if (name == "ldb" || name == "ldbiased" || name == "ld_biased") return PacfMethod::ldb;
  return std::nullopt;
}

namespace {

// Every order's Yule-Walker solution at once, when that is as accurate as solving each: the
// Toeplitz matrices of the orders are the leading blocks of the largest one, which is symmetric
// positive definite, so one LDL^T factorisation (no pivoting needed) holds all of theirs, and one
// forward substitution of r[1..nlags] gives, for every order k, y_k, where the last coefficient of
// the order-k solution is y_k / d_k. O(nlags^3 / 6) instead of solving nlags systems. Only taken
// when every pivot d_k is at least 1e-6 r[0] (the matrices are then well conditioned and the two
// ways agree to far better than 1e-9); otherwise (e.g. price levels, whose lags are nearly
// collinear) false, and the caller solves each order by LU as statsmodels does.
bool pacf_yw_nested(const std::vector<double>& r, std::vector<double>& out) {
  const std::size_t m = r.size() - 1;  // nlags
  if (m == 0) return true;
  if (!(r[0] > 0) || !std::isfinite(r[0])) return false;
  // L (unit lower, row-major m x m) and D of toeplitz(r[0..m-1]).
  std::vector<double> l(m * m, 0.0);
  std::vector<double> d(m);
  std::vector<double> y(m);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = r[i - j];  // T(i, j) = r[|i - j|]
      for (std::size_t k = 0; k < j; ++k) sum -= l[i * m + k] * l[j * m + k] * d[k];
      if (i == j) {
        if (!(sum >= 1e-6 * r[0]) || !std::isfinite(sum)) return false;
        d[i] = sum;
        l[i * m + i] = 1.0;
      } else {
        l[i * m + j] = sum / d[j];
      }
    }
    double yi = r[i + 1];
    for (std::size_t k = 0; k < i; ++k) yi -= l[i * m + k] * y[k];
    y[i] = yi;
    out[i + 1] = yi / d[i];
  }
  return true;
}

// pacf_yw: for each order k, solve the Yule-Walker system (toeplitz(r[0..k-1]) rho = r[1..k]) and
// keep rho[k-1], as statsmodels.regression.linear_model.yule_walker does.
std::vector<double> pacf_yw(std::span<const double> x_in, int nlags, bool adjusted) {
  const std::size_t n = x_in.size();
  std::vector<double> x(x_in.begin(), x_in.end());
  const double mean = mean_of(x);
  for (double& v : x) v -= mean;
  std::vector<double> r(static_cast<std::size_t>(nlags) + 1);
  lagged_sums(x.data(), n, r.size() - 1, r.data());
  for (std::size_t k = 0; k < r.size(); ++k) r[k] /= static_cast<double>(adjusted ? n - k : n);
  std::vector<double> out{1.0};
  out.resize(r.size());
  if (pacf_yw_nested(r, out)) return out;
  for (int k = 1; k <= nlags; ++k) {
    Eigen::MatrixXd toeplitz(k, k);
    for (int i = 0; i < k; ++i) {
      for (int j = 0; j < k; ++j) toeplitz(i, j) = r[static_cast<std::size_t>(std::abs(i - j))];
    }
    Eigen::VectorXd rhs(k);
    for (int i = 0; i < k; ++i) rhs(i) = r[static_cast<std::size_t>(i) + 1];
    const Eigen::VectorXd rho = toeplitz.partialPivLu().solve(rhs);
    out[static_cast<std::size_t>(k)] = rho(k - 1);
  }
  return out;
}

// pacf_ols: regress x_t on lags 1..k (efficient: with a constant, on rows t >= k; inefficient:
// demeaned, no constant, on the common rows t >= nlags) and keep the last coefficient.
std::vector<double> pacf_ols(std::span<const double> x_in, int nlags, bool efficient, bool adjusted) {
  const auto n = static_cast<Eigen::Index>(x_in.size());
  std::vector<double> x(x_in.begin(), x_in.end());
  std::vector<double> out{1.0};
  out.resize(static_cast<std::size_t>(nlags) + 1);
  if (!efficient) {
    const double mean = mean_of(x);
    for (double& v : x) v -= mean;
  }
  // The design for order k: rows t >= first(k) of [1 (efficient only), x[t-1], ..., x[t-k]].
  auto qr_coefficient = [&](int k) {
    const Eigen::Index first = efficient ? k : nlags;
    const Eigen::Index rows = n - first;
    const Eigen::Index cols = efficient ? k + 1 : k;
    Eigen::MatrixXd design(rows, cols);
    Eigen::VectorXd target(rows);
    for (Eigen::Index i = 0; i < rows; ++i) {
      const Eigen::Index t = first + i;
      target(i) = x[static_cast<std::size_t>(t)];
      Eigen::Index c = 0;
      if (efficient) design(i, c++) = 1.0;
      for (Eigen::Index lag = 1; lag <= k; ++lag) design(i, c++) = x[static_cast<std::size_t>(t - lag)];
    }
    const Eigen::VectorXd params = design.colPivHouseholderQr().solve(target);
    return params(cols - 1);
  };
  // Fast path: the normal equations of every order from one Gram matrix (rows are added as k
  // decreases, since order k uses rows t >= k), solved by Cholesky after equilibration. Their
  // rounding error grows with the square of the design's condition number, so a system whose
  // equilibrated reciprocal condition is below 1e-4 (e.g. pacf of price levels, where the lags are
  // nearly collinear) is solved by QR like lstsq instead.
  const Eigen::Index cols_all = nlags + (efficient ? 1 : 0);
  const Eigen::Index off = efficient ? 1 : 0;  // column of lag 1
  auto row_of = [&](Eigen::Index t, Eigen::VectorXd& z) {
    if (efficient) z(0) = 1.0;
    for (Eigen::Index lag = 1; lag <= nlags; ++lag)
      z(off + lag - 1) = t - lag >= 0 ? x[static_cast<std::size_t>(t - lag)] : 0.0;
  };
  const Eigen::Index base = nlags;  // rows t >= nlags are in every order's design
  Eigen::MatrixXd design(n - base, cols_all);
  Eigen::VectorXd target(n - base);
  Eigen::VectorXd z(cols_all);
  for (Eigen::Index t = base; t < n; ++t) {
    row_of(t, z);
    design.row(t - base) = z.transpose();
    target(t - base) = x[static_cast<std::size_t>(t)];
  }
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(cols_all, cols_all);
  gram.selfadjointView<Eigen::Lower>().rankUpdate(design.transpose());
  gram = gram.selfadjointView<Eigen::Lower>();
  Eigen::VectorXd rhs = design.transpose() * target;
  for (int k = nlags; k >= 1; --k) {
    if (efficient && k < nlags) {  // add row t = k
      row_of(k, z);
      gram.noalias() += z * z.transpose();
      rhs += z * x[static_cast<std::size_t>(k)];
    }
    const Eigen::Index m = efficient ? k + 1 : k;
    const Eigen::VectorXd scale = gram.diagonal().head(m).cwiseSqrt().cwiseInverse();
    const Eigen::MatrixXd g = scale.asDiagonal() * gram.topLeftCorner(m, m) * scale.asDiagonal();
    const Eigen::LLT<Eigen::MatrixXd> llt(g);
    double coefficient = kNaN;
    if (llt.info() == Eigen::Success && scale.allFinite() && llt.rcond() > 1e-4) {
      const Eigen::VectorXd beta = scale.asDiagonal() * llt.solve(scale.asDiagonal() * rhs.head(m));
      coefficient = beta(m - 1);
    } else {
      coefficient = qr_coefficient(k);
    }
    out[static_cast<std::size_t>(k)] = coefficient;
  }
  if (adjusted) {
    const auto nd = static_cast<double>(n);
    for (std::size_t k = 0; k < out.size(); ++k) out[k] *= nd / (nd - static_cast<double>(k));
  }
  return out;
}

// levinson_durbin(acovf(x, adjusted, fft=False), nlags, isacov=True)[2]
std::vector<double> pacf_ld(std::span<const double> x, int nlags, bool adjusted) {
  const std::vector<double> s = acovf(x, static_cast<std::size_t>(nlags), adjusted, false, Missing::none);
  const auto order = static_cast<std::size_t>(nlags);
  if (s.size() < order + 1 || order < 1) return std::vector<double>(order + 1, kNaN);
  std::vector<std::vector<double>> phi(order + 1, std::vector<double>(order + 1, 0.0));
  std::vector<double> sig{0.0, s[0] - (s[1] / s[0]) * s[1]};
  sig.resize(order + 1, 0.0);
  phi[1][1] = s[1] / s[0];
  for (std::size_t k = 2; k <= order; ++k) {
    double dot = 0;
    for (std::size_t j = 1; j < k; ++j) dot += phi[j][k - 1] * s[k - j];
    phi[k][k] = (s[k] - dot) / sig[k - 1];
    for (std::size_t j = 1; j < k; ++j) phi[j][k] = phi[j][k - 1] - phi[k][k] * phi[k - j][k - 1];
    sig[k] = sig[k - 1] * (1 - phi[k][k] * phi[k][k]);
  }
  std::vector<double> out{1.0};
  for (std::size_t k = 1; k <= order; ++k) out.push_back(phi[k][k]);
  return out;
}

}  // namespace

Result<PacfResult> pacf(std::span<const double> x, const PacfOptions& options) {
  const std::size_t n = x.size();
  if (options.nlags < 1) return bad("nlags", "must be >= 1");
  if (static_cast<std::size_t>(options.nlags) >= n / 2) {
    return bad("nlags", fmt::format("can only compute partial correlations for lags up to 50% of the sample "
                                    "size: the requested nlags {} must be < {}",
                                    options.nlags, n / 2));
  }
  if (options.alpha && !(*options.alpha > 0 && *options.alpha < 1)) return bad("alpha", "must be in (0, 1)");
  if (has_nan(x)) return invalid("pacf cannot use missing values (NaN) in the series");
  bool constant = true;
  for (double v : x) constant = constant && v == x[0];
  if (constant) return invalid("pacf of a constant series is undefined (singular Yule-Walker system)");
  PacfResult out;
  switch (options.method) {
    case PacfMethod::yw:
      out.pacf = pacf_yw(x, options.nlags, true);
      break;
    case PacfMethod::ywm:
      out.pacf = pacf_yw(x, options.nlags, false);
      break;
    case PacfMethod::ols:
      out.pacf = pacf_ols(x, options.nlags, true, false);
      break;
    case PacfMethod::ols_inefficient:
      out.pacf = pacf_ols(x, options.nlags, false, false);
      break;
    case PacfMethod::ols_adjusted:
      out.pacf = pacf_ols(x, options.nlags, true, true);
      break;
    case PacfMethod::ld:
      out.pacf = pacf_ld(x, options.nlags, true);
      break;
    case PacfMethod::ldb:
      out.pacf = pacf_ld(x, options.nlags, false);
      break;
  }
  if (options.alpha) {
    const double interval = norm_ppf(1.0 - *options.alpha / 2.0) * std::sqrt(1.0 / static_cast<double>(n));
    out.confint_lower.resize(out.pacf.size());
    out.confint_upper.resize(out.pacf.size());
    for (std::size_t k = 0; k < out.pacf.size(); ++k) {
      out.confint_lower[k] = k == 0 ? out.pacf[0] : out.pacf[k] - interval;
      out.confint_upper[k] = k == 0 ? out.pacf[0] : out.pacf[k] + interval;
    }
  }
  return out;
}

Result<LjungBoxResult> ljungbox(std::span<const double> x, const LjungBoxOptions& options) {
  const std::size_t nobs = x.size();
  if (options.lags < 1) return bad("lags", "must be >= 1");
  if (options.model_df < 0) return bad("model_df", "must be >= 0");
  if (nobs < 2) return invalid(fmt::format("ljungbox needs at least 2 observations, got {}", nobs));
  if (static_cast<std::size_t>(options.lags) >= nobs) {
    return bad("lags", fmt::format("{} must be smaller than the number of observations ({})", options.lags, nobs));
  }
  AcfOptions acf_options;
  acf_options.nlags = options.lags;
  acf_options.fft = false;
  acf_options.alpha = std::nullopt;
  auto sacf = acf(x, acf_options);
  if (!sacf) return sacf.error();
  const std::vector<double>& r = sacf->acf;
  const auto n = static_cast<double>(nobs);
  LjungBoxResult out;
  double cum = 0;
  double cum_bp = 0;
  for (std::size_t k = 1; k <= static_cast<std::size_t>(options.lags); ++k) {
    const double kd = static_cast<double>(k);
    cum += r[k] * r[k] / (n - kd);
    cum_bp += r[k] * r[k];
    const double q = n * (n + 2) * cum;
    const double adj = kd - options.model_df;
    out.lb_stat.push_back(q);
    out.lb_pvalue.push_back(adj > 0 ? chi2_sf(q, adj) : kNaN);
    if (options.boxpierce) {
      const double qbp = n * cum_bp;
      out.bp_stat.push_back(qbp);
      out.bp_pvalue.push_back(adj > 0 ? chi2_sf(qbp, adj) : kNaN);
    }
  }
  return out;
}

}  // namespace streams::analytics::statistics
