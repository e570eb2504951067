#pragma once
// Filter banks of the discrete wavelets PyWavelets 1.1 knows (haar, db1-db38, sym2-sym20,
// coif1-coif17, bior*, rbio*, dmey), generated from pywt itself by tools/gen_filters.py into
// filters_generated.cc. Pure data; lookup by the name pywt uses.

#include <span>
#include <string_view>

namespace streams::analytics::wavelets {

struct DiscreteWavelet {
  std::string_view name;          // "db4", "bior2.4", "dmey"
  std::string_view family_name;   // "Daubechies"
  std::string_view short_family;  // "db"
  bool orthogonal;
  std::span<const double> dec_lo;
  std::span<const double> dec_hi;
  std::span<const double> rec_lo;
  std::span<const double> rec_hi;

  [[nodiscard]] std::size_t filter_length() const { return dec_lo.size(); }
};

// Every wavelet, sorted by name.
std::span<const DiscreteWavelet> discrete_wavelets();

// nullptr when `name` is not a discrete wavelet of PyWavelets.
const DiscreteWavelet* find_discrete_wavelet(std::string_view name);

}  // namespace streams::analytics::wavelets
