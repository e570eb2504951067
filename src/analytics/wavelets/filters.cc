#include <algorithm>

#include "analytics/wavelets/filters.h"

namespace streams::analytics::wavelets {

const DiscreteWavelet* find_discrete_wavelet(std::string_view name) {
  const auto all = discrete_wavelets();
  const auto it = std::lower_bound(all.begin(), all.end(), name,
                                   [](const DiscreteWavelet& w, std::string_view n) { return w.name < n; });
  return it != all.end() && it->name == name ? &*it : nullptr;
}

}  // namespace streams::analytics::wavelets
