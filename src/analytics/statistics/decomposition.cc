// Seasonal decomposition: STL (Cleveland, Cleveland, McRae & Terpenning 1990) with the loess
// smoother, jumps and robustness weights arranged as in statsmodels' STL (a port of the original
// Fortran), and the classical moving-average decomposition of seasonal_decompose.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "analytics/errc.h"
#include "analytics/statistics/statistics.h"

namespace streams::analytics::statistics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Error bad(std::string_view key, std::string why) {
  return make_error(errc::bad_param, fmt::format("parameter '{}': {}", key, why));
}

// est() for the points i in [first, last) whose window is symmetric ([i - half, i + half],
// 0-based) and unweighted, vectorised across points: every point shares the normalised tricube
// weights k0 (est's w / a, identical values), and each point's local-linear correction and final
// sum are computed with est's operations in est's order, so the results are bit-identical.
// scratch: 3 arrays of at least `last` doubles.
__attribute__((target_clones("avx512f", "avx2", "default"))) void loess_symmetric(
    const double* __restrict y, int first, int last, int half, const double* __restrict k0, int ideg, double range,
    double* __restrict ys, double* __restrict a1, double* __restrict c, double* __restrict b) {
  const int len = 2 * half + 1;
  if (ideg > 0) {
    for (int i = first; i < last; ++i) a1[i - first] = 0.0;
    for (int d = 0; d < len; ++d) {
      const double kd = k0[d];
      for (int i = first; i < last; ++i) a1[i - first] = a1[i - first] + kd * static_cast<double>(i - half + d + 1);
    }
    for (int i = first; i < last; ++i) c[i - first] = 0.0;
    for (int d = 0; d < len; ++d) {
      const double kd = k0[d];
      for (int i = first; i < last; ++i) {
        const double t = static_cast<double>(i - half + d + 1) - a1[i - first];
        c[i - first] = c[i - first] + kd * (t * t);
      }
    }
    // b = 0 where est skips the correction: the factor b (j - a) + 1 is then exactly 1.
    const double threshold = 0.001 * range;
    for (int i = first; i < last; ++i) {
      const double slope = (static_cast<double>(i + 1) - a1[i - first]) / c[i - first];
      b[i - first] = std::sqrt(c[i - first]) > threshold ? slope : 0.0;
    }
  } else {
    for (int i = first; i < last; ++i) a1[i - first] = b[i - first] = 0.0;
  }
  for (int i = first; i < last; ++i) ys[i] = 0.0;
  for (int d = 0; d < len; ++d) {
    const double kd = k0[d];
    const double* src = y + (d - half);
    for (int i = first; i < last; ++i) {
      const double w = kd * (b[i - first] * (static_cast<double>(i - half + d + 1) - a1[i - first]) + 1.0);
      ys[i] = ys[i] + w * src[i];
    }
  }
}

// The same with robustness weights: point i's weights are tri[d] rw[i - half + d] / a_i (est's
// operations, in est's order). A point whose weights
// are all zero gets y[i], as est's NaN return makes ess do. w: len rows of last - first values.
__attribute__((target_clones("avx512f", "avx2", "default"))) void loess_symmetric_weighted(
    const double* __restrict y, int first, int last, int half, const double* __restrict tri,
    const double* __restrict rw, int ideg, double range, double* __restrict ys, double* __restrict a1,
    double* __restrict c, double* __restrict b, double* __restrict w) {
  const int len = 2 * half + 1;
  const auto stride = static_cast<std::ptrdiff_t>(last - first);
  for (int i = first; i < last; ++i) c[i - first] = 0.0;  // c holds the weight sums a_i first
  for (int d = 0; d < len; ++d) {
    const double td = tri[d];
    const double* r = rw + (d - half);
    double* wd = w + d * stride;
    for (int i = first; i < last; ++i) {
      wd[i - first] = td * r[i];
      c[i - first] = c[i - first] + wd[i - first];
    }
  }
  for (int d = 0; d < len; ++d) {
    double* wd = w + d * stride;
    for (int i = first; i < last; ++i) wd[i - first] = wd[i - first] / c[i - first];
  }
  for (int i = first; i < last; ++i) b[i - first] = c[i - first];  // keep a_i for the final check
  if (ideg > 0) {
    for (int i = first; i < last; ++i) a1[i - first] = 0.0;
    for (int d = 0; d < len; ++d) {
      const double* wd = w + d * stride;
      for (int i = first; i < last; ++i)
        a1[i - first] = a1[i - first] + wd[i - first] * static_cast<double>(i - half + d + 1);
    }
    for (int i = first; i < last; ++i) c[i - first] = 0.0;
    for (int d = 0; d < len; ++d) {
      const double* wd = w + d * stride;
      for (int i = first; i < last; ++i) {
        const double t = static_cast<double>(i - half + d + 1) - a1[i - first];
        c[i - first] = c[i - first] + wd[i - first] * (t * t);
      }
    }
    const double threshold = 0.001 * range;
    for (int i = first; i < last; ++i) {
      const double slope = (static_cast<double>(i + 1) - a1[i - first]) / c[i - first];
      c[i - first] = std::sqrt(c[i - first]) > threshold ? slope : 0.0;  // c now holds the slope b
    }
  } else {
    for (int i = first; i < last; ++i) a1[i - first] = c[i - first] = 0.0;
  }
  for (int i = first; i < last; ++i) ys[i] = 0.0;
  for (int d = 0; d < len; ++d) {
    const double* wd = w + d * stride;
    const double* src = y + (d - half);
    for (int i = first; i < last; ++i) {
      const double wi = wd[i - first] * (c[i - first] * (static_cast<double>(i - half + d + 1) - a1[i - first]) + 1.0);
      ys[i] = ys[i] + wi * src[i];
    }
  }
  for (int i = first; i < last; ++i) {
    if (!(b[i - first] > 0)) ys[i] = y[i];
  }
}

// The same sums for short windows (len <= 15: every seasonal and trend window of STL's small
// periods) with eight points to a vector and each point's whole window in registers: one pass
// instead of six over rows of weights. Same operations in the same order (-ffp-contract=off: no
// fusing), so the same doubles. GCC's generic vectors: zmm in the AVX-512 clone, pairs of ymm or
// quadruples of xmm in the others.
using Lanes = double __attribute__((vector_size(64)));
constexpr int kLanes = 8;

template <int Len>
[[gnu::always_inline]] inline void weighted_block(const double* __restrict y, int i, const double* __restrict tri,
                                                  const double* __restrict rw, int ideg, double threshold,
                                                  double* __restrict ys) {
  constexpr int half = (Len - 1) / 2;
  const Lanes iota = {0, 1, 2, 3, 4, 5, 6, 7};
  Lanes w[Len];
  Lanes a = {};
#pragma GCC unroll 16
  for (int d = 0; d < Len; ++d) {
    Lanes r;  // unaligned load (memcpy: no vector passed by value, whose ABI depends on the clone)
    std::memcpy(&r, rw + i - half + d, sizeof r);
    w[d] = tri[d] * r;
    a = a + w[d];
  }
#pragma GCC unroll 16
  for (int d = 0; d < Len; ++d) w[d] = w[d] / a;
  const Lanes first_pos = iota + static_cast<double>(i - half + 1);  // position (1-based) of tap 0
  Lanes a1 = {};
  Lanes slope = {};
  if (ideg > 0) {
#pragma GCC unroll 16
    for (int d = 0; d < Len; ++d) a1 = a1 + w[d] * (first_pos + static_cast<double>(d));
    Lanes c = {};
#pragma GCC unroll 16
    for (int d = 0; d < Len; ++d) {
      const Lanes t = (first_pos + static_cast<double>(d)) - a1;
      c = c + w[d] * (t * t);
    }
    const Lanes fit = ((iota + static_cast<double>(i + 1)) - a1) / c;
    for (int k = 0; k < kLanes; ++k) slope[k] = std::sqrt(c[k]) > threshold ? fit[k] : 0.0;
  }
  Lanes sum = {};
#pragma GCC unroll 16
  for (int d = 0; d < Len; ++d) {
    const Lanes wi = w[d] * (slope * ((first_pos + static_cast<double>(d)) - a1) + 1.0);
    Lanes v;
    std::memcpy(&v, y + i - half + d, sizeof v);
    sum = sum + wi * v;
  }
  for (int k = 0; k < kLanes; ++k) ys[i + k] = a[k] > 0 ? sum[k] : y[i + k];
}

template <int Len>
[[gnu::always_inline]] inline int weighted_blocks(const double* y, int first, int last, const double* tri,
                                                  const double* rw, int ideg, double threshold, double* ys) {
  int i = first;
  for (; i + kLanes <= last; i += kLanes) weighted_block<Len>(y, i, tri, rw, ideg, threshold, ys);
  return i;
}

// Points [first, last) of loess_symmetric_weighted for windows of up to 15 values, eight at a
// time; returns the first point left (fewer than eight, or all for longer windows).
__attribute__((target_clones("avx512f", "avx2", "default"))) int loess_symmetric_weighted_short(
    const double* y, int first, int last, int half, const double* tri, const double* rw, int ideg, double range,
    double* ys) {
  const double threshold = 0.001 * range;
  switch (2 * half + 1) {
    case 3:
      return weighted_blocks<3>(y, first, last, tri, rw, ideg, threshold, ys);
    case 5:
      return weighted_blocks<5>(y, first, last, tri, rw, ideg, threshold, ys);
    case 7:
      return weighted_blocks<7>(y, first, last, tri, rw, ideg, threshold, ys);
    case 9:
      return weighted_blocks<9>(y, first, last, tri, rw, ideg, threshold, ys);
    case 11:
      return weighted_blocks<11>(y, first, last, tri, rw, ideg, threshold, ys);
    case 13:
      return weighted_blocks<13>(y, first, last, tri, rw, ideg, threshold, ys);
    case 15:
      return weighted_blocks<15>(y, first, last, tri, rw, ideg, threshold, ys);
    default:
      return first;
  }
}

constexpr int kChunk = 512;  // points per vectorised loess block (bounds the scratch rows)

// One STL fit. Indices follow the Fortran original (1-based positions for xs, nleft, nright);
// arrays are 0-based pointers.
class Stl {
 public:
  Stl(std::span<const double> y, int np, int ns, int nt, int nl, int isdeg, int itdeg, int ildeg, int nsjump,
      int ntjump, int nljump)
      : y_(y),
        n_(static_cast<int>(y.size())),
        np_(np),
        ns_(ns),
        nt_(nt),
        nl_(nl),
        isdeg_(isdeg),
        itdeg_(itdeg),
        ildeg_(ildeg),
        nsjump_(nsjump),
        ntjump_(ntjump),
        nljump_(nljump),
        n2_(y.size() + 2 * static_cast<std::size_t>(np)) {
    // One buffer for every array (one allocation per fit): trend, season, rw, sorted, 5 work rows,
    // and the loess scratch (3 rows of kChunk + the robust weight rows, max window x kChunk).
    const std::size_t n = y.size();
    const auto max_len = static_cast<std::size_t>(std::max({ns, nt, nl}));
    scratch_size_ = (3 + max_len) * kChunk;
    buf_.resize(4 * n + 5 * n2_ + scratch_size_);
    double* p = buf_.data();
    trend_ = p;
    season_ = p + n;
    rw_ = p + 2 * n;
    sorted_ = p + 3 * n;
    for (int r = 0; r < 5; ++r) work_[r] = p + 4 * n + static_cast<std::size_t>(r) * n2_;
    scratch_ = p + 4 * n + 5 * n2_;
    std::fill(rw_, rw_ + n, 1.0);
  }

  void fit(int inner, int outer) {
    bool userw = false;
    int k = 0;
    while (true) {
      onestep(inner, userw);
      ++k;
      if (k > outer) break;
      for (int i = 0; i < n_; ++i) work_[0][i] = trend_[i] + season_[i];
      robustness_weights();
      userw = true;
    }
  }

  Decomposition result() const {
    Decomposition d;
    d.trend.assign(trend_, trend_ + y_.size());
    d.seasonal.assign(season_, season_ + y_.size());
    d.resid.resize(y_.size());
    for (std::size_t i = 0; i < y_.size(); ++i) d.resid[i] = y_[i] - season_[i] - trend_[i];
    return d;
  }

 private:
  void onestep(int inner, bool userw) {
    for (int j = 0; j < inner; ++j) {
      for (int i = 0; i < n_; ++i) work_[0][i] = y_[i] - trend_[i];
      seasonal_smooth(userw);
      low_pass_filter();
      ess(work_[2], n_, nl_, ildeg_, nljump_, false, rw_, work_[0], work_[4]);
      for (int i = 0; i < n_; ++i) {
        season_[i] = work_[1][np_ + i] - work_[0][i];
        work_[0][i] = y_[i] - season_[i];
      }
      ess(work_[0], n_, nt_, itdeg_, ntjump_, userw, rw_, trend_, work_[2]);
    }
  }

  // Tricube weights (1 - (r/h)^3)^3 for r = 0..h, with the original's cut-offs (1 within
  // 0.001 h, 0 beyond 0.999 h), computed once per window half-width h (always an integer here).
  const std::vector<double>& tricube(double h) {
    const auto key = static_cast<std::size_t>(h);
    if (key >= tricube_.size()) tricube_.resize(key + 1);
    std::vector<double>& t = tricube_[key];
    if (t.empty()) {
      t.resize(key + 1);
      const double h9 = 0.999 * h;
      const double h1 = 0.001 * h;
      for (std::size_t r = 0; r <= key; ++r) {
        const double rd = static_cast<double>(r);
        t[r] = rd <= h9 ? (rd <= h1 ? 1.0 : std::pow(1.0 - std::pow(rd / h, 3.0), 3.0)) : 0.0;
      }
    }
    return t;
  }

  // Local (weighted) linear or constant fit at position xs over [nleft, nright]; NaN when every
  // weight is zero.
  double est(const double* y, int n, int len, int ideg, int xs, int nleft, int nright, double* w, bool userw,
             const double* rw) {
    const double range = n - 1.0;
    double h = std::max(xs - nleft, nright - xs);
    if (len > n) h += std::floor((len - n) / 2.0);
    const std::vector<double>& tri = tricube(h);
    double a = 0.0;
    for (int j = nleft - 1; j < nright; ++j) {
      w[j] = tri[static_cast<std::size_t>(std::abs(j + 1 - xs))];
      if (userw) w[j] = w[j] * rw[j];
      a = a + w[j];
    }
    if (a <= 0) return kNaN;
    for (int j = nleft - 1; j < nright; ++j) w[j] = w[j] / a;
    if (h > 0 && ideg > 0) {
      a = 0.0;
      for (int j = nleft - 1; j < nright; ++j) a = a + w[j] * (j + 1);
      double b = xs - a;
      double c = 0.0;
      for (int j = nleft - 1; j < nright; ++j) c = c + w[j] * ((j + 1 - a) * (j + 1 - a));
      if (std::sqrt(c) > 0.001 * range) {
        b = b / c;
        for (int j = nleft - 1; j < nright; ++j) w[j] = w[j] * (b * (j + 1 - a) + 1.0);
      }
    }
    double ys = 0.0;
    for (int j = nleft - 1; j < nright; ++j) ys = ys + w[j] * y[j];
    return ys;
  }

  // Without robustness weights, every point whose window is symmetric (half-width (len-1)/2)
  // starts from the same normalised tricube weights; loess_symmetric() finishes those points,
  // the rest go through est().
  void symmetric_kernel(int len, std::vector<double>& kernel) {
    const int half = (len - 1) / 2;
    const std::vector<double>& tri = tricube(half);
    kernel.resize(static_cast<std::size_t>(len));
    double a = 0.0;
    for (int d = -half; d <= half; ++d) a = a + tri[static_cast<std::size_t>(std::abs(d))];
    for (int d = -half; d <= half; ++d)
      kernel[static_cast<std::size_t>(d + half)] = tri[static_cast<std::size_t>(std::abs(d))] / a;
  }

  // The raw tricube weights of a symmetric window, d = -half..half.
  void symmetric_tricube(int half, std::vector<double>& out) {
    const std::vector<double>& tri = tricube(half);
    out.resize(static_cast<std::size_t>(2 * half + 1));
    for (int d = -half; d <= half; ++d)
      out[static_cast<std::size_t>(d + half)] = tri[static_cast<std::size_t>(std::abs(d))];
  }

  // Loess smoothing of y[0..n) with window len, evaluated every njump points and linearly
  // interpolated in between.
  void ess(const double* y, int n, int len, int ideg, int njump, bool userw, const double* rw, double* ys,
           double* res) {
    if (n < 2) {
      ys[0] = y[0];
      return;
    }
    const int newnj = std::min(njump, n - 1);
    int nleft = 0;
    int nright = 0;
    auto fit_at = [&](int i) {
      ys[i] = est(y, n, len, ideg, i + 1, nleft, nright, res, userw, rw);
      if (std::isnan(ys[i])) ys[i] = y[i];
    };
    if (len >= n) {
      nleft = 1;
      nright = n;
      for (int i = 0; i < n; i += newnj) fit_at(i);
    } else if (newnj == 1) {
      const int nsh = (len + 2) / 2;
      // Points i in [first, last) have the window [i - half, i + half] (1-based xs = i + 1).
      const int half = (len - 1) / 2;
      const bool kernel_ok = len % 2 == 1 && half > 0;
      const int first = nsh - 1;
      const int last = n - half;
      nleft = 1;
      nright = len;
      for (int i = 0; i < n; ++i) {
        if (i + 1 > nsh && nright != n) {
          ++nleft;
          ++nright;
        }
        if (kernel_ok && i == first && last > first) {
          if (userw) {
            symmetric_tricube(half, kernel_);
          } else {
            symmetric_kernel(len, kernel_);
          }
          for (int from = first; from < last; from += kChunk) {
            const int to = std::min(last, from + kChunk);
            double* a1 = scratch_;
            double* c = a1 + kChunk;
            double* b = c + kChunk;
            if (userw) {
              const int rest = loess_symmetric_weighted_short(y, from, to, half, kernel_.data(), rw, ideg, n - 1.0, ys);
              if (rest < to) {
                loess_symmetric_weighted(y, rest, to, half, kernel_.data(), rw, ideg, n - 1.0, ys, a1, c, b,
                                         b + kChunk);
              }
            } else {
              loess_symmetric(y, from, to, half, kernel_.data(), ideg, n - 1.0, ys, a1, c, b);
            }
          }
          nleft += last - 1 - first;
          nright += last - 1 - first;
          i = last - 1;
          continue;
        }
        fit_at(i);
      }
    } else {
      const int nsh = (len + 1) / 2;
      for (int i = 0; i < n; i += newnj) {
        if (i + 1 < nsh) {
          nleft = 1;
          nright = len;
        } else if (i + 1 >= n - nsh + 1) {
          nleft = n - len + 1;
          nright = n;
        } else {
          nleft = i + 1 - nsh + 1;
          nright = len + i + 1 - nsh;
        }
        fit_at(i);
      }
    }
    if (newnj == 1) return;
    for (int i = 0; i < n - newnj; i += newnj) {
      const double delta = (ys[i + newnj] - ys[i]) / newnj;
      for (int j = i; j < i + newnj; ++j) ys[j] = ys[i] + delta * ((j + 1) - (i + 1));
    }
    const int k = ((n - 1) / newnj) * newnj + 1;
    if (k != n) {
      fit_at(n - 1);  // with the window of the last evaluated point, as the original
      if (k != n - 1) {
        const double delta = (ys[n - 1] - ys[k - 1]) / (n - k);
        for (int j = k; j < n; ++j) ys[j] = ys[k - 1] + delta * ((j + 1) - k);
      }
    }
  }

  static void moving_average(const double* x, int n, int len, double* ave) {
    const int newn = n - len + 1;
    const double flen = len;
    double v = 0.0;
    for (int i = 0; i < len; ++i) v = v + x[i];
    ave[0] = v / flen;
    int k = len;
    int m = 0;
    for (int j = 1; j < newn; ++j) {
      v += x[k] - x[m];
      ave[j] = v / flen;
      ++k;
      ++m;
    }
  }

  void low_pass_filter() {
    const int n = n_ + 2 * np_;
    moving_average(work_[1], n, np_, work_[2]);
    moving_average(work_[2], n - np_ + 1, np_, work_[0]);
    moving_average(work_[0], n - 2 * np_ + 2, 3, work_[2]);
  }

  // Smooths each cycle-subseries, extended by one point at both ends, into work_[1].
  void seasonal_smooth(bool userw) {
    const double* y = work_[0];
    double* season = work_[1];
    double* work1 = work_[2];
    double* work2 = work_[3];
    double* work3 = work_[4];
    double* work4 = season_;  // scratch, overwritten after this step
    for (int j = 0; j < np_; ++j) {
      const int k = (n_ - (j + 1)) / np_ + 1;
      for (int i = 0; i < k; ++i) work1[i] = y[i * np_ + j];
      if (userw) {
        for (int i = 0; i < k; ++i) work3[i] = rw_[static_cast<std::size_t>(i * np_ + j)];
      }
      ess(work1, k, ns_, isdeg_, nsjump_, userw, work3, work2 + 1, work4);
      int nright = std::min(ns_, k);
      work2[0] = est(work1, k, ns_, isdeg_, 0, 1, nright, work4, userw, work3);
      if (std::isnan(work2[0])) work2[0] = work2[1];
      const int nleft = std::max(1, k - ns_ + 1);
      work2[k + 1] = est(work1, k, ns_, isdeg_, k + 1, nleft, k, work4, userw, work3);
      if (std::isnan(work2[k + 1])) work2[k + 1] = work2[k];
      for (int m = 0; m < k + 2; ++m) season[m * np_ + j] = work2[m];
    }
  }

  void robustness_weights() {
    const double* fit = work_[0];
    for (int i = 0; i < n_; ++i) rw_[i] = std::fabs(y_[i] - fit[i]);
    double* sorted = sorted_;
    std::copy(rw_, rw_ + n_, sorted);
    const std::size_t mid0 = static_cast<std::size_t>(n_) / 2;
    const std::size_t mid1 = static_cast<std::size_t>(n_) - mid0 - 1;
    std::nth_element(sorted, sorted + mid0, sorted + n_);
    const double a = sorted[mid0];
    // mid1 is mid0 (n odd) or mid0 - 1 (n even): the largest value left of mid0.
    const double b = mid1 == mid0 ? a : *std::max_element(sorted, sorted + mid0);
    const double cmad = 3.0 * (a + b);
    if (cmad == 0) {
      std::fill(rw_, rw_ + n_, 1.0);
      return;
    }
    const double c9 = 0.999 * cmad;
    const double c1 = 0.001 * cmad;
    for (double& r : std::span<double>(rw_, static_cast<std::size_t>(n_))) {
      if (r <= c1) {
        r = 1.0;
      } else if (r <= c9) {
        r = std::pow(1.0 - std::pow(r / cmad, 2.0), 2.0);
      } else {
        r = 0.0;
      }
    }
  }

  std::span<const double> y_;
  int n_, np_, ns_, nt_, nl_, isdeg_, itdeg_, ildeg_, nsjump_, ntjump_, nljump_;
  std::size_t n2_;
  std::vector<double> buf_;
  double* trend_ = nullptr;
  double* season_ = nullptr;
  double* rw_ = nullptr;
  double* sorted_ = nullptr;
  double* work_[5] = {};
  double* scratch_ = nullptr;
  std::size_t scratch_size_ = 0;
  std::vector<std::vector<double>> tricube_;
  std::vector<double> kernel_;
};

bool odd_at_least_3(int v) {
  return v >= 3 && v % 2 == 1;
}

}  // namespace

Result<Decomposition> stl(std::span<const double> x, const StlOptions& o) {
  if (o.period < 2) return bad("period", "must be a positive integer >= 2");
  if (!odd_at_least_3(o.seasonal)) return bad("seasonal", "must be an odd positive integer >= 3");
  int trend = 0;
  if (o.trend) {
    trend = *o.trend;
  } else {
    trend = static_cast<int>(std::ceil(1.5 * o.period / (1 - 1.5 / o.seasonal)));
    trend += trend % 2 == 0 ? 1 : 0;
  }
  if (!odd_at_least_3(trend) || trend <= o.period) {
    return bad("trend", "must be an odd positive integer >= 3 where trend > period");
  }
  int low_pass = 0;
  if (o.low_pass) {
    low_pass = *o.low_pass;
  } else {
    low_pass = o.period + 1;
    low_pass += low_pass % 2 == 0 ? 1 : 0;
  }
  if (!odd_at_least_3(low_pass) || low_pass <= o.period) {
    return bad("low_pass", "must be an odd positive integer >= 3 where low_pass > period");
  }
  for (auto [key, deg] : {std::pair<std::string_view, int>{"seasonal_deg", o.seasonal_deg},
                          {"trend_deg", o.trend_deg},
                          {"low_pass_deg", o.low_pass_deg}}) {
    if (deg != 0 && deg != 1) return bad(key, "must be 0 or 1");
  }
  for (auto [key, jump] : {std::pair<std::string_view, int>{"seasonal_jump", o.seasonal_jump},
                           {"trend_jump", o.trend_jump},
                           {"low_pass_jump", o.low_pass_jump}}) {
    if (jump < 1) return bad(key, "must be a positive integer");
  }
  const int inner = o.inner_iter.value_or(o.robust ? 2 : 5);
  const int outer = o.outer_iter.value_or(o.robust ? 15 : 0);
  if (inner < 1) return bad("inner_iter", "must be >= 1");
  if (outer < 0) return bad("outer_iter", "must be >= 0");
  if (x.empty()) return make_error(errc::insufficient_data, "stl needs at least one observation");
  for (double v : x) {
    if (!std::isfinite(v)) return make_error(errc::invalid_input, "stl cannot use missing values (NaN) in the series");
  }
  Stl fit(x, o.period, o.seasonal, trend, low_pass, o.seasonal_deg, o.trend_deg, o.low_pass_deg, o.seasonal_jump,
          o.trend_jump, o.low_pass_jump);
  fit.fit(inner, outer);
  return fit.result();
}

namespace {

// statsmodels _extrapolate_trend: least-squares lines through the first / last npoints trend values.
void extrapolate_trend(std::vector<double>& trend, int npoints) {
  const int n = static_cast<int>(trend.size());
  int front = 0;
  while (front < n && std::isnan(trend[front])) ++front;
  int back = n - 1;
  while (back >= 0 && std::isnan(trend[back])) --back;
  if (front >= n || back < 0) return;
  auto fit_line = [&](int from, int to, double& slope, double& intercept) {  // points from..to-1
    const int m = to - from;
    double sx = 0, sy = 0;
    for (int i = from; i < to; ++i) {
      sx += i;
      sy += trend[i];
    }
    const double mx = sx / m;
    const double my = sy / m;
    double sxx = 0, sxy = 0;
    for (int i = from; i < to; ++i) {
      sxx += (i - mx) * (i - mx);
      sxy += (i - mx) * (trend[i] - my);
    }
    slope = sxx > 0 ? sxy / sxx : 0.0;
    intercept = my - slope * mx;
  };
  const int front_last = std::min(front + npoints, back);
  const int back_first = std::max(front, back - npoints);
  double k = 0;
  double c = 0;
  if (front_last > front) {
    fit_line(front, front_last, k, c);
    for (int i = 0; i < front; ++i) trend[i] = i * k + c;
  }
  if (back > back_first) {
    fit_line(back_first, back, k, c);
    for (int i = back + 1; i < n; ++i) trend[i] = i * k + c;
  }
}

}  // namespace

Result<Decomposition> seasonal_decompose(std::span<const double> x, const SeasonalDecomposeOptions& o) {
  const int period = o.period;
  if (period < 1) return bad("period", "must be a positive integer");
  if (o.extrapolate_trend < 0) return bad("extrapolate_trend", "must be >= 0");
  for (double v : x) {
    if (!std::isfinite(v)) return make_error(errc::invalid_input, "This function does not handle missing values");
  }
  const bool mult = o.model == SeasonalModel::multiplicative;
  if (mult) {
    for (double v : x) {
      if (v <= 0) {
        return make_error(errc::invalid_input,
                          "Multiplicative seasonality is not appropriate for zero and negative values");
      }
    }
  }
  const int n = static_cast<int>(x.size());
  if (n < 2 * period) {
    return make_error(errc::insufficient_data,
                      fmt::format("x must have 2 complete cycles requires {} observations. x only has {} "
                                  "observation(s)",
                                  2 * period, n));
  }
  // Centred moving average (2 x MA for even periods); filt is symmetric so convolution = correlation.
  std::vector<double> filt;
  if (period % 2 == 0) {
    filt.assign(static_cast<std::size_t>(period) + 1, 1.0 / period);
    filt.front() = filt.back() = 0.5 / period;
  } else {
    filt.assign(static_cast<std::size_t>(period), 1.0 / period);
  }
  const int len = static_cast<int>(filt.size());
  std::vector<double> trend(x.size(), kNaN);
  const int head = o.two_sided ? (len + 1) / 2 - 1 : len - 1;  // ceil(len/2) - 1
  // Each output is sum_j x[i + j] * filt[len - 1 - j], j ascending (numpy's convolution order);
  // summed for all outputs at once, one tap at a time, so the loop over outputs vectorises and
  // every output still adds its terms in that order.
  const int outputs = n - len + 1;
  double* const sums = trend.data() + head;
  for (int i = 0; i < outputs; ++i) sums[i] = 0.0;
  for (int j = 0; j < len; ++j) {
    const double w = filt[static_cast<std::size_t>(len - 1 - j)];
    const double* xs = x.data() + j;
    for (int i = 0; i < outputs; ++i) sums[i] += xs[i] * w;
  }
  if (o.extrapolate_trend > 0) extrapolate_trend(trend, o.extrapolate_trend + 1);

  std::vector<double> detrended(x.size());
  if (mult) {
    for (int i = 0; i < n; ++i) detrended[i] = x[i] / trend[i];
  } else {
    for (int i = 0; i < n; ++i) detrended[i] = x[i] - trend[i];
  }
  std::vector<double> averages(static_cast<std::size_t>(period));
  for (int p = 0; p < period; ++p) {  // pandas nanmean of detrended[p::period]
    double s = 0;
    int count = 0;
    for (int i = p; i < n; i += period) {
      if (std::isnan(detrended[i])) continue;
      s += detrended[i];
      ++count;
    }
    averages[static_cast<std::size_t>(p)] = count > 0 ? s / count : kNaN;
  }
  const double mean_avg = pairwise_sum(averages.data(), averages.size()) / period;
  for (double& a : averages) a = mult ? a / mean_avg : a - mean_avg;

  Decomposition d;
  d.seasonal.resize(x.size());
  d.resid.resize(x.size());
  for (int i = 0, phase = 0; i < n; ++i, phase = phase + 1 == period ? 0 : phase + 1) {
    d.seasonal[i] = averages[static_cast<std::size_t>(phase)];
  }
  if (mult) {
    for (int i = 0; i < n; ++i) d.resid[i] = x[i] / d.seasonal[i] / trend[i];
  } else {
    for (int i = 0; i < n; ++i) d.resid[i] = detrended[i] - d.seasonal[i];
  }
  d.trend = std::move(trend);
  return d;
}

}  // namespace streams::analytics::statistics
