#pragma once
// TA-Lib's candle machinery shared by the 61 candlestick-pattern functions (candle_patterns.h):
// the candle settings (what "long body", "very short shadow", "near" … mean), the quantities of a
// single candle, the running averages a pattern compares against, and the loop every pattern runs.
// Notes on the conventions that decide equality with TA-Lib: candle_patterns.md.
//
// Everything here is a value type over borrowed spans; nothing is shared between calls.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/errc.h"
#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics::candle {

// What a setting measures on a candle: |close-open|, high-low, or upper+lower shadow.
enum class RangeType { real_body, high_low, shadows };

enum class Setting {
  body_long,
  body_very_long,
  body_short,
  body_doji,
  shadow_long,
  shadow_very_long,
  shadow_short,
  shadow_very_short,
  near,
  far,
  equal,
};

struct SettingSpec {
  RangeType range = RangeType::real_body;
  int period = 0;       // candles averaged before the one compared; 0 = the candle itself
  double factor = 1.0;  // multiple of the average
};

// TA-Lib 0.6's default candle settings (TA_SetCandleSettings is not exposed: defaults only).
constexpr SettingSpec spec(Setting s) {
  switch (s) {
    case Setting::body_long: return {RangeType::real_body, 10, 1.0};
    case Setting::body_very_long: return {RangeType::real_body, 10, 3.0};
    case Setting::body_short: return {RangeType::real_body, 10, 1.0};
    case Setting::body_doji: return {RangeType::high_low, 10, 0.1};
    case Setting::shadow_long: return {RangeType::real_body, 0, 1.0};
    case Setting::shadow_very_long: return {RangeType::real_body, 0, 2.0};
    case Setting::shadow_short: return {RangeType::shadows, 10, 1.0};
    case Setting::shadow_very_short: return {RangeType::high_low, 10, 0.1};
    case Setting::near: return {RangeType::high_low, 5, 0.2};
    case Setting::far: return {RangeType::high_low, 5, 0.6};
    case Setting::equal: return {RangeType::high_low, 5, 0.05};
  }
  return {};
}
constexpr int period(Setting s) { return spec(s).period; }

// max/min as TA-Lib writes them (the second argument wins ties and NaN comparisons), so that the
// rules see the same values as TA-Lib's when an input holds NaN.
inline double max2(double a, double b) { return a > b ? a : b; }
inline double min2(double a, double b) { return a < b ? a : b; }

// Read-only OHLC candles and the per-candle quantities the rules use.
class Candles {
 public:
  Candles(std::span<const double> open, std::span<const double> high, std::span<const double> low,
          std::span<const double> close)
      : open_(open), high_(high), low_(low), close_(close) {}

  [[nodiscard]] double o(std::size_t i) const { return open_[i]; }
  [[nodiscard]] double h(std::size_t i) const { return high_[i]; }
  [[nodiscard]] double l(std::size_t i) const { return low_[i]; }
  [[nodiscard]] double c(std::size_t i) const { return close_[i]; }

  // White (+1) when close >= open, else black (-1): a doji with close == open counts as white.
  [[nodiscard]] int color(std::size_t i) const { return close_[i] >= open_[i] ? 1 : -1; }
  [[nodiscard]] bool white(std::size_t i) const { return color(i) == 1; }
  [[nodiscard]] bool black(std::size_t i) const { return color(i) == -1; }

  [[nodiscard]] double body(std::size_t i) const { return std::fabs(close_[i] - open_[i]); }
  [[nodiscard]] double upper_shadow(std::size_t i) const {
    return high_[i] - (close_[i] >= open_[i] ? close_[i] : open_[i]);
  }
  [[nodiscard]] double lower_shadow(std::size_t i) const {
    return (close_[i] >= open_[i] ? open_[i] : close_[i]) - low_[i];
  }
  [[nodiscard]] double high_low(std::size_t i) const { return high_[i] - low_[i]; }

  // Top and bottom of the real body, as max/min(open, close) in that argument order.
  [[nodiscard]] double body_top(std::size_t i) const { return max2(open_[i], close_[i]); }
  [[nodiscard]] double body_bottom(std::size_t i) const { return min2(open_[i], close_[i]); }

  // Gaps of candle `later` relative to candle `earlier`: between real bodies, or whole ranges.
  [[nodiscard]] bool body_gap_up(std::size_t later, std::size_t earlier) const {
    return body_bottom(later) > body_top(earlier);
  }
  [[nodiscard]] bool body_gap_down(std::size_t later, std::size_t earlier) const {
    return body_top(later) < body_bottom(earlier);
  }
  [[nodiscard]] bool gap_up(std::size_t later, std::size_t earlier) const { return low_[later] > high_[earlier]; }
  [[nodiscard]] bool gap_down(std::size_t later, std::size_t earlier) const { return high_[later] < low_[earlier]; }

  [[nodiscard]] double range(RangeType type, std::size_t i) const {
    switch (type) {
      case RangeType::real_body: return body(i);
      case RangeType::high_low: return high_low(i);
      case RangeType::shadows: return upper_shadow(i) + lower_shadow(i);
    }
    return 0;
  }

 private:
  std::span<const double> open_, high_, low_, close_;
};

// Which setting, measured on which candle of the pattern: offset 0 is the candle being scanned
// (bar i), offset k the candle k bars before it.
struct AverageSpec {
  Setting setting;
  int offset = 0;
};

// The average a rule compares one candle against: factor × (sum of the setting's range over the
// `period` candles before that candle) / period, halved for the Shadows type (two shadows per
// candle); with period 0, the candle's own range. The sum is kept as a running total exactly as
// TA-Lib keeps it — summed once in order, then `total += (entering − leaving)` after each bar — so
// the averages, and therefore the comparisons at the margin, are the same as TA-Lib's.
// `measure` is the setting's range for every candle (see measure_series), computed once per call.
class RunningAverage {
 public:
  RunningAverage() = default;
  // Positioned at bar `first_bar`; requires first_bar >= offset + period.
  RunningAverage(std::span<const double> measure, AverageSpec what, std::size_t first_bar)
      : measure_(measure), spec_(spec(what.setting)), candle_(first_bar - static_cast<std::size_t>(what.offset)) {
    const auto p = static_cast<std::size_t>(spec_.period);
    for (std::size_t j = candle_ - p; j < candle_; ++j) total_ += measure_[j];
  }

  // The average for the current bar's candle.
  [[nodiscard]] double value() const {
    const double base = spec_.period != 0 ? total_ / static_cast<double>(spec_.period) : measure_[candle_];
    return spec_.factor * base / (spec_.range == RangeType::shadows ? 2.0 : 1.0);
  }

  // Moves to the next bar: the candle just compared enters the window, the oldest one leaves.
  void next() {
    if (spec_.period != 0) total_ += measure_[candle_] - measure_[candle_ - static_cast<std::size_t>(spec_.period)];
    ++candle_;
  }

 private:
  std::span<const double> measure_;
  SettingSpec spec_;
  std::size_t candle_ = 0;
  double total_ = 0;
};

// One range type measured on every candle, written to `out` (n values).
inline void measure_series(const Candles& candles, RangeType type, std::span<double> out) {
  for (std::size_t j = 0; j < out.size(); ++j) out[j] = candles.range(type, j);
}

// A pattern's averages and lookback: TA-Lib's lookback is the longest averaging period among the
// settings the pattern uses plus `extra` (usually the number of candles before the last one).
template <std::size_t N>
struct Shape {
  std::array<AverageSpec, N> averages;
  int extra = 0;

  [[nodiscard]] constexpr int lookback() const {
    int longest = 0;
    for (const auto& a : averages) longest = std::max(longest, period(a.setting));
    return longest + extra;
  }
};

template <std::size_t N>
using Averages = std::array<RunningAverage, N>;

// Checks the spans: all of one length. Returns that length.
inline Result<std::size_t> check_inputs(std::string_view name, std::span<const double> open,
                                        std::span<const double> high, std::span<const double> low,
                                        std::span<const double> close, std::span<double> out) {
  const std::size_t n = close.size();
  if (open.size() != n || high.size() != n || low.size() != n || out.size() != n) {
    return make_error(errc::input_mismatch, std::string(name) + ": open, high, low, close and output differ in length");
  }
  return n;
}

// TA-Lib's range for `penetration`: [0, 3e37] (TA_REAL_MAX); NaN is rejected too.
inline Status check_penetration(std::string_view name, double penetration) {
  if (!(penetration >= 0.0 && penetration <= 3e37)) {
    return make_error(errc::bad_param, std::string(name) + ": penetration must be in [0, 3e37]");
  }
  return {};
}

// True when `out` overlaps one of the inputs (the rules read earlier candles after later outputs
// would have been written, so an aliased output is computed into a buffer first).
inline bool aliases(std::span<double> out, std::span<const double> in) {
  const double* o = out.data();
  const double* i = in.data();
  return !out.empty() && !in.empty() && o < i + in.size() && i < o + out.size();
}

// The loop every stateless pattern runs: from bar `lookback` to the end, out[i] = rule(candles, i,
// averages), each average then advanced to the next bar. Input shorter than or equal to the
// lookback is an empty success.
template <std::size_t N, class Rule>
Result<OutRange> scan(std::string_view name, std::span<const double> open, std::span<const double> high,
                      std::span<const double> low, std::span<const double> close, std::span<double> out,
                      const Shape<N>& shape, Rule&& rule) {
  auto n = check_inputs(name, open, high, low, close, out);
  if (!n) return n.error();
  const auto lookback = static_cast<std::size_t>(shape.lookback());
  if (*n <= lookback) return OutRange{0, 0};

  const Candles candles(open, high, low, close);
  // The measures the shape uses (one series per range type), and a buffer for an aliased output,
  // in one allocation: several large temporary blocks per call make the allocator return and
  // re-fault pages on every call (10x slower at 100k bars).
  std::array<bool, 3> used{};
  for (const auto& a : shape.averages) used.at(static_cast<std::size_t>(spec(a.setting).range)) = true;
  const bool aliased = aliases(out, open) || aliases(out, high) || aliases(out, low) || aliases(out, close);
  const auto blocks = static_cast<std::size_t>(std::count(used.begin(), used.end(), true)) + (aliased ? 1 : 0);
  std::vector<double> scratch(blocks * *n);
  std::array<std::span<double>, 3> measures;
  std::size_t next_block = 0;
  for (std::size_t t = 0; t < used.size(); ++t) {
    if (!used.at(t)) continue;
    measures.at(t) = std::span<double>(scratch).subspan(next_block++ * *n, *n);
    measure_series(candles, static_cast<RangeType>(t), measures.at(t));
  }
  Averages<N> averages;
  for (std::size_t k = 0; k < N; ++k) {
    averages[k] = RunningAverage(measures.at(static_cast<std::size_t>(spec(shape.averages[k].setting).range)),
                                 shape.averages[k], lookback);
  }
  const std::span<double> target = aliased ? std::span<double>(scratch).subspan(next_block * *n, *n) : out;
  for (std::size_t i = lookback; i < *n; ++i) {
    target[i] = static_cast<double>(rule(candles, i, std::as_const(averages)));
    for (auto& a : averages) a.next();
  }
  if (aliased) std::copy(target.begin() + static_cast<std::ptrdiff_t>(lookback), target.end(),
                         out.begin() + static_cast<std::ptrdiff_t>(lookback));
  return OutRange{lookback, *n - lookback};
}

}  // namespace streams::analytics::candle
