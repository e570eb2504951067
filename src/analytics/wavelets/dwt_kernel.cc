#include "analytics/wavelets/dwt_kernel.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define STREAMS_DWT_X86 1
#endif

namespace streams::analytics::wavelets::detail {

namespace {

// Tap j of output o reads s[2o + F - 1 - j]: the (F - 1 - j)/2-th value from o of one parity.
const double* tap_source(const double* even, const double* odd, std::size_t f, std::size_t j) {
  const std::size_t t = f - 1 - j;
  return ((t & 1U) != 0 ? odd : even) + t / 2;
}

void deinterleave_scalar(const double* src, std::size_t pairs, double* even, double* odd) {
  for (std::size_t k = 0; k < pairs; ++k) {
    even[k] = src[2 * k];
    odd[k] = src[2 * k + 1];
  }
}

void polyphase_scalar(const double* even, const double* odd, std::span<const double> lo, std::span<const double> hi,
                      std::size_t out_len, double* approx, double* detail) {
  const std::size_t f = lo.size();
  for (std::size_t o = 0; o < out_len; ++o) {
    double a = 0.0;
    double d = 0.0;
    for (std::size_t j = 0; j < f; ++j) {
      const double v = tap_source(even, odd, f, j)[o];
      a += lo[j] * v;
      d += hi[j] * v;
    }
    approx[o] = a;
    detail[o] = d;
  }
}

}  // namespace

#ifdef STREAMS_DWT_X86
namespace {

bool has_avx512f() {
  static const bool yes = __builtin_cpu_supports("avx512f");
  return yes;
}

bool has_avx2_fma() {
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}

// Groups vectors of outputs summed at once: 2 x Groups independent FMA chains hide the FMA
// latency (4 cycles, two units: eight chains keep both busy).
template <int Groups>
__attribute__((target("avx512f"), always_inline)) inline void block512(const double* even, const double* odd,
                                                                       std::span<const double> lo,
                                                                       std::span<const double> hi, std::size_t o,
                                                                       __m512d* a, __m512d* d) {
#pragma GCC unroll 4
  for (int g = 0; g < Groups; ++g) a[g] = d[g] = _mm512_setzero_pd();
  const std::size_t f = lo.size();
  for (std::size_t j = 0; j < f; ++j) {
    const double* p = tap_source(even, odd, f, j) + o;
    const __m512d l = _mm512_set1_pd(lo[j]);
    const __m512d h = _mm512_set1_pd(hi[j]);
#pragma GCC unroll 4
    for (int g = 0; g < Groups; ++g) {
      const __m512d v = _mm512_loadu_pd(p + 8 * g);
      a[g] = _mm512_fmadd_pd(l, v, a[g]);
      d[g] = _mm512_fmadd_pd(h, v, d[g]);
    }
  }
}

// Runs a level's outputs through `blocks` (run<Groups>(o, a, d): Groups vectors of outputs from
// o): 32 at a time, then 8 at a time with masked stores; reads past out_len stay in the padding.
template <class Blocks>
__attribute__((target("avx512f"), always_inline)) inline void run_blocks512(const Blocks& blocks, std::size_t out_len,
                                                                            double* approx, double* detail) {
  __m512d a[4];
  __m512d d[4];
  std::size_t o = 0;
  for (; o + 32 <= out_len; o += 32) {
    blocks.template run<4>(o, a, d);
#pragma GCC unroll 4
    for (int g = 0; g < 4; ++g) {
      _mm512_storeu_pd(approx + o + 8 * g, a[g]);
      _mm512_storeu_pd(detail + o + 8 * g, d[g]);
    }
  }
  for (; o < out_len; o += 8) {
    blocks.template run<1>(o, a, d);
    const std::size_t left = out_len - o;
    const auto mask = static_cast<__mmask8>(left >= 8 ? 0xFFU : (1U << left) - 1U);
    _mm512_mask_storeu_pd(approx + o, mask, a[0]);
    _mm512_mask_storeu_pd(detail + o, mask, d[0]);
  }
}

struct GeneralBlocks512 {
  const double* even;
  const double* odd;
  std::span<const double> lo, hi;
  template <int Groups>
  __attribute__((target("avx512f"), always_inline)) void run(std::size_t o, __m512d* a, __m512d* d) const {
    block512<Groups>(even, odd, lo, hi, o, a, d);
  }
};

// The same sums for the common filter lengths (F known at compile time), without the unaligned
// loads — which cross a cache line each and halve the loads' throughput: with even/odd and o
// 64-byte aligned, each parity's values for the block come in as aligned vectors once, and tap j's
// values (shifted by (F-1-j)/2 elements) are put together from two of them with valignq.
template <std::size_t Shift, int Group>
__attribute__((target("avx512f"), always_inline)) inline __m512d shifted(const __m512d* v) {
  constexpr std::size_t q = Shift / 8;
  constexpr int r = Shift % 8;
  if constexpr (r == 0) {
    return v[Group + q];
  } else {
    // The zero-masked form with every lane kept: the plain one's undefined pass-through trips
    // GCC 12's -Wmaybe-uninitialized.
    return _mm512_castsi512_pd(
        _mm512_maskz_alignr_epi64(0xFF, _mm512_castpd_si512(v[Group + q + 1]), _mm512_castpd_si512(v[Group + q]), r));
  }
}

template <std::size_t F, int Groups, std::size_t J, int... G>
__attribute__((target("avx512f"), always_inline)) inline void fixed_tap(const __m512d* ev, const __m512d* od,
                                                                        const double* lo, const double* hi, __m512d* a,
                                                                        __m512d* d,
                                                                        std::integer_sequence<int, G...> /*groups*/) {
  constexpr std::size_t t = F - 1 - J;
  const __m512d l = _mm512_set1_pd(lo[J]);
  const __m512d h = _mm512_set1_pd(hi[J]);
  const __m512d* v = (t & 1U) != 0 ? od : ev;
  ((a[G] = _mm512_fmadd_pd(l, shifted<t / 2, G>(v), a[G]), d[G] = _mm512_fmadd_pd(h, shifted<t / 2, G>(v), d[G])), ...);
}

template <std::size_t F, int Groups, std::size_t... J>
__attribute__((target("avx512f"), always_inline)) inline void fixed_block512(const double* even, const double* odd,
                                                                             const double* lo, const double* hi,
                                                                             std::size_t o, __m512d* a, __m512d* d,
                                                                             std::index_sequence<J...> /*taps*/) {
  constexpr int vectors = Groups + static_cast<int>((F / 2 + 7) / 8);
  __m512d ev[vectors];
  __m512d od[vectors];
#pragma GCC unroll 8
  for (int k = 0; k < vectors; ++k) {
    ev[k] = _mm512_load_pd(even + o + 8 * static_cast<std::size_t>(k));
    od[k] = _mm512_load_pd(odd + o + 8 * static_cast<std::size_t>(k));
  }
#pragma GCC unroll 4
  for (int g = 0; g < Groups; ++g) a[g] = d[g] = _mm512_setzero_pd();
  (fixed_tap<F, Groups, J>(ev, od, lo, hi, a, d, std::make_integer_sequence<int, Groups>{}), ...);
}

template <std::size_t F>
struct FixedBlocks512 {
  const double* even;
  const double* odd;
  const double* lo;
  const double* hi;
  template <int Groups>
  __attribute__((target("avx512f"), always_inline)) void run(std::size_t o, __m512d* a, __m512d* d) const {
    fixed_block512<F, Groups>(even, odd, lo, hi, o, a, d, std::make_index_sequence<F>{});
  }
};

template <std::size_t F>
__attribute__((target("avx512f"))) void fixed_avx512(const double* even, const double* odd, const double* lo,
                                                     const double* hi, std::size_t out_len, double* approx,
                                                     double* detail) {
  run_blocks512(FixedBlocks512<F>{even, odd, lo, hi}, out_len, approx, detail);
}

using FixedKernel = void (*)(const double*, const double*, const double*, const double*, std::size_t, double*, double*);

// Every even length up to 20: haar, db1-db10, sym2-sym10, coif1-coif3, all bior/rbio.
template <std::size_t... K>
constexpr std::array<FixedKernel, sizeof...(K)> fixed_kernels(std::index_sequence<K...> /*halves*/) {
  return {&fixed_avx512<2 * (K + 1)>...};
}
constexpr auto k_fixed_avx512 = fixed_kernels(std::make_index_sequence<10>{});

bool aligned64(const void* p) {
  return (reinterpret_cast<std::uintptr_t>(p) & 63U) == 0;
}

__attribute__((target("avx512f"))) void polyphase_avx512(const double* even, const double* odd,
                                                         std::span<const double> lo, std::span<const double> hi,
                                                         std::size_t out_len, double* approx, double* detail) {
  run_blocks512(GeneralBlocks512{even, odd, lo, hi}, out_len, approx, detail);
}

__attribute__((target("avx512f"))) void deinterleave_avx512(const double* src, std::size_t pairs, double* even,
                                                            double* odd) {
  const __m512i even_lanes = _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0);
  const __m512i odd_lanes = _mm512_set_epi64(15, 13, 11, 9, 7, 5, 3, 1);
  std::size_t k = 0;
  for (; k + 8 <= pairs; k += 8) {
    const __m512d v0 = _mm512_loadu_pd(src + 2 * k);
    const __m512d v1 = _mm512_loadu_pd(src + 2 * k + 8);
    _mm512_storeu_pd(even + k, _mm512_permutex2var_pd(v0, even_lanes, v1));
    _mm512_storeu_pd(odd + k, _mm512_permutex2var_pd(v0, odd_lanes, v1));
  }
  deinterleave_scalar(src + 2 * k, pairs - k, even + k, odd + k);
}

template <int Groups>
__attribute__((target("avx2,fma"), always_inline)) inline void block256(const double* even, const double* odd,
                                                                        std::span<const double> lo,
                                                                        std::span<const double> hi, std::size_t o,
                                                                        __m256d* a, __m256d* d) {
#pragma GCC unroll 4
  for (int g = 0; g < Groups; ++g) a[g] = d[g] = _mm256_setzero_pd();
  const std::size_t f = lo.size();
  for (std::size_t j = 0; j < f; ++j) {
    const double* p = tap_source(even, odd, f, j) + o;
    const __m256d l = _mm256_broadcast_sd(&lo[j]);
    const __m256d h = _mm256_broadcast_sd(&hi[j]);
#pragma GCC unroll 4
    for (int g = 0; g < Groups; ++g) {
      const __m256d v = _mm256_loadu_pd(p + 4 * g);
      a[g] = _mm256_fmadd_pd(l, v, a[g]);
      d[g] = _mm256_fmadd_pd(h, v, d[g]);
    }
  }
}

__attribute__((target("avx2,fma"))) void polyphase_avx2(const double* even, const double* odd,
                                                        std::span<const double> lo, std::span<const double> hi,
                                                        std::size_t out_len, double* approx, double* detail) {
  __m256d a[4];
  __m256d d[4];
  std::size_t o = 0;
  for (; o + 16 <= out_len; o += 16) {
    block256<4>(even, odd, lo, hi, o, a, d);
#pragma GCC unroll 4
    for (int g = 0; g < 4; ++g) {
      _mm256_storeu_pd(approx + o + 4 * g, a[g]);
      _mm256_storeu_pd(detail + o + 4 * g, d[g]);
    }
  }
  for (; o < out_len; o += 4) {  // as the AVX-512 tail
    block256<1>(even, odd, lo, hi, o, a, d);
    const std::size_t left = out_len - o;
    const __m256i mask =
        _mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<long long>(left)), _mm256_set_epi64x(3, 2, 1, 0));
    _mm256_maskstore_pd(approx + o, mask, a[0]);
    _mm256_maskstore_pd(detail + o, mask, d[0]);
  }
}

}  // namespace
#endif

Simd best_simd() {
#ifdef STREAMS_DWT_X86
  if (has_avx512f()) return Simd::avx512;
  if (has_avx2_fma()) return Simd::avx2;
#endif
  return Simd::none;
}

void deinterleave(const double* src, std::size_t pairs, double* even, double* odd) {
#ifdef STREAMS_DWT_X86
  if (has_avx512f()) return deinterleave_avx512(src, pairs, even, odd);
#endif
  deinterleave_scalar(src, pairs, even, odd);
}

void dwt_polyphase(const double* even, const double* odd, std::span<const double> lo, std::span<const double> hi,
                   std::size_t out_len, double* approx, double* detail, Simd simd) {
  simd = std::min(simd, best_simd());
#ifdef STREAMS_DWT_X86
  const std::size_t f = lo.size();
  if (simd == Simd::avx512 && f % 2 == 0 && f / 2 <= k_fixed_avx512.size() && aligned64(even) && aligned64(odd)) {
    return k_fixed_avx512[f / 2 - 1](even, odd, lo.data(), hi.data(), out_len, approx, detail);
  }
  if (simd == Simd::avx512) return polyphase_avx512(even, odd, lo, hi, out_len, approx, detail);
  if (simd == Simd::avx2) return polyphase_avx2(even, odd, lo, hi, out_len, approx, detail);
#endif
  polyphase_scalar(even, odd, lo, hi, out_len, approx, detail);
}

}  // namespace streams::analytics::wavelets::detail
