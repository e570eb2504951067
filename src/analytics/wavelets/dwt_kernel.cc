#include "analytics/wavelets/dwt_kernel.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define STREAMS_DWT_AVX2 1
#endif

namespace streams::analytics::wavelets::detail {

using Index = std::ptrdiff_t;

void dwt_interior_scalar(std::span<const double> x, std::span<const double> lo, std::span<const double> hi,
                         Index first, std::size_t o_begin, std::size_t o_end, double* approx, double* detail) {
  const std::size_t f = lo.size();
  for (std::size_t o = o_begin; o < o_end; ++o) {
    const double* p = x.data() + static_cast<Index>(2 * o) + first;
    double a = 0.0;
    double d = 0.0;
    for (std::size_t j = 0; j < f; ++j) {
      const double v = *(p - static_cast<Index>(j));
      a += lo[j] * v;
      d += hi[j] * v;
    }
    approx[o] = a;
    detail[o] = d;
  }
}

#ifdef STREAMS_DWT_AVX2
namespace {

// Four outputs o..o+3 read, for tap j, x[2o + s], x[2o + s + 2], x[2o + s + 4], x[2o + s + 6] with
// s = first - j: a stride-2 walk. Two loads of x[2o + s .. 2o + s + 7] and one unpack give them in
// the lane order (o, o+2, o+1, o+3) — and the other unpack gives tap j-1's values (s + 1) from
// the same loads. The accumulators stay in that lane order and are put back in order once, at the
// store. Four groups (16 outputs) of approx and detail are summed at once: eight independent FMA
// chains keep both FMA pipes busy despite their latency.
struct Taps {
  const double* x;
  std::span<const double> lo, hi;
  Index first;
};

template <int Groups>
__attribute__((target("avx2,fma"), always_inline)) inline void block(const Taps& t, std::size_t o, double* approx,
                                                                      double* detail) {
  __m256d a[Groups];
  __m256d d[Groups];
#pragma GCC unroll 4
  for (int g = 0; g < Groups; ++g) a[g] = d[g] = _mm256_setzero_pd();
  const std::size_t f = t.lo.size();
  const double* row = t.x + static_cast<Index>(2 * o) + t.first;  // x[2o + first]: tap 0 of output o
  std::size_t j = 0;
  for (; j + 1 < f; j += 2) {  // taps j (s) and j+1 (s-1), in that order
    const double* p = row - static_cast<Index>(j + 1);
    const __m256d lo0 = _mm256_broadcast_sd(&t.lo[j]), lo1 = _mm256_broadcast_sd(&t.lo[j + 1]);
    const __m256d hi0 = _mm256_broadcast_sd(&t.hi[j]), hi1 = _mm256_broadcast_sd(&t.hi[j + 1]);
#pragma GCC unroll 4
    for (int g = 0; g < Groups; ++g) {
      const __m256d v0 = _mm256_loadu_pd(p + 8 * g);
      const __m256d v1 = _mm256_loadu_pd(p + 8 * g + 4);
      const __m256d tap_next = _mm256_unpacklo_pd(v0, v1);  // s-1: x[2o+s-1], [+4], [+2], [+6]
      const __m256d tap = _mm256_unpackhi_pd(v0, v1);       // s
      a[g] = _mm256_fmadd_pd(lo0, tap, a[g]);
      d[g] = _mm256_fmadd_pd(hi0, tap, d[g]);
      a[g] = _mm256_fmadd_pd(lo1, tap_next, a[g]);
      d[g] = _mm256_fmadd_pd(hi1, tap_next, d[g]);
    }
  }
  if (j < f) {  // odd filter length: the last tap alone
    const double* p = row - static_cast<Index>(j);
    const __m256d lo0 = _mm256_broadcast_sd(&t.lo[j]);
    const __m256d hi0 = _mm256_broadcast_sd(&t.hi[j]);
#pragma GCC unroll 4
    for (int g = 0; g < Groups; ++g) {
      const __m256d tap = _mm256_unpacklo_pd(_mm256_loadu_pd(p + 8 * g), _mm256_loadu_pd(p + 8 * g + 4));
      a[g] = _mm256_fmadd_pd(lo0, tap, a[g]);
      d[g] = _mm256_fmadd_pd(hi0, tap, d[g]);
    }
  }
#pragma GCC unroll 4
  for (int g = 0; g < Groups; ++g) {  // lanes (o, o+2, o+1, o+3) back to (o, o+1, o+2, o+3)
    _mm256_storeu_pd(approx + o + 4 * g, _mm256_permute4x64_pd(a[g], 0xD8));
    _mm256_storeu_pd(detail + o + 4 * g, _mm256_permute4x64_pd(d[g], 0xD8));
  }
}

__attribute__((target("avx2,fma"))) void interior_avx2(std::span<const double> x, std::span<const double> lo,
                                                        std::span<const double> hi, Index first,
                                                        std::size_t o_begin, std::size_t o_end, double* approx,
                                                        double* detail) {
  // Loads reach x[2(o+3) + first - j + 1] for j >= 1 pairs and x[2(o+3) + first] at most: inside.
  const Taps t{x.data(), lo, hi, first};
  std::size_t o = o_begin;
  for (; o + 16 <= o_end; o += 16) block<4>(t, o, approx, detail);
  for (; o + 4 <= o_end; o += 4) block<1>(t, o, approx, detail);
  dwt_interior_scalar(x, lo, hi, first, o, o_end, approx, detail);
}

bool has_avx2_fma() {
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
}

// The same sums eight outputs to a vector: for tap j, outputs o..o+7 read the odd elements of
// x[2o + s - 1 .. 2o + s + 14] (s = first - j) and tap j+1 the even ones — one two-source permute
// each from the same two loads, in output order. Same operations in the same order as the AVX2
// block (one FMA per tap, j ascending), so the same doubles; twice the width where the CPU has
// 512-bit FMA units.
template <int Groups>
__attribute__((target("avx512f"), always_inline)) inline void block512(const Taps& t, std::size_t o, double* approx,
                                                                        double* detail) {
  __m512d a[Groups];
  __m512d d[Groups];
#pragma GCC unroll 4
  for (int g = 0; g < Groups; ++g) a[g] = d[g] = _mm512_setzero_pd();
  const __m512i even = _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0);
  const __m512i odd = _mm512_set_epi64(15, 13, 11, 9, 7, 5, 3, 1);
  const std::size_t f = t.lo.size();
  const double* row = t.x + static_cast<Index>(2 * o) + t.first;  // x[2o + first]: tap 0 of output o
  std::size_t j = 0;
  for (; j + 1 < f; j += 2) {
    const double* p = row - static_cast<Index>(j + 1);
    const __m512d lo0 = _mm512_set1_pd(t.lo[j]), lo1 = _mm512_set1_pd(t.lo[j + 1]);
    const __m512d hi0 = _mm512_set1_pd(t.hi[j]), hi1 = _mm512_set1_pd(t.hi[j + 1]);
#pragma GCC unroll 4
    for (int g = 0; g < Groups; ++g) {
      const __m512d v0 = _mm512_loadu_pd(p + 16 * g);
      const __m512d v1 = _mm512_loadu_pd(p + 16 * g + 8);
      const __m512d tap = _mm512_permutex2var_pd(v0, odd, v1);        // s
      const __m512d tap_next = _mm512_permutex2var_pd(v0, even, v1);  // s - 1
      a[g] = _mm512_fmadd_pd(lo0, tap, a[g]);
      d[g] = _mm512_fmadd_pd(hi0, tap, d[g]);
      a[g] = _mm512_fmadd_pd(lo1, tap_next, a[g]);
      d[g] = _mm512_fmadd_pd(hi1, tap_next, d[g]);
    }
  }
  if (j < f) {  // odd filter length: the last tap alone, the even elements of x[2o + s ..]
    const double* p = row - static_cast<Index>(j);
    const __m512d lo0 = _mm512_set1_pd(t.lo[j]);
    const __m512d hi0 = _mm512_set1_pd(t.hi[j]);
#pragma GCC unroll 4
    for (int g = 0; g < Groups; ++g) {
      const __m512d tap = _mm512_permutex2var_pd(_mm512_loadu_pd(p + 16 * g), even, _mm512_loadu_pd(p + 16 * g + 8));
      a[g] = _mm512_fmadd_pd(lo0, tap, a[g]);
      d[g] = _mm512_fmadd_pd(hi0, tap, d[g]);
    }
  }
#pragma GCC unroll 4
  for (int g = 0; g < Groups; ++g) {
    _mm512_storeu_pd(approx + o + 8 * g, a[g]);
    _mm512_storeu_pd(detail + o + 8 * g, d[g]);
  }
}

__attribute__((target("avx512f"))) std::size_t interior_avx512(std::span<const double> x, std::span<const double> lo,
                                                                std::span<const double> hi, Index first,
                                                                std::size_t o_begin, std::size_t o_end,
                                                                double* approx, double* detail) {
  // Loads reach x[2(o+7) + first - j] at most (pairs) and x[2(o+7) + first - (F-1) + 1] (odd F):
  // inside; and no lower than x[2o + first - (F-1)]: inside by the precondition.
  const Taps t{x.data(), lo, hi, first};
  std::size_t o = o_begin;
  for (; o + 32 <= o_end; o += 32) block512<4>(t, o, approx, detail);
  for (; o + 8 <= o_end; o += 8) block512<1>(t, o, approx, detail);
  return o;
}

bool has_avx512f() {
  static const bool yes = __builtin_cpu_supports("avx512f");
  return yes;
}

}  // namespace
#endif

void dwt_interior(std::span<const double> x, std::span<const double> lo, std::span<const double> hi, Index first,
                  std::size_t o_begin, std::size_t o_end, double* approx, double* detail) {
  if (o_end <= o_begin) return;
#ifdef STREAMS_DWT_AVX2
  if (o_end - o_begin >= 4 && lo.size() >= 2 && has_avx2_fma()) {
    if (o_end - o_begin >= 8 && has_avx512f()) o_begin = interior_avx512(x, lo, hi, first, o_begin, o_end, approx, detail);
    interior_avx2(x, lo, hi, first, o_begin, o_end, approx, detail);
    return;
  }
#endif
  dwt_interior_scalar(x, lo, hi, first, o_begin, o_end, approx, detail);
}

}  // namespace streams::analytics::wavelets::detail
