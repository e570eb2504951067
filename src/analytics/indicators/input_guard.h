#pragma once
// Internal: makes multi-input indicators alias-safe. When an output shares memory with one of
// the inputs, the inputs are copied once and the spans re-pointed at the copies, so the
// computation can read inputs after writing outputs. Not part of the public interface.

#include <cmath>
#include <initializer_list>
#include <span>
#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics::detail {

class InputGuard {
 public:
  InputGuard(std::initializer_list<std::span<const double>*> inputs, std::initializer_list<std::span<double>> outputs) {
    bool alias = false;
    for (const auto* in : inputs) {
      for (const auto out : outputs) alias = alias || overlaps(*in, out);
    }
    if (!alias) return;
    copies_.reserve(inputs.size());
    for (auto* in : inputs) {
      copies_.emplace_back(in->begin(), in->end());
      *in = copies_.back();
    }
  }

 private:
  std::vector<std::vector<double>> copies_;
};

// TA-Lib's TRUE_RANGE: the largest of high-low, |high-prev close|, |low-prev close|, compared in
// that order.
inline double true_range(double high, double low, double prev_close) {
  // |high - prev_close| == |prev_close - high| exactly; the selects compile to max instructions
  // (no unpredictable branches) and keep TA-Lib's "replace only when greater" semantics.
  double out = high - low;
  const double a = std::fabs(high - prev_close);
  out = a > out ? a : out;
  const double b = std::fabs(low - prev_close);
  out = b > out ? b : out;
  return out;
}

}  // namespace streams::analytics::detail
