#pragma once
// Internal: TA-Lib's rolling highest/lowest "trick" (TA_MAX, TA_MIN, TA_MINMAX...): keep the
// index of the current extreme; only when it leaves the window rescan the window. Amortised O(1)
// per row on market data. Ties as in TA-Lib 0.6: a rescan keeps the earliest of equal extremes
// (strict comparison), a new row equal to the current extreme takes over (non-strict).

#include <cstddef>
#include <span>

namespace streams::analytics::detail {

// Strict(a, b): a beats b during a rescan (> for highest); Better(a, b): a new row replaces the
// extreme (>= for highest).
template <class Strict, class Better>
class RollingExtreme {
 public:
  RollingExtreme(std::span<const double> in, std::size_t period) : in_(in), period_(period) {}

  // Extreme over rows [today - period + 1, today]; call with today increasing by one.
  std::size_t update(std::size_t today) {
    const std::size_t trailing = today + 1 - period_;
    if (!valid_ || index_ < trailing) {
      index_ = trailing;
      value_ = in_[trailing];
      for (std::size_t i = trailing + 1; i <= today; ++i) {
        if (Strict{}(in_[i], value_)) {
          index_ = i;
          value_ = in_[i];
        }
      }
      valid_ = true;
    } else if (Better{}(in_[today], value_)) {
      index_ = today;
      value_ = in_[today];
    }
    return index_;
  }
  [[nodiscard]] double value() const { return value_; }

 private:
  std::span<const double> in_;
  std::size_t period_;
  std::size_t index_ = 0;
  double value_ = 0.0;
  bool valid_ = false;
};

struct Higher {
  bool operator()(double a, double b) const { return a > b; }
};
struct Lower {
  bool operator()(double a, double b) const { return a < b; }
};
struct HigherOrEqual {
  bool operator()(double a, double b) const { return a >= b; }
};
struct LowerOrEqual {
  bool operator()(double a, double b) const { return a <= b; }
};
using RollingMax = RollingExtreme<Higher, HigherOrEqual>;
using RollingMin = RollingExtreme<Lower, LowerOrEqual>;

}  // namespace streams::analytics::detail
