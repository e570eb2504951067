#pragma once
// Internal: the one hot loop of the wavelets, the filtering of one DWT level, with SIMD versions.
//
// dwt.cc writes the extended signal s (s[0] the lowest sample any output reads, edges already
// extended by the mode) split by parity — even[k] = s[2k], odd[k] = s[2k + 1] — so that every
// tap of every output is a contiguous read: output o of a filter of length F is
//   approx[o] = sum_j lo[j] * s[2o + F - 1 - j]   (j ascending, pywt's order), detail likewise.
// No edge cases are left in the loop: one load and two multiply-adds per tap and vector of outputs
// (the AVX-512 loops for even filters up to 20 taps load each vector once and put the taps'
// shifted values together with valignq instead).
#include <cstddef>
#include <span>

namespace streams::analytics::wavelets::detail {

// even/odd must be readable this many values past the last one an output reads (vector tails),
// and are read fastest when 64-byte aligned.
inline constexpr std::size_t polyphase_padding = 24;

// Values each of even/odd holds for out_len outputs of a filter of length f (before padding).
constexpr std::size_t polyphase_length(std::size_t out_len, std::size_t f) {
  return out_len + f / 2;
}

// even[k] = src[2k], odd[k] = src[2k + 1] for k < pairs.
void deinterleave(const double* src, std::size_t pairs, double* even, double* odd);

// Instruction sets the level loop has a version for.
enum class Simd { none, avx2, avx512 };
// The widest this CPU runs (AVX2 counts with FMA only).
Simd best_simd();

// The level's outputs from the split signal. With AVX-512F (AVX2 and FMA) the outputs go eight
// (four) to a vector with fused multiply-adds in the same order: the sums differ from the portable
// loop's (simd none) by rounding only, a few ulps, far inside the 1e-9 contract. The AVX-512 loop
// per filter length (even F <= 20) needs even and odd 64-byte aligned, else the general one runs.
// A `simd` above best_simd() is lowered to it; tests pass each level to compare them.
void dwt_polyphase(const double* even, const double* odd, std::span<const double> lo, std::span<const double> hi,
                   std::size_t out_len, double* approx, double* detail, Simd simd = best_simd());

}  // namespace streams::analytics::wavelets::detail
