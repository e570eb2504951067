#include "analytics/wavelets/dwt.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "analytics/errc.h"
#include "analytics/wavelets/buffer.h"
#include "analytics/wavelets/dwt_kernel.h"

namespace streams::analytics::wavelets {

namespace {

constexpr std::array<std::string_view, 9> k_mode_names{
    "zero", "constant", "symmetric", "periodic", "smooth", "periodization", "reflect", "antisymmetric", "antireflect"};

using Index = std::ptrdiff_t;

Index floor_mod(Index a, Index m) {
  const Index r = a % m;
  return r < 0 ? r + m : r;
}
Index floor_div(Index a, Index m) {
  return (a - floor_mod(a, m)) / m;
}

// Value of the extended signal at `i` (any integer), for every mode but antireflect and
// periodization. Expressions mirror pywt's so that the doubles are the same.
double extended(std::span<const double> x, Mode mode, Index i) {
  const Index n = static_cast<Index>(x.size());
  if (i >= 0 && i < n) return x[static_cast<std::size_t>(i)];
  auto at = [&](Index k) { return x[static_cast<std::size_t>(k)]; };
  switch (mode) {
    case Mode::zero:
      return 0.0;
    case Mode::constant:
      return i < 0 ? at(0) : at(n - 1);
    case Mode::smooth:
      if (n < 2) return i < 0 ? at(0) : at(n - 1);
      if (i < 0) return at(0) + static_cast<double>(-i) * (at(0) - at(1));
      return at(n - 1) + static_cast<double>(i - n + 1) * (at(n - 1) - at(n - 2));
    case Mode::periodic:
      return at(floor_mod(i, n));
    case Mode::symmetric: {
      const Index p = floor_mod(i, 2 * n);
      return p < n ? at(p) : at(2 * n - 1 - p);
    }
    case Mode::reflect: {
      const Index p = floor_mod(i, 2 * n - 2);
      return p < n ? at(p) : at(2 * n - 2 - p);
    }
    case Mode::antisymmetric: {
      const Index block = floor_div(i, n);
      const Index r = floor_mod(i, n);
      return block % 2 == 0 ? at(r) : -at(n - 1 - r);
    }
    case Mode::antireflect:
    case Mode::periodization:
      break;
  }
  return 0.0;
}

// The `pad` extension values on each side: left[k-1] = ext(-k), right[k-1] = ext(n-1+k).
void edge_values(std::span<const double> x, Mode mode, std::size_t pad, double* left, double* right) {
  const std::size_t n = x.size();
  if (mode == Mode::symmetric && pad <= n) {  // the common case, without the general index arithmetic
    for (std::size_t k = 1; k <= pad; ++k) {
      left[k - 1] = x[k - 1];
      right[k - 1] = x[n - k];
    }
    return;
  }
  if (mode != Mode::antireflect) {
    for (std::size_t k = 1; k <= pad; ++k) {
      left[k - 1] = extended(x, mode, -static_cast<Index>(k));
      right[k - 1] = extended(x, mode, static_cast<Index>(n - 1 + k));
    }
    return;
  }
  // Whole-sample antisymmetric: each segment mirrors the signal through the last value reached.
  std::size_t written = 0;
  double edge = x[0];
  double value = 0.0;
  while (written < pad) {
    for (std::size_t k = 1; k < n && written < pad; ++k) {
      value = edge - (x[k] - x[0]);
      left[written++] = value;
    }
    edge = value;
    for (std::size_t k = 1; k < n && written < pad; ++k) {
      value = edge + (x[n - 1 - k] - x[n - 1]);
      left[written++] = value;
    }
    edge = value;
  }
  written = 0;
  edge = x[n - 1];
  while (written < pad) {
    for (std::size_t k = 1; k < n && written < pad; ++k) {
      value = edge - (x[n - 1 - k] - x[n - 1]);
      right[written++] = value;
    }
    edge = value;
    for (std::size_t k = 1; k < n && written < pad; ++k) {
      value = edge + (x[k] - x[0]);
      right[written++] = value;
    }
    edge = value;
  }
}

Error invalid(std::string message) {
  return make_error(errc::invalid_input, std::move(message));
}

}  // namespace

std::span<const std::string_view> mode_names() {
  return k_mode_names;
}

std::optional<Mode> parse_mode(std::string_view name) {
  for (std::size_t i = 0; i < k_mode_names.size(); ++i) {
    if (k_mode_names[i] == name) return static_cast<Mode>(i);
  }
  return std::nullopt;
}

std::string_view mode_name(Mode mode) {
  return k_mode_names[static_cast<std::size_t>(mode)];
}

int dwt_max_level(std::size_t n, std::size_t filter_len) {
  if (filter_len <= 1 || n < filter_len - 1) return 0;
  std::size_t q = n / (filter_len - 1);
  int level = -1;
  while (q > 0) {
    q >>= 1U;
    ++level;
  }
  return std::max(level, 0);
}

std::size_t dwt_coeff_len(std::size_t n, std::size_t filter_len, Mode mode) {
  if (n == 0) return 0;
  if (mode == Mode::periodization) return n / 2 + n % 2;
  return (n + filter_len - 1) / 2;
}

namespace {

// Outputs per chunk of a level (a multiple of the widest vector loop's 32): their split signal
// (2 x 16 KiB) stays in the fast caches.
constexpr std::size_t split_chunk = 2048;

// Values of scratch one level of a filter of length f needs for out_len outputs.
std::size_t level_scratch(std::size_t out_len, std::size_t f) {
  return 2 * (detail::polyphase_length(std::min(out_len, split_chunk), f) + detail::polyphase_padding + 8);
}

// The first 64-byte aligned address at or after p (p within a buffer with room for it).
double* align64(double* p) {
  const auto skip = (64U - (reinterpret_cast<std::uintptr_t>(p) & 63U)) & 63U;
  return p + skip / sizeof(double);
}

// Scratch memory of this thread, kept between calls up to 64k values (every daily series: no
// allocation at all but the outputs). Larger requests get memory for this call only: one large
// buffer kept per thread would hold megabytes for good.
class Scratch {
 public:
  explicit Scratch(std::size_t values) {
    constexpr std::size_t kept_values = std::size_t{1} << 16;
    if (values <= kept_values) {
      thread_local std::vector<double> kept;
      if (kept.size() < values) kept.resize(values);
      data_ = kept.data();
    } else {
      own_ = detail::allocate_doubles(values);  // not zeroed: written before read
      data_ = own_.get();
    }
  }
  [[nodiscard]] double* data() const { return data_; }

 private:
  detail::DoubleBuffer own_;
  double* data_ = nullptr;
};

// The single-level DWT into approx/detail (dwt_coeff_len values each, neither aliasing x: long
// signals are read while outputs are written). `scratch` holds level_scratch(out_len, F) values.
//
// Output o reads ext(2o + first - j), j < F (first = 1; F/2 for periodization). The extended
// signal from its lowest index read, s[m] = ext(m + first - F + 1), goes into scratch split by
// parity (detail::dwt_polyphase's layout): the signal itself by a strided copy, the few extension
// values at each end one by one. The filter loop then has no edge case.
Status dwt_into(std::span<const double> x, const DiscreteWavelet& wavelet, Mode mode, double* approx, double* detail,
                double* scratch) {
  const std::size_t n = x.size();
  if (n == 0) return invalid("dwt: the input is empty");
  if (n < 2 && (mode == Mode::reflect || mode == Mode::antireflect)) {
    return invalid(fmt::format("dwt: mode {} needs at least 2 values", mode_name(mode)));
  }
  const std::size_t f = wavelet.dec_lo.size();
  const std::size_t out_len = dwt_coeff_len(n, f, mode);
  const Index ni = static_cast<Index>(n);
  const Index first = mode == Mode::periodization ? static_cast<Index>(f / 2) : 1;
  const Index base = first - static_cast<Index>(f) + 1;
  const Index read = static_cast<Index>(2 * out_len + f) - 2;  // values of s the outputs read
  // Outputs go in chunks whose split signal stays in the L1/L2 caches: for long signals, splitting
  // everything first would write and read it all once more from memory.
  double* even = align64(scratch);
  double* odd = align64(even + detail::polyphase_length(std::min(out_len, split_chunk), f) + detail::polyphase_padding);
  auto split = [&](auto&& ext) {  // ext(i) for i outside [0, n)
    for (std::size_t o_begin = 0; o_begin < out_len; o_begin += split_chunk) {
      const std::size_t outputs = std::min(split_chunk, out_len - o_begin);
      // s[m] for m in [lowest, highest) into even/odd[(m - lowest) / 2], lowest even.
      const Index lowest = 2 * static_cast<Index>(o_begin);
      const Index highest = std::min(read, lowest + static_cast<Index>(2 * outputs + f) - 2);
      auto put = [&](Index m, double v) {
        const auto k = static_cast<std::size_t>((m - lowest) >> 1);
        if ((m & 1) != 0) {
          odd[k] = v;
        } else {
          even[k] = v;
        }
      };
      const Index m0 = std::max(lowest, -base);  // s[-base] = x[0]; -base >= 0 as first <= F - 1
      const Index m1 = std::min(highest, ni - base);
      // The pairs (s[2k], s[2k+1]) inside the signal from an aligned k on go in by vectors.
      const Index k_end = std::max(m1 / 2, lowest / 2);
      const Index k_begin = std::min(k_end, lowest / 2 + ((m0 - lowest + 1) / 2 + 7) / 8 * 8);
      Index m = lowest;
      for (; m < m0; ++m) put(m, ext(m + base));
      for (; m < 2 * k_begin; ++m) put(m, x[static_cast<std::size_t>(m + base)]);
      if (k_end > k_begin) {
        const auto local = static_cast<std::size_t>(k_begin - lowest / 2);
        detail::deinterleave(x.data() + (m + base), static_cast<std::size_t>(k_end - k_begin), even + local,
                             odd + local);
        m = 2 * k_end;
      }
      for (; m < m1; ++m) put(m, x[static_cast<std::size_t>(m + base)]);
      for (; m < highest; ++m) put(m, ext(m + base));
      // Zeros in what the vector loops read past the values (lanes whose stores are masked off):
      // left over memory there can hold denormals, which cost the FMA units microcode assists
      // (1M values: 1 ms became 50).
      const auto filled = static_cast<std::size_t>((highest - lowest + 1) / 2);
      const std::size_t readable = detail::polyphase_length(outputs, f) + detail::polyphase_padding;
      std::fill(even + filled, even + readable, 0.0);
      std::fill(odd + filled, odd + readable, 0.0);
      detail::dwt_polyphase(even, odd, wavelet.dec_lo, wavelet.dec_hi, outputs, approx + o_begin, detail + o_begin);
    }
  };

  if (mode == Mode::periodization) {
    // Circular on the signal padded to even length with its last value.
    const Index padded = static_cast<Index>(n + n % 2);
    split([&](Index i) {
      const auto p = static_cast<std::size_t>(floor_mod(i, padded));
      return p < n ? x[p] : x[n - 1];
    });
  } else {
    // The extension values on the stack for every filter up to 64 taps (all of pywt's but the
    // longest coiflets and db/sym above 32).
    constexpr std::size_t stack_pad = 64;
    std::array<double, 2 * stack_pad> on_stack;  // NOLINT(cppcoreguidelines-pro-type-member-init): written before read
    std::vector<double> on_heap;
    double* left = on_stack.data();
    if (f > stack_pad) {
      on_heap.resize(2 * f);
      left = on_heap.data();
    }
    double* right = left + f;
    edge_values(x, mode, f, left, right);
    split([&](Index i) {
      return i < 0 ? left[static_cast<std::size_t>(-i - 1)] : right[static_cast<std::size_t>(i - ni)];
    });
  }
  return {};
}

}  // namespace

Result<DwtCoeffs> dwt(std::span<const double> x, const DiscreteWavelet& wavelet, Mode mode) {
  const std::size_t out_len = dwt_coeff_len(x.size(), wavelet.filter_length(), mode);
  DwtCoeffs out{std::vector<double>(out_len), std::vector<double>(out_len)};
  const Scratch scratch(level_scratch(out_len, wavelet.filter_length()));
  if (auto s = dwt_into(x, wavelet, mode, out.approx.data(), out.detail.data(), scratch.data()); !s) {
    return s.error();
  }
  return out;
}

Result<std::vector<double>> idwt(std::span<const double> approx, std::span<const double> detail,
                                 const DiscreteWavelet& wavelet, Mode mode) {
  if (approx.size() != detail.size()) {
    return invalid(
        fmt::format("idwt: coefficient arrays of different lengths ({} and {})", approx.size(), detail.size()));
  }
  const auto lo = wavelet.rec_lo;
  const auto hi = wavelet.rec_hi;
  const std::size_t f = lo.size();
  const std::size_t n = approx.size();
  if (mode == Mode::periodization) {
    // Transpose of the periodization dwt with the reconstruction filters.
    const std::size_t m = 2 * n;
    std::vector<double> out(m, 0.0);
    if (n == 0) return out;
    for (std::size_t o = 0; o < n; ++o) {
      for (std::size_t j = 0; j < f; ++j) {
        const auto idx = static_cast<std::size_t>(
            floor_mod(static_cast<Index>(f / 2 + 2 * o) - static_cast<Index>(j), static_cast<Index>(m)));
        out[idx] += approx[o] * lo[f - 1 - j] + detail[o] * hi[f - 1 - j];
      }
    }
    return out;
  }
  if (2 * n + 2 <= f) {
    return invalid(fmt::format("idwt: {} coefficients are too few for a filter of length {}", n, f));
  }
  // The valid part of the convolution of the upsampled coefficients with the filters.
  const std::size_t len = 2 * n + 2 - f;
  std::vector<double> out(len, 0.0);
  for (std::size_t i = 0; i < len; ++i) {
    // filter index m = i + F - 2 - 2o must lie in [0, F).
    const std::size_t top = i + f - 2;  // m for o = 0
    const std::size_t o_first = top >= f ? (top - f) / 2 + 1 : 0;
    const std::size_t o_last = std::min(n - 1, top / 2);
    double sum = 0.0;
    for (std::size_t o = o_first; o <= o_last; ++o) {
      const std::size_t m = top - 2 * o;
      sum += approx[o] * lo[m] + detail[o] * hi[m];
    }
    out[i] = sum;
  }
  return out;
}

WaveletCoeffs::WaveletCoeffs(std::span<const std::size_t> lengths) : offsets_(lengths.size() + 1, 0) {
  for (std::size_t i = 0; i < lengths.size(); ++i) offsets_[i + 1] = offsets_[i] + lengths[i];
  values_ = detail::allocate_doubles(offsets_.back());
}

Result<std::vector<std::size_t>> wavedec_lengths(std::size_t n, const DiscreteWavelet& wavelet, Mode mode,
                                                 std::optional<int> level) {
  const std::size_t f = wavelet.filter_length();
  const int levels = level.value_or(dwt_max_level(n, f));
  if (levels < 0) {
    return make_error(errc::bad_param, fmt::format("parameter 'level': {} is too low, the minimum is 0", levels));
  }
  const auto count = static_cast<std::size_t>(levels);
  // Above the maximum level the lengths grow again (towards F - 1).
  std::vector<std::size_t> lengths(count + 1, n);
  for (std::size_t l = 0; l < count; ++l)
    lengths[count - l] = dwt_coeff_len(lengths[count - l + 1 - (l == 0)], f, mode);
  if (count > 0) lengths[0] = lengths[1];
  return lengths;
}

Status wavedec_into(std::span<const double> x, const DiscreteWavelet& wavelet, Mode mode,
                    std::span<const std::span<double>> out) {
  const std::size_t f = wavelet.filter_length();
  const std::size_t count = out.empty() ? 0 : out.size() - 1;
  if (count == 0) {
    if (!out.empty()) std::copy(x.begin(), x.end(), out[0].begin());
    return {};
  }
  std::size_t widest = 0;
  for (std::size_t i = 1; i <= count; ++i) widest = std::max(widest, out[i].size());
  // The approximations alternate between two buffers (a level reads its input while it writes,
  // chunk by chunk), the last one straight into cA_L; each detail goes into its place.
  const Scratch scratch(2 * widest + level_scratch(widest, f));
  std::span<const double> in = x;
  for (std::size_t l = 0; l < count; ++l) {
    const std::span<double> detail = out[count - l];
    double* approx = l + 1 == count ? out[0].data() : scratch.data() + (l % 2) * widest;
    if (auto s = dwt_into(in, wavelet, mode, approx, detail.data(), scratch.data() + 2 * widest); !s) {
      return s.error();
    }
    in = std::span<const double>(approx, detail.size());
  }
  return {};
}

Result<WaveletCoeffs> wavedec(std::span<const double> x, const DiscreteWavelet& wavelet, Mode mode,
                              std::optional<int> level) {
  auto lengths = wavedec_lengths(x.size(), wavelet, mode, level);
  if (!lengths) return lengths.error();
  WaveletCoeffs out(*lengths);
  std::array<std::span<double>, 66> on_stack;  // every level the op allows (64), without allocation
  std::vector<std::span<double>> on_heap;
  std::span<std::span<double>> arrays(on_stack.data(), lengths->size());
  if (lengths->size() > on_stack.size()) {
    on_heap.resize(lengths->size());
    arrays = on_heap;
  }
  for (std::size_t i = 0; i < arrays.size(); ++i) arrays[i] = out[i];
  if (auto s = wavedec_into(x, wavelet, mode, arrays); !s) return s.error();
  return out;
}

Result<std::vector<double>> waverec(const WaveletCoeffs& coeffs, const DiscreteWavelet& wavelet, Mode mode) {
  if (coeffs.size() == 0) return invalid("waverec: no coefficients");
  std::vector<double> approx(coeffs[0].begin(), coeffs[0].end());
  for (std::size_t i = 1; i < coeffs.size(); ++i) {
    const auto detail = coeffs[i];
    if (approx.size() == detail.size() + 1) approx.pop_back();
    auto rec = idwt(approx, detail, wavelet, mode);
    if (!rec) return rec.error();
    approx = std::move(*rec);
  }
  return approx;
}

}  // namespace streams::analytics::wavelets
