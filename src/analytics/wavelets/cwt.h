#pragma once
// Continuous wavelet transform as PyWavelets 1.1 computes it (pywt.cwt, method='conv'): the
// wavelet function sampled on 2^10 points over its support, integrated by cumulative sum,
// resampled per scale, convolved with the signal, differentiated, scaled by -sqrt(scale) and
// trimmed to the centre. Pure numeric; NaN propagates to the coefficients whose window holds it.

#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::analytics::wavelets {

enum class ContinuousFamily { morl, mexh, gaus, cgau, cmor, shan, fbsp };

struct ContinuousWavelet {
  ContinuousFamily family = ContinuousFamily::morl;
  int order = 0;             // gaus/cgau 1..8; fbsp M (>= 1)
  double bandwidth = 0.0;    // cmor/shan/fbsp B
  double center = 0.0;       // cmor/shan/fbsp C
  double lower_bound = 0.0;  // support sampled by wavefun
  double upper_bound = 0.0;
  [[nodiscard]] bool is_complex() const {
    return family == ContinuousFamily::cgau || family == ContinuousFamily::cmor ||
           family == ContinuousFamily::shan || family == ContinuousFamily::fbsp;
  }
};

// "morl", "mexh", "gaus1".."gaus8", "cgau1".."cgau8", "cmorB-C", "shanB-C", "fbspM-B-C"
// (bare "cmor"/"shan"/"fbsp" take pywt's defaults). Error (bad_param, key "wavelet") otherwise.
Result<ContinuousWavelet> parse_continuous_wavelet(std::string_view name);

// pywt's ContinuousWavelet.wavefun(precision): psi (real and imaginary parts) on
// linspace(lower_bound, upper_bound, 2^precision).
struct WaveFunction {
  std::vector<double> x;
  std::vector<double> psi_real;
  std::vector<double> psi_imag;  // empty for real wavelets
};
WaveFunction wavefun(const ContinuousWavelet& wavelet, int precision);

struct CwtResult {
  std::vector<std::vector<double>> real;  // one row per scale, each of the input's length
  std::vector<std::vector<double>> imag;  // empty for real wavelets
};

// Errors: a scale <= 0 or not finite; a scale so small that the resampled wavelet has fewer
// points than needed (pywt: "Selected scale of .. too small").
Result<CwtResult> cwt(std::span<const double> x, std::span<const double> scales, const ContinuousWavelet& wavelet);

}  // namespace streams::analytics::wavelets
