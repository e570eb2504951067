#include "analytics/indicators/indicator_registry.h"

#include <algorithm>
#include <cassert>

namespace streams::analytics {
namespace {

std::vector<IndicatorSpec> build_registry() {
  std::vector<IndicatorSpec> all;
  // The explicit list of groups, one registry_<group>.cc each; the registry test checks the union
  // against TA-Lib's list of 161 functions.
  for (auto&& group : {overlap_studies_specs(), momentum_specs(), volume_specs(), volatility_specs(),
                       price_transform_specs(), cycle_specs(), pattern_specs(), statistic_specs(), math_specs()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  std::sort(all.begin(), all.end(), [](const IndicatorSpec& a, const IndicatorSpec& b) { return a.name < b.name; });
  // Each function is declared once, in its group's file.
  assert(std::adjacent_find(all.begin(), all.end(), [](const IndicatorSpec& a, const IndicatorSpec& b) {
           return a.name == b.name;
         }) == all.end() && "an indicator is declared twice");
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
