#include "analytics/op.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "analytics/errc.h"

namespace streams::analytics {

Error bad_param(std::string_view key, std::string_view why) {
  return make_error(errc::bad_param, fmt::format("parameter '{}': {}", key, why));
}

namespace {
std::string describe(const ParamValue& value) {
  struct Visitor {
    std::string operator()(ParamNone) const { return "none"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, value);
}
}  // namespace

const ParamValue* OpArgs::find(std::string_view key) {
  if (used_.size() != values_.size()) used_.assign(values_.size(), false);
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (values_[i].first == key) {
      used_[i] = true;
      return &values_[i].second;
    }
  }
  return nullptr;
}

bool OpArgs::has(std::string_view key) const {
  return std::any_of(values_.begin(), values_.end(), [&](const auto& kv) { return kv.first == key; });
}

Result<int> OpArgs::get_int(std::string_view key, int fallback, int min, int max) {
  const ParamValue* v = find(key);
  if (v == nullptr) return fallback;
  const double* d = std::get_if<double>(v);
  if (d == nullptr || std::floor(*d) != *d) {
    return bad_param(key, fmt::format("expected an integer, got '{}'", describe(*v)));
  }
  if (*d < min || *d > max) return bad_param(key, fmt::format("{} is out of range [{}, {}]", *d, min, max));
  return static_cast<int>(*d);
}

Result<double> OpArgs::get_real(std::string_view key, double fallback, double min, double max) {
  const ParamValue* v = find(key);
  if (v == nullptr) return fallback;
  const double* d = std::get_if<double>(v);
  if (d == nullptr) return bad_param(key, fmt::format("expected a number, got '{}'", describe(*v)));
  if (!(*d >= min && *d <= max)) return bad_param(key, fmt::format("{} is out of range [{}, {}]", *d, min, max));
  return *d;
}

Result<bool> OpArgs::get_bool(std::string_view key, bool fallback) {
  const ParamValue* v = find(key);
  if (v == nullptr) return fallback;
  if (const bool* b = std::get_if<bool>(v)) return *b;
  if (const double* d = std::get_if<double>(v); d != nullptr && (*d == 0 || *d == 1)) return *d == 1;
  return bad_param(key, fmt::format("expected true or false, got '{}'", describe(*v)));
}

Result<std::string> OpArgs::get_choice(std::string_view key, std::string_view fallback,
                                       std::span<const std::string_view> choices) {
  const ParamValue* v = find(key);
  if (v == nullptr) return std::string(fallback);
  const std::string text = describe(*v);
  if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
  return bad_param(key, fmt::format("'{}' is not one of {}", text, fmt::join(choices, ", ")));
}

Result<std::string> OpArgs::get_text(std::string_view key, std::string_view fallback) {
  const ParamValue* v = find(key);
  if (v == nullptr) return std::string(fallback);
  return describe(*v);
}

bool OpArgs::take_none(std::string_view key) {
  const ParamValue* v = find(key);
  return v != nullptr && std::holds_alternative<ParamNone>(*v);
}

Status OpArgs::finish() const {
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (i >= used_.size() || !used_[i]) return bad_param(values_[i].first, "unknown parameter");
  }
  return {};
}

}  // namespace streams::analytics
