#pragma once
// Internal helpers shared by the indicator implementations: parameter checks with TA-Lib's
// ranges and messages, length checks, and the aliasing test. Not part of the public interface.

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <span>
#include <string_view>

#include "analytics/errc.h"
#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics::detail {

inline constexpr int max_period = 100000;        // TA-Lib's upper bound for every period
inline constexpr double real_max = 3e37;         // TA_REAL_MAX
inline constexpr double real_min = -3e37;        // TA_REAL_MIN

// TA-Lib's TA_IS_ZERO / TA_IS_ZERO_OR_NEG thresholds.
inline bool is_zero(double v) { return -0.00000001 < v && v < 0.00000001; }
inline bool is_zero_or_neg(double v) { return v < 0.00000001; }

inline Error bad_param(std::string_view function, std::string_view param, std::string_view why) {
  return make_error(errc::bad_param, fmt::format("{}: parameter '{}' {} (TA_BAD_PARAM)", function, param, why));
}

inline Status check_int(std::string_view function, std::string_view param, int value, int min, int max) {
  if (value < min || value > max) {
    return bad_param(function, param, fmt::format("= {} is out of range [{}, {}]", value, min, max));
  }
  return {};
}

inline Status check_real(std::string_view function, std::string_view param, double value, double min, double max) {
  if (!(value >= min && value <= max)) {
    return bad_param(function, param, fmt::format("= {} is out of range [{}, {}]", value, min, max));
  }
  return {};
}

// Every input and output has the same length n as the first input.
inline Status check_lengths(std::string_view function, std::initializer_list<std::size_t> inputs,
                            std::initializer_list<std::size_t> outputs) {
  const std::size_t n = *inputs.begin();
  const auto differs = [n](std::size_t size) { return size != n; };
  if (std::any_of(inputs.begin(), inputs.end(), differs) || std::any_of(outputs.begin(), outputs.end(), differs)) {
    return make_error(errc::input_mismatch, fmt::format("{}: inputs and outputs must have the same length", function));
  }
  return {};
}

// True when the two ranges share memory (an output written over an input).
inline bool overlaps(std::span<const double> a, std::span<const double> b) {
  if (a.empty() || b.empty()) return false;
  const std::less<const double*> less;
  return less(a.data(), b.data() + b.size()) && less(b.data(), a.data() + a.size());
}

inline OutRange written(std::size_t lookback, std::size_t n) {
  return n > lookback ? OutRange{lookback, n - lookback} : OutRange{};
}

}  // namespace streams::analytics::detail
