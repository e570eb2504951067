#pragma once
// Discrete wavelet transform as PyWavelets 1.1 computes it: single-level dwt/idwt and the
// multilevel wavedec/waverec, with every pywt signal-extension mode. Output lengths, boundary
// handling and level rules follow pywt exactly (see README.md). Pure numeric; NaN propagates.

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "analytics/wavelets/buffer.h"
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

// wavedec's result, pywt's list [cA_L, cD_L, ..., cD_1], in one block of memory that is written
// once (never zeroed first): two allocations per transform instead of one per level.
class WaveletCoeffs {
 public:
  WaveletCoeffs() = default;
  // Room for arrays of these lengths, in this order; values unset.
  explicit WaveletCoeffs(std::span<const std::size_t> lengths);
  // L + 1 for L levels.
  [[nodiscard]] std::size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  [[nodiscard]] std::span<double> operator[](std::size_t i) {
    return {values_.get() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }
  [[nodiscard]] std::span<const double> operator[](std::size_t i) const {
    return {values_.get() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }

 private:
  std::vector<std::size_t> offsets_;  // size() + 1 entries: array i is [offsets_[i], offsets_[i+1])
  detail::DoubleBuffer values_;
};

// [cA_L, cD_L, ..., cD_1]. `level` nullopt: dwt_max_level. level < 0: error. level above the
// maximum: computed anyway, as pywt does (pywt only warns that every coefficient sees the boundary).
Result<WaveletCoeffs> wavedec(std::span<const double> x, const DiscreteWavelet& wavelet, Mode mode,
                              std::optional<int> level);
// The lengths of wavedec's arrays [cA_L, cD_L, ..., cD_1] for n values (its level rules and errors).
Result<std::vector<std::size_t>> wavedec_lengths(std::size_t n, const DiscreteWavelet& wavelet, Mode mode,
                                                 std::optional<int> level);
// wavedec into arrays of those lengths (out.size() - 1 levels), e.g. the columns of an op result.
Status wavedec_into(std::span<const double> x, const DiscreteWavelet& wavelet, Mode mode,
                    std::span<const std::span<double>> out);
// Inverse of wavedec; like pywt, an approximation one longer than the next detail is trimmed.
// Output length: the original length, or one more when that was odd at some level.
Result<std::vector<double>> waverec(const WaveletCoeffs& coeffs, const DiscreteWavelet& wavelet, Mode mode);

}  // namespace streams::analytics::wavelets
