#include "analytics/indicators/indicator_registry.h"

#include <algorithm>
#include <cassert>

namespace streams::analytics {
namespace {

std::vector<IndicatorSpec> build_registry() {
  std::vector<IndicatorSpec> all;
  // The explicit list of groups. A group whose branch is not merged yet returns {} from its
  // placeholder registry_<group>.cc; the registry test then names the missing functions.
  for (auto&& group : {overlap_studies_specs(), momentum_specs(), volume_specs(), volatility_specs(),
                       price_transform_specs(), cycle_specs(), pattern_specs(), statistic_specs(), math_specs()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  std::sort(all.begin(), all.end(), [](const IndicatorSpec& a, const IndicatorSpec& b) { return a.name < b.name; });
  // A name declared twice (e.g. mama in two groups) keeps its first declaration.
  all.erase(std::unique(all.begin(), all.end(),
                        [](const IndicatorSpec& a, const IndicatorSpec& b) { return a.name == b.name; }),
            all.end());
  return all;
}

}  // namespace

std::span<const IndicatorSpec> indicator_registry() {
  static const std::vector<IndicatorSpec> registry = build_registry();
  return registry;
}

const IndicatorSpec* find_indicator(std::string_view name) {
  const auto registry = indicator_registry();
  auto it = std::lower_bound(registry.begin(), registry.end(), name,
                             [](const IndicatorSpec& spec, std::string_view key) { return spec.name < key; });
  return it != registry.end() && it->name == name ? &*it : nullptr;
}

}  // namespace streams::analytics
