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

}  // namespace
#endif

void dwt_interior(std::span<const double> x, std::span<const double> lo, std::span<const double> hi, Index first,
                  std::size_t o_begin, std::size_t o_end, double* approx, double* detail) {
  if (o_end <= o_begin) return;
#ifdef STREAMS_DWT_AVX2
  if (o_end - o_begin >= 4 && lo.size() >= 2 && has_avx2_fma()) {
    interior_avx2(x, lo, hi, first, o_begin, o_end, approx, detail);
    return;
  }
#endif
  dwt_interior_scalar(x, lo, hi, first, o_begin, o_end, approx, detail);
}

}  // namespace streams::analytics::wavelets::detail
