#pragma once
// Discrete wavelet transform as PyWavelets 1.1 computes it: single-level dwt/idwt and the
// multilevel wavedec/waverec, with every pywt signal-extension mode. Output lengths, boundary
// handling and level rules follow pywt exactly (see README.md). Pure numeric; NaN propagates.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "analytics/wavelets/filters.h"
#include "core/result.h"

namespace streams::analytics::wavelets {

enum class Mode { zero, constant, symmetric, periodic, smooth, periodization, reflect, antisymmetric, antireflect };

// pywt's mode names, in pywt.Modes.modes order.
std::span<const std::string_view> mode_names();
std::optional<Mode> parse_mode(std::string_view name);
std::string_view mode_name(Mode mode);

// pywt.dwt_max_level: floor(log2(n / (filter_len - 1))), 0 when n < filter_len - 1.
int dwt_max_level(std::size_t n, std::size_t filter_len);
// pywt.dwt_coeff_len: floor((n + F - 1) / 2), periodization ceil(n / 2).
std::size_t dwt_coeff_len(std::size_t n, std::size_t filter_len, Mode mode);

struct DwtCoeffs {
  std::vector<double> approx;  // cA
  std::vector<double> detail;  // cD
};

// Errors: empty input; reflect/antireflect on a single value (pywt loops forever there).
Result<DwtCoeffs> dwt(std::span<const double> x, const DiscreteWavelet& wavelet, Mode mode);
// Errors: cA and cD of different lengths; a non-periodization output length <= 0.
Result<std::vector<double>> idwt(std::span<const double> approx, std::span<const double> detail,
                                 const DiscreteWavelet& wavelet, Mode mode);

// [cA_L, cD_L, ..., cD_1]. `level` nullopt: dwt_max_level. level < 0: error. level above the
// maximum: computed anyway, as pywt does (pywt only warns that every coefficient sees the boundary).
Result<std::vector<std::vector<double>>> wavedec(std::span<const double> x, const DiscreteWavelet& wavelet,
                                                 Mode mode, std::optional<int> level);
// Inverse of wavedec; like pywt, an approximation one longer than the next detail is trimmed.
// Output length: the original length, or one more when that was odd at some level.
Result<std::vector<double>> waverec(std::span<const std::vector<double>> coeffs, const DiscreteWavelet& wavelet,
                                    Mode mode);

}  // namespace streams::analytics::wavelets
