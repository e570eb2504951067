#pragma once
// Internal: makes multi-input indicators alias-safe. When an output shares memory with one of
// the inputs, the inputs are copied once and the spans re-pointed at the copies, so the
// computation can read inputs after writing outputs. Not part of the public interface.

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
  double out = high - low;
  const double a = prev_close > high ? prev_close - high : high - prev_close;
  if (a > out) out = a;
  const double b = prev_close > low ? prev_close - low : low - prev_close;
  if (b > out) out = b;
  return out;
}

}  // namespace streams::analytics::detail
