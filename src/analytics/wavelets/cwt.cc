#include "analytics/wavelets/cwt.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <numbers>

#include "analytics/errc.h"

namespace streams::analytics::wavelets {

namespace {

constexpr double k_pi = std::numbers::pi;

Error bad_wavelet(std::string_view name, std::string_view why) {
  return make_error(errc::bad_param, fmt::format("parameter 'wavelet': unknown continuous wavelet '{}'{}", name, why));
}

bool parse_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc{} && ptr == end && std::isfinite(out);
}

// Splits "a-b[-c]" into numbers; false when malformed or the count differs.
bool parse_parts(std::string_view text, std::size_t count, double* out) {
  for (std::size_t i = 0; i < count; ++i) {
    const auto dash = text.find('-');
    const bool last = i + 1 == count;
    if (last != (dash == std::string_view::npos)) return false;
    if (!parse_number(last ? text : text.substr(0, dash), out[i])) return false;
    if (!last) text.remove_prefix(dash + 1);
  }
  return true;
}

// Real wavelet functions, written as pywt 1.1's C code evaluates them (gaus2/3/6/7 carry the
// sign pywt 1.1.1 gives them: the derivative of -exp(-x^2) for every order).
double gaus(int order, double x) {
  const double e = std::exp(-(x * x));
  const double c = std::sqrt(k_pi / 2);
  switch (order) {
    case 1: return -2 * x * e / std::sqrt(c);
    case 2: return -2 * (2 * (x * x) - 1) * e / std::sqrt(3 * c);
    case 3: return 4 * (2 * (x * x * x) - 3 * x) * e / std::sqrt(15 * c);
    case 4: return 4 * (-12 * (x * x) + 4 * (x * x * x * x) + 3) * e / std::sqrt(105 * c);
    case 5: return 8 * (-4 * (x * x * x * x * x) + 20 * (x * x * x) - 15 * x) * e / std::sqrt(105 * 9 * c);
    case 6:
      return -8 * (8 * (x * x * x * x * x * x) - 60 * (x * x * x * x) + 90 * (x * x) - 15) * e /
             std::sqrt(105 * 9 * 11 * c);
    case 7:
      return -16 * (-8 * (x * x * x * x * x * x * x) + 84 * (x * x * x * x * x) - 210 * (x * x * x) + 105 * x) * e /
             std::sqrt(105 * 9 * 11 * 13 * c);
    default:
      return 16 *
             (16 * (x * x * x * x * x * x * x * x) - 224 * (x * x * x * x * x * x) + 840 * (x * x * x * x) -
              840 * (x * x) + 105) *
             e / std::sqrt(105 * 9 * 11 * 13 * 15 * c);
  }
}

// Complex Gaussian derivatives: psi = (P(x) cos x + Q(x) sin x) + i (R(x) cos x + S(x) sin x), times
// exp(-x^2) / sqrt(norm * sqrt(pi/2)).
void cgau(int order, double x, double& re, double& im) {
  const double c = std::cos(x);
  const double s = std::sin(x);
  const double e = std::exp(-(x * x));
  const double q = std::sqrt(k_pi / 2);
  const double x2 = x * x;
  const double x3 = x2 * x;
  const double x4 = x3 * x;
  const double x5 = x4 * x;
  const double x6 = x5 * x;
  const double x7 = x6 * x;
  const double x8 = x7 * x;
  switch (order) {
    case 1:
      re = (-2 * x * c - s) * e / std::sqrt(2 * q);
      im = (2 * x * s - c) * e / std::sqrt(2 * q);
      return;
    case 2:
      re = (4 * x2 * c + 4 * x * s - 3 * c) * e / std::sqrt(10 * q);
      im = (-4 * x2 * s + 4 * x * c + 3 * s) * e / std::sqrt(10 * q);
      return;
    case 3:
      re = (-8 * x3 * c - 12 * x2 * s + 18 * x * c + 7 * s) * e / std::sqrt(76 * q);
      im = (8 * x3 * s - 12 * x2 * c - 18 * x * s + 7 * c) * e / std::sqrt(76 * q);
      return;
    case 4:
      re = (16 * x4 * c + 32 * x3 * s - 72 * x2 * c - 56 * x * s + 25 * c) * e / std::sqrt(764 * q);
      im = (-16 * x4 * s + 32 * x3 * c + 72 * x2 * s - 56 * x * c - 25 * s) * e / std::sqrt(764 * q);
      return;
    case 5:
      re = (-32 * x5 * c - 80 * x4 * s + 240 * x3 * c + 280 * x2 * s - 250 * x * c - 81 * s) * e /
           std::sqrt(9496 * q);
      im = (32 * x5 * s - 80 * x4 * c - 240 * x3 * s + 280 * x2 * c + 250 * x * s - 81 * c) * e /
           std::sqrt(9496 * q);
      return;
    case 6:
      re = (64 * x6 * c + 192 * x5 * s - 720 * x4 * c - 1120 * x3 * s + 1500 * x2 * c + 972 * x * s - 331 * c) *
           e / std::sqrt(140152 * q);
      im = (-64 * x6 * s + 192 * x5 * c + 720 * x4 * s - 1120 * x3 * c - 1500 * x2 * s + 972 * x * c + 331 * s) *
           e / std::sqrt(140152 * q);
      return;
    case 7:
      re = (-128 * x7 * c - 448 * x6 * s + 2016 * x5 * c + 3920 * x4 * s - 7000 * x3 * c - 6804 * x2 * s +
            4634 * x * c + 1303 * s) *
           e / std::sqrt(2390480 * q);
      im = (128 * x7 * s - 448 * x6 * c - 2016 * x5 * s + 3920 * x4 * c + 7000 * x3 * s - 6804 * x2 * c -
            4634 * x * s + 1303 * c) *
           e / std::sqrt(2390480 * q);
      return;
    default:
      re = (256 * x8 * c + 1024 * x7 * s - 5376 * x6 * c - 12544 * x5 * s + 28000 * x4 * c + 36288 * x3 * s -
            37072 * x2 * c - 20848 * x * s + 5937 * c) *
           e / std::sqrt(46206736 * q);
      im = (-256 * x8 * s + 1024 * x7 * c + 5376 * x6 * s - 12544 * x5 * c - 28000 * x4 * s + 36288 * x3 * c +
            37072 * x2 * s - 20848 * x * c - 5937 * s) *
           e / std::sqrt(46206736 * q);
      return;
  }
}

}  // namespace

Result<ContinuousWavelet> parse_continuous_wavelet(std::string_view name) {
  ContinuousWavelet w;
  auto with_order = [&](ContinuousFamily family, std::string_view rest) -> Result<ContinuousWavelet> {
    if (rest.size() != 1 || rest[0] < '1' || rest[0] > '8') return bad_wavelet(name, " (orders are 1..8)");
    w.family = family;
    w.order = rest[0] - '0';
    w.lower_bound = -5;
    w.upper_bound = 5;
    return w;
  };
  if (name == "morl" || name == "mexh") {
    w.family = name == "morl" ? ContinuousFamily::morl : ContinuousFamily::mexh;
    w.lower_bound = -8;
    w.upper_bound = 8;
    return w;
  }
  if (name.starts_with("gaus")) return with_order(ContinuousFamily::gaus, name.substr(4));
  if (name.starts_with("cgau")) return with_order(ContinuousFamily::cgau, name.substr(4));
  if (name.starts_with("cmor") || name.starts_with("shan")) {
    const bool cmor = name.starts_with("cmor");
    w.family = cmor ? ContinuousFamily::cmor : ContinuousFamily::shan;
    w.lower_bound = cmor ? -8 : -20;
    w.upper_bound = cmor ? 8 : 20;
    double parts[2] = {cmor ? 1.0 : 0.5, cmor ? 0.5 : 1.0};  // pywt's defaults for a bare name
    if (name.size() > 4 && !parse_parts(name.substr(4), 2, parts)) {
      return bad_wavelet(name, cmor ? " (expected cmorB-C)" : " (expected shanB-C)");
    }
    w.bandwidth = parts[0];
    w.center = parts[1];
    return w;
  }
  if (name.starts_with("fbsp")) {
    w.family = ContinuousFamily::fbsp;
    w.lower_bound = -20;
    w.upper_bound = 20;
    double parts[3] = {2, 1.0, 0.5};
    if (name.size() > 4 && (!parse_parts(name.substr(4), 3, parts) || parts[0] < 1 || parts[0] > 64 ||
                            std::floor(parts[0]) != parts[0])) {
      return bad_wavelet(name, " (expected fbspM-B-C, M an integer >= 1)");
    }
    w.order = static_cast<int>(parts[0]);
    w.bandwidth = parts[1];
    w.center = parts[2];
    return w;
  }
  return bad_wavelet(name, "");
}

WaveFunction wavefun(const ContinuousWavelet& wavelet, int precision) {
  const std::size_t n = std::size_t{1} << static_cast<unsigned>(precision);
  WaveFunction out;
  out.x.resize(n);
  // numpy.linspace: start + i * step, the last point set to stop.
  const double step = (wavelet.upper_bound - wavelet.lower_bound) / static_cast<double>(n - 1);
  for (std::size_t i = 0; i < n; ++i) out.x[i] = static_cast<double>(i) * step + wavelet.lower_bound;
  out.x[n - 1] = wavelet.upper_bound;
  out.psi_real.resize(n);
  if (wavelet.is_complex()) out.psi_imag.resize(n);
  const double fb = wavelet.bandwidth;
  const double fc = wavelet.center;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = out.x[i];
    switch (wavelet.family) {
      case ContinuousFamily::morl:
        out.psi_real[i] = std::cos(5 * x) * std::exp(-(x * x) / 2);
        break;
      case ContinuousFamily::mexh:
        out.psi_real[i] = (1 - (x * x)) * std::exp(-(x * x) / 2) * 2 / (std::sqrt(3.0) * std::sqrt(std::sqrt(k_pi)));
        break;
      case ContinuousFamily::gaus:
        out.psi_real[i] = gaus(wavelet.order, x);
        break;
      case ContinuousFamily::cgau:
        cgau(wavelet.order, x, out.psi_real[i], out.psi_imag[i]);
        break;
      case ContinuousFamily::cmor:
        out.psi_real[i] = std::cos(2 * k_pi * fc * x) * std::exp(-(x * x) / fb) / std::sqrt(k_pi * fb);
        out.psi_imag[i] = std::sin(2 * k_pi * fc * x) * std::exp(-(x * x) / fb) / std::sqrt(k_pi * fb);
        break;
      case ContinuousFamily::shan:
      case ContinuousFamily::fbsp: {
        double re = std::cos(2 * k_pi * fc * x) * std::sqrt(fb);
        double im = std::sin(2 * k_pi * fc * x) * std::sqrt(fb);
        if (x != 0) {
          double factor = 0.0;
          if (wavelet.family == ContinuousFamily::shan) {
            factor = std::sin(x * fb * k_pi) / (x * fb * k_pi);
          } else {
            const double m = wavelet.order;
            factor = std::pow(std::sin(x * fb * k_pi / m) / (x * fb * k_pi / m), m);
          }
          re *= factor;
          im *= factor;
        }
        out.psi_real[i] = re;
        out.psi_imag[i] = im;
        break;
      }
    }
  }
  return out;
}

namespace {

// out[i + j] += a[i] * s[j] for i in [i0, i1), every j, with the i in increasing order for each
// output. Four rows of `a` per pass share one load and store of `out` (the sum for each output
// is still ((o + a0·s) + a1·s) + …, the order of the one-row loop); target_clones picks AVX-512,
// AVX2 or the baseline at load time, and -ffp-contract=off keeps every variant's rounding alike.
__attribute__((target_clones("avx512f", "avx2", "default")))
void scaled_adds(const double* __restrict a, std::size_t na, const double* __restrict s, std::size_t m,
                 double* __restrict out) {
  std::size_t i = 0;
  if (m >= 4) {
    for (; i + 4 <= na; i += 4) {
      const double a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
      double* o = out + i;
      // Row r contributes s[j - r] to o[j] where 0 <= j - r < m.
      o[0] += a0 * s[0];
      o[1] = (o[1] + a0 * s[1]) + a1 * s[0];
      o[2] = ((o[2] + a0 * s[2]) + a1 * s[1]) + a2 * s[0];
      for (std::size_t j = 3; j < m; ++j) o[j] = (((o[j] + a0 * s[j]) + a1 * s[j - 1]) + a2 * s[j - 2]) + a3 * s[j - 3];
      o[m] = ((o[m] + a1 * s[m - 1]) + a2 * s[m - 2]) + a3 * s[m - 3];
      o[m + 1] = (o[m + 1] + a2 * s[m - 1]) + a3 * s[m - 2];
      o[m + 2] += a3 * s[m - 1];
    }
  }
  for (; i < na; ++i) {
    const double ai = a[i];
    double* o = out + i;
    for (std::size_t j = 0; j < m; ++j) o[j] += ai * s[j];
  }
}

// Full convolution of x with h (length x.size() + h.size() - 1), direct, summed in plain double
// in numpy.convolve's order — each output is a sequential sum over the overlap, walking the longer
// array forwards — so that the results are the same doubles as pywt's. Written as scaled adds of
// the shorter array per element of the longer: every output still receives its terms in that
// order (no reassociation), but the inner loop has no dependency chain and vectorises.
std::vector<double> convolve_full(std::span<const double> x, std::span<const double> h) {
  const std::span<const double> longer = x.size() >= h.size() ? x : h;
  const std::span<const double> shorter = x.size() >= h.size() ? h : x;
  std::vector<double> out(x.size() + h.size() - 1, 0.0);
  scaled_adds(longer.data(), longer.size(), shorter.data(), shorter.size(), out.data());
  return out;
}

// -sqrt(scale) * diff(conv), trimmed to the centre n values.
std::vector<double> finish_row(const std::vector<double>& conv, std::size_t n, double scale) {
  const std::size_t diff_len = conv.size() - 1;
  const std::size_t extra = diff_len - n;  // >= 0, checked by the caller
  const std::size_t first = extra / 2;     // floor(d); the last ceil(d) values are dropped
  const double factor = -std::sqrt(scale);
  std::vector<double> row(n);
  for (std::size_t i = 0; i < n; ++i) row[i] = factor * (conv[first + i + 1] - conv[first + i]);
  return row;
}

}  // namespace

Result<CwtResult> cwt(std::span<const double> x, std::span<const double> scales, const ContinuousWavelet& wavelet) {
  constexpr int k_precision = 10;
  const WaveFunction wf = wavefun(wavelet, k_precision);
  const bool complex = wavelet.is_complex();
  // integrate_wavelet: cumulative sum times the grid step; conjugated for complex wavelets.
  const double step = wf.x[1] - wf.x[0];
  const std::size_t m = wf.x.size();
  std::vector<double> int_re(m);
  std::vector<double> int_im(complex ? m : 0);
  double acc_re = 0.0;
  double acc_im = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    acc_re += wf.psi_real[i];
    int_re[i] = acc_re * step;
    if (complex) {
      acc_im += wf.psi_imag[i];
      int_im[i] = -(acc_im * step);
    }
  }
  const double width = wf.x[m - 1] - wf.x[0];

  CwtResult out;
  out.real.reserve(scales.size());
  if (complex) out.imag.reserve(scales.size());
  const std::size_t n = x.size();
  for (const double scale : scales) {
    if (!(scale > 0) || !std::isfinite(scale)) {
      return make_error(errc::bad_param, fmt::format("parameter 'scales': {} is not a positive scale", scale));
    }
    // j = (arange(scale * width + 1) / (scale * step)).astype(int), keeping j < len(int_psi); reversed.
    const double stop = scale * width + 1;
    const auto count = static_cast<std::size_t>(std::ceil(stop));
    const double denom = scale * step;
    std::vector<std::size_t> idx;
    idx.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
      const auto j = static_cast<std::size_t>(static_cast<double>(k) / denom);
      if (j < m) idx.push_back(j);
    }
    const std::size_t len = idx.size();
    if (len < 2 || n == 0) {
      if (n == 0) {
        out.real.emplace_back();
        if (complex) out.imag.emplace_back();
        continue;
      }
      return make_error(errc::bad_param, fmt::format("parameter 'scales': scale {} is too small", scale));
    }
    std::vector<double> filt(len);
    for (std::size_t k = 0; k < len; ++k) filt[k] = int_re[idx[len - 1 - k]];
    out.real.push_back(finish_row(convolve_full(x, filt), n, scale));
    if (complex) {
      for (std::size_t k = 0; k < len; ++k) filt[k] = int_im[idx[len - 1 - k]];
      out.imag.push_back(finish_row(convolve_full(x, filt), n, scale));
    }
  }
  return out;
}

}  // namespace streams::analytics::wavelets
