#pragma once
// Incremental (streaming) indicators: one bar in, at most one value out, O(1) amortised per bar
// (CCI: O(timeperiod), as its mean deviation needs the whole window). Each state's outputs equal
// the batch function's over the same bars bit for bit: both run the same floating-point
// operations (shared cores in wilder.h, macd_core.h, oscillator_core.h, volume_core.h).
//
// Common shape of every state class S:
//   static Result<S> create(params...);          // TA-Lib's parameter ranges, as the batch function
//   using Output = double | a struct of doubles;
//   std::optional<Output> update(const BarInput& bar);   // nullopt during the lookback
//   int lookback() const;                         // bars consumed before the first value
// States read only the bar fields their batch function reads (close for single-series
// indicators). The live hub feeds them bar by bar; concept `StreamingIndicator` checks the shape.

#include <concepts>
#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "analytics/indicators/indicator.h"

namespace streams::analytics {

struct BarInput {
  double open = nan;
  double high = nan;
  double low = nan;
  double close = nan;
  double volume = nan;
};

template <class S>
concept StreamingIndicator = requires(S s, const BarInput& bar) {
  typename S::Output;
  { s.update(bar) } -> std::same_as<std::optional<typename S::Output>>;
  { s.lookback() } -> std::convertible_to<int>;
};

namespace detail {

// Highest (Better = std::greater<>) or lowest (std::less<>) of the last `period` pushed values, with a
// monotonic deque: amortised O(1).
template <class Better>
class MonotonicExtreme {
 public:
  explicit MonotonicExtreme(std::size_t period) : period_(period) {}
  void push(double x) {
    while (!window_.empty() && !Better{}(window_.back().second, x)) window_.pop_back();
    window_.emplace_back(count_, x);
    ++count_;
    while (window_.front().first + period_ < count_) window_.pop_front();  // left the window
  }
  [[nodiscard]] double value() const { return window_.front().second; }

 private:
  std::size_t period_;
  std::size_t count_ = 0;
  std::deque<std::pair<std::size_t, double>> window_;
};

}  // namespace detail
}  // namespace streams::analytics
