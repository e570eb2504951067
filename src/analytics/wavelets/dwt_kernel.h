#pragma once
// Internal: the inner loop of the DWT for the outputs whose filter window lies inside the signal
// (all but about F/2 at each end). Kept apart from dwt.cc because it is the one hot loop of the
// wavelets and has a SIMD version.

#include <cstddef>
#include <span>

namespace streams::analytics::wavelets::detail {

// For o in [o_begin, o_end): approx[o] = sum_j lo[j] * x[2o + first - j], detail[o] likewise with
// hi (j ascending). Precondition: 2*o_begin + first >= F - 1 and 2*(o_end - 1) + first < x.size().
// On CPUs with AVX2 and FMA, four outputs per vector with fused multiply-adds (eight with
// AVX-512F, the same operations in the same order, so the same doubles): the sums differ from the
// scalar ones by rounding only (a few ulps, far inside the 1e-9 contract).
void dwt_interior(std::span<const double> x, std::span<const double> lo, std::span<const double> hi,
                  std::ptrdiff_t first, std::size_t o_begin, std::size_t o_end, double* approx, double* detail);

// The portable loop (also the reference in tests).
void dwt_interior_scalar(std::span<const double> x, std::span<const double> lo, std::span<const double> hi,
                         std::ptrdiff_t first, std::size_t o_begin, std::size_t o_end, double* approx,
                         double* detail);

}  // namespace streams::analytics::wavelets::detail
