#include "analytics/ops.h"

#include <algorithm>

namespace streams::analytics {
namespace {

std::vector<OpSpec> build_ops() {
  std::vector<OpSpec> all;
  for (auto&& family : {statistics_ops(), wavelet_ops(), level_ops()})
    all.insert(all.end(), family.begin(), family.end());
  std::stable_sort(all.begin(), all.end(), [](const OpSpec& a, const OpSpec& b) { return a.name < b.name; });
  all.erase(std::unique(all.begin(), all.end(), [](const OpSpec& a, const OpSpec& b) { return a.name == b.name; }),
            all.end());
  return all;
}

}  // namespace

std::span<const OpSpec> op_registry() {
  static const std::vector<OpSpec> registry = build_ops();
  return registry;
}

const OpSpec* find_op(std::string_view name) {
  const auto registry = op_registry();
  auto it = std::lower_bound(registry.begin(), registry.end(), name,
                             [](const OpSpec& spec, std::string_view key) { return spec.name < key; });
  return it != registry.end() && it->name == name ? &*it : nullptr;
}

}  // namespace streams::analytics
