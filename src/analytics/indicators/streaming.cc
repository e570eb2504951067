#include "analytics/indicators/streaming.h"

#include <array>
#include <cmath>
#include <deque>
#include <fmt/format.h>
#include <functional>
#include <vector>

#include "analytics/errc.h"
#include "analytics/indicators/detail.h"
#include "analytics/indicators/indicator.h"
#include "analytics/indicators/sar_state.h"

// Each state below repeats, bar by bar, the arithmetic of its batch function in the same order,
// so that streaming and batch agree to the last bit (the batch files say which TA-Lib order they
// follow). Windows keep only the values they still need, in a ring.

namespace streams::analytics {
namespace {

// The last `capacity` values pushed; back(0) is the newest.
class Ring {
 public:
  explicit Ring(std::size_t capacity) : values_(capacity == 0 ? 1 : capacity) {}
  void push(double x) {
    head_ = head_ + 1 == values_.size() ? 0 : head_ + 1;
    values_[head_] = x;
  }
  [[nodiscard]] double back(std::size_t age) const {
    const std::size_t n = values_.size();
    return values_[(head_ + n - (age % n)) % n];
  }

 private:
  std::vector<double> values_;
  std::size_t head_ = 0;
};

class SmaState {
 public:
  explicit SmaState(int period) : period_(period), window_(static_cast<std::size_t>(period)) {}
  double update(double x) {
    window_.push(x);
    total_ += x;
    if (++seen_ < period_) return nan;
    const double value = total_ / static_cast<double>(period_);
    total_ -= window_.back(static_cast<std::size_t>(period_ - 1));
    return value;
  }

 private:
  int period_;
  Ring window_;
  double total_ = 0;
  int seen_ = 0;
};

// TA-Lib's EMA: the mean of the first `period` values, then ((x − prev)·k) + prev.
class EmaState {
 public:
  explicit EmaState(int period) : period_(period), k_(2.0 / (static_cast<double>(period) + 1.0)) {}
  bool push(double x) {
    if (seen_ < period_) {
      sum_ += x;
      if (++seen_ < period_) return false;
      value_ = sum_ / period_;
      return true;
    }
    value_ = ((x - value_) * k_) + value_;
    return true;
  }
  double update(double x) { return push(x) ? value_ : nan; }
  [[nodiscard]] double value() const { return value_; }

 private:
  int period_;
  double k_;
  int seen_ = 0;
  double sum_ = 0;
  double value_ = 0;
};

class DemaState {
 public:
  explicit DemaState(int period) : first_(period), second_(period) {}
  double update(double x) {
    if (!first_.push(x) || !second_.push(first_.value())) return nan;
    return (2.0 * first_.value()) - second_.value();
  }

 private:
  EmaState first_;
  EmaState second_;
};

class TemaState {
 public:
  explicit TemaState(int period) : first_(period), second_(period), third_(period) {}
  double update(double x) {
    if (!first_.push(x) || !second_.push(first_.value()) || !third_.push(second_.value())) return nan;
    return third_.value() + ((3.0 * first_.value()) - (3.0 * second_.value()));
  }

 private:
  EmaState first_;
  EmaState second_;
  EmaState third_;
};

class WmaState {
 public:
  explicit WmaState(int period)
      : period_(period),
        divider_(static_cast<double>((period * (period + 1)) >> 1)),
        window_(static_cast<std::size_t>(period)) {}
  double update(double x) {
    window_.push(x);
    const int index = seen_++;
    if (index < period_ - 1) {
      plain_ += x;
      weighted_ += x * static_cast<double>(index + 1);
      return nan;
    }
    plain_ += x;
    plain_ -= trailing_value_;
    weighted_ += x * static_cast<double>(period_);
    trailing_value_ = window_.back(static_cast<std::size_t>(period_ - 1));
    const double value = weighted_ / divider_;
    weighted_ -= plain_;
    return value;
  }

 private:
  int period_;
  double divider_;
  Ring window_;
  double plain_ = 0;
  double weighted_ = 0;
  double trailing_value_ = 0;
  int seen_ = 0;
};

// TRIMA's running sums (trima.cc): `numerator` is the weighted window sum, `sub` the rising
// half, `add` the falling half; odd and even periods split the window differently.
class TrimaState {
 public:
  explicit TrimaState(int period)
      : period_(static_cast<std::size_t>(period)),
        half_(static_cast<std::size_t>(period >> 1)),
        odd_(period % 2 == 1),
        factor_(odd_ ? 1.0 / static_cast<double>((half_ + 1) * (half_ + 1))
                     : 1.0 / static_cast<double>(half_ * (half_ + 1))),
        window_(period_ + 1) {}

  double update(double x) {
    window_.push(x);
    const std::size_t today = seen_++;
    if (today + 1 < period_) return nan;
    if (today + 1 == period_) {
      // Window x[0..p-1]; `at(j)` reads absolute index j.
      const std::size_t middle = odd_ ? half_ : half_ - 1;
      for (std::size_t i = middle + 1; i-- > 0;) {
        sub_ += at(i, today);
        numerator_ += sub_;
      }
      for (std::size_t i = middle + 1; i <= today; ++i) {
        add_ += at(i, today);
        numerator_ += add_;
      }
      leaving_ = at(0, today);
      return numerator_ * factor_;
    }
    numerator_ -= sub_;
    sub_ -= leaving_;
    const double mid = at(today - half_, today);
    sub_ += mid;
    if (odd_) {
      numerator_ += add_;
      add_ -= mid;
    } else {
      add_ -= mid;
      numerator_ += add_;
    }
    add_ += x;
    numerator_ += x;
    leaving_ = at(today + 1 - period_, today);
    return numerator_ * factor_;
  }

 private:
  [[nodiscard]] double at(std::size_t index, std::size_t today) const { return window_.back(today - index); }
  std::size_t period_;
  std::size_t half_;
  bool odd_;
  double factor_;
  Ring window_;
  std::size_t seen_ = 0;
  double numerator_ = 0;
  double sub_ = 0;
  double add_ = 0;
  double leaving_ = 0;
};

class KamaState {
 public:
  explicit KamaState(int period) : period_(static_cast<std::size_t>(period)), window_(period_ + 1) {}
  double update(double x) {
    window_.push(x);
    const std::size_t today = seen_++;
    if (today < period_) return nan;
    const double oldest = window_.back(period_);
    if (today == period_) {
      for (std::size_t i = 0; i < period_; ++i) volatility_ += std::fabs(window_.back(period_ - i) - window_.back(period_ - i - 1));
      kama_ = window_.back(1);
    } else {
      volatility_ -= std::fabs(trailing_value_ - oldest);
      volatility_ += std::fabs(x - window_.back(1));
    }
    const double change = x - oldest;
    trailing_value_ = oldest;
    double efficiency = 1.0;
    if (!(volatility_ <= change || detail::is_zero(volatility_))) efficiency = std::fabs(change / volatility_);
    double factor = efficiency * span + slowest;
    factor *= factor;
    kama_ = (x - kama_) * factor + kama_;
    return kama_;
  }

 private:
  static constexpr double slowest = 2.0 / (30.0 + 1.0);
  static constexpr double span = 2.0 / (2.0 + 1.0) - slowest;
  std::size_t period_;
  Ring window_;
  std::size_t seen_ = 0;
  double volatility_ = 0;
  double kama_ = 0;
  double trailing_value_ = 0;
};

// A moving average chosen by TA-Lib's matype, for bbands' middle band.
class MaState {
 public:
  static Result<MaState> make(int period, MaType type) {
    switch (type) {
      case MaType::sma: return MaState(period, [s = SmaState(period)](double x) mutable { return s.update(x); });
      case MaType::ema: return MaState(period, [s = EmaState(period)](double x) mutable { return s.update(x); });
      case MaType::wma: return MaState(period, [s = WmaState(period)](double x) mutable { return s.update(x); });
      case MaType::dema: return MaState(period, [s = DemaState(period)](double x) mutable { return s.update(x); });
      case MaType::tema: return MaState(period, [s = TemaState(period)](double x) mutable { return s.update(x); });
      case MaType::trima: return MaState(period, [s = TrimaState(period)](double x) mutable { return s.update(x); });
      case MaType::kama: return MaState(period, [s = KamaState(period)](double x) mutable { return s.update(x); });
      case MaType::mama:
      case MaType::t3: break;
    }
    return make_error(errc::bad_param, "matype: MAMA and T3 moving averages have no streaming form");
  }
  double update(double x) { return update_(x); }

 private:
  MaState(int /*period*/, std::function<double(double)> update) : update_(std::move(update)) {}
  std::function<double(double)> update_;
};

// Rolling population variance by running sums of x and x² (bbands.cc, statistic_functions.cc),
// accumulating from absolute index `start` on; defined from start + period − 1.
class VarianceState {
 public:
  VarianceState(int period, std::size_t start) : period_(period), start_(start), window_(static_cast<std::size_t>(period)) {}
  double update(double x) {
    const std::size_t index = seen_++;
    if (index < start_) return nan;
    window_.push(x);
    sum_ += x;
    sum2_ += x * x;
    if (index + 1 < start_ + static_cast<std::size_t>(period_)) return nan;
    const double mean = sum_ / period_;
    const double mean2 = sum2_ / period_;
    const double old = window_.back(static_cast<std::size_t>(period_ - 1));
    sum_ -= old;
    sum2_ -= old * old;
    return mean2 - (mean * mean);
  }

 private:
  int period_;
  std::size_t start_;
  Ring window_;
  std::size_t seen_ = 0;
  double sum_ = 0;
  double sum2_ = 0;
};

double deviation(double variance) { return detail::is_zero_or_neg(variance) ? 0.0 : std::sqrt(variance); }

// Monotonic deque of the window's candidates: amortised O(1) per bar. The value of a rolling
// extreme does not depend on how ties are broken.
template <class Better>
class ExtremeState {
 public:
  explicit ExtremeState(int period) : period_(static_cast<std::size_t>(period)) {}
  double update(double x) {
    const std::size_t today = seen_++;
    while (!candidates_.empty() && !Better{}(candidates_.back().second, x)) candidates_.pop_back();
    candidates_.emplace_back(today, x);
    if (today + 1 < period_) return nan;
    while (candidates_.front().first + period_ <= today) candidates_.pop_front();
    return candidates_.front().second;
  }

 private:
  std::size_t period_;
  std::size_t seen_ = 0;
  std::deque<std::pair<std::size_t, double>> candidates_;
};

class VwapState {
 public:
  double update(const StreamBar& bar) {
    if (!started_ || bar.session != session_) {
      started_ = true;
      session_ = bar.session;
      price_volume_ = 0;
      volume_ = 0;
    }
    const double typical = (bar.high + bar.low + bar.close) / 3.0;
    price_volume_ += typical * bar.volume;
    volume_ += bar.volume;
    return volume_ > 0 ? price_volume_ / volume_ : typical;
  }

 private:
  bool started_ = false;
  std::int32_t session_ = 0;
  double price_volume_ = 0;
  double volume_ = 0;
};

// Adapts a state to StreamingIndicator: `step` maps a bar to the state's outputs.
template <std::size_t Outputs, class Step>
class Adapter final : public StreamingIndicator {
 public:
  explicit Adapter(Step step) : step_(std::move(step)) {}
  std::span<const double> update(const StreamBar& bar) override {
    step_(bar, values_);
    return values_;
  }

 private:
  Step step_;
  std::array<double, Outputs> values_{};
};

template <std::size_t Outputs, class Step>
std::unique_ptr<StreamingIndicator> adapt(Step step) {
  return std::make_unique<Adapter<Outputs, Step>>(std::move(step));
}

// A single-output state reading close.
template <class State>
std::unique_ptr<StreamingIndicator> on_close(State state) {
  return adapt<1>([s = std::move(state)](const StreamBar& bar, std::array<double, 1>& out) mutable {
    out[0] = s.update(bar.close);
  });
}

Status need(std::span<const double> params, std::size_t count, std::string_view name) {
  if (params.size() != count) {
    return make_error(errc::bad_param, fmt::format("{}: expected {} parameter(s), got {}", name, count, params.size()));
  }
  return {};
}

using Factory = Result<std::unique_ptr<StreamingIndicator>> (*)(std::span<const double> params);

Result<int> period_param(std::string_view name, double value, int min) {
  const int period = static_cast<int>(value);
  if (auto s = detail::check_int(name, "timeperiod", period, min, detail::max_period); !s) return s.error();
  return period;
}

template <class State>
Result<std::unique_ptr<StreamingIndicator>> make_period(std::string_view name, std::span<const double> params) {
  if (auto s = need(params, 1, name); !s) return s.error();
  auto period = period_param(name, params[0], 2);
  if (!period) return period.error();
  return on_close(State(*period));
}

struct Entry {
  std::string_view name;
  Factory make;
};

const std::array streaming_factories{
    Entry{"bbands",
          [](std::span<const double> p) -> Result<std::unique_ptr<StreamingIndicator>> {
            if (auto s = need(p, 4, "bbands"); !s) return s.error();
            auto period = period_param("bbands", p[0], 2);
            if (!period) return period.error();
            if (auto s = detail::check_real("bbands", "nbdevup", p[1], detail::real_min, detail::real_max); !s) return s.error();
            if (auto s = detail::check_real("bbands", "nbdevdn", p[2], detail::real_min, detail::real_max); !s) return s.error();
            MaType type{};
            const int raw = static_cast<int>(p[3]);
            if (raw < 0 || raw > 8) return detail::bad_param("bbands", "matype", "is out of range [0, 8]");
            type = static_cast<MaType>(raw);
            auto middle = MaState::make(*period, type);
            if (!middle) return middle.error();
            // The deviation starts where the middle band's window starts (bbands.cc).
            int lookback = *period - 1;
            if (type == MaType::dema) lookback = 2 * (*period - 1);
            if (type == MaType::tema) lookback = 3 * (*period - 1);
            if (type == MaType::kama) lookback = *period;
            const auto start = static_cast<std::size_t>(lookback + 1 - *period);
            return adapt<3>([ma = std::move(*middle), variance = VarianceState(*period, start), up = p[1], down = p[2]](
                                const StreamBar& bar, std::array<double, 3>& out) mutable {
              const double mid = ma.update(bar.close);
              const double var = variance.update(bar.close);
              if (std::isnan(mid) || std::isnan(var)) {
                out = {nan, nan, nan};
                return;
              }
              const double sd = deviation(var);
              out = {mid + (sd * up), mid, mid - (sd * down)};
            });
          }},
    Entry{"dema", [](std::span<const double> p) { return make_period<DemaState>("dema", p); }},
    Entry{"ema", [](std::span<const double> p) { return make_period<EmaState>("ema", p); }},
    Entry{"kama", [](std::span<const double> p) { return make_period<KamaState>("kama", p); }},
    Entry{"max",
          [](std::span<const double> p) { return make_period<ExtremeState<std::greater<>>>("max", p); }},
    Entry{"min", [](std::span<const double> p) { return make_period<ExtremeState<std::less<>>>("min", p); }},
    Entry{"sar",
          [](std::span<const double> p) -> Result<std::unique_ptr<StreamingIndicator>> {
            if (auto s = need(p, 2, "sar"); !s) return s.error();
            if (auto s = detail::check_real("sar", "acceleration", p[0], 0.0, detail::real_max); !s) return s.error();
            if (auto s = detail::check_real("sar", "maximum", p[1], 0.0, detail::real_max); !s) return s.error();
            return adapt<1>([s = SarState(p[0], p[1])](const StreamBar& bar, std::array<double, 1>& out) mutable {
              out[0] = s.update(bar.high, bar.low);
            });
          }},
    Entry{"sma", [](std::span<const double> p) { return make_period<SmaState>("sma", p); }},
    Entry{"stddev",
          [](std::span<const double> p) -> Result<std::unique_ptr<StreamingIndicator>> {
            if (auto s = need(p, 2, "stddev"); !s) return s.error();
            auto period = period_param("stddev", p[0], 2);
            if (!period) return period.error();
            if (auto s = detail::check_real("stddev", "nbdev", p[1], detail::real_min, detail::real_max); !s) return s.error();
            return adapt<1>([v = VarianceState(*period, 0), nbdev = p[1]](const StreamBar& bar,
                                                                         std::array<double, 1>& out) mutable {
              const double var = v.update(bar.close);
              out[0] = std::isnan(var) ? nan : (detail::is_zero_or_neg(var) ? 0.0 : std::sqrt(var) * nbdev);
            });
          }},
    Entry{"tema", [](std::span<const double> p) { return make_period<TemaState>("tema", p); }},
    Entry{"trima", [](std::span<const double> p) { return make_period<TrimaState>("trima", p); }},
    Entry{"vwap",
          [](std::span<const double> p) -> Result<std::unique_ptr<StreamingIndicator>> {
            if (auto s = need(p, 0, "vwap"); !s) return s.error();
            return adapt<1>([s = VwapState()](const StreamBar& bar, std::array<double, 1>& out) mutable {
              out[0] = s.update(bar);
            });
          }},
    Entry{"wma", [](std::span<const double> p) { return make_period<WmaState>("wma", p); }},
};

constexpr auto names_of(const decltype(streaming_factories)& factories) {
  std::array<std::string_view, std::tuple_size_v<std::remove_cvref_t<decltype(factories)>>> names{};
  for (std::size_t i = 0; i < factories.size(); ++i) names[i] = factories[i].name;
  return names;
}

}  // namespace

std::span<const std::string_view> streaming_indicator_names() {
  static const auto names = names_of(streaming_factories);
  return names;
}

Result<std::unique_ptr<StreamingIndicator>> make_streaming(std::string_view name, std::span<const double> params) {
  for (const auto& entry : streaming_factories) {
    if (entry.name == name) return entry.make(params);
  }
  return make_error(errc::unknown_op, fmt::format("'{}' has no streaming form", name));
}

Status session_vwap(std::span<const std::int32_t> sessions, std::span<const double> high, std::span<const double> low,
                    std::span<const double> close, std::span<const double> volume, std::span<double> out) {
  const std::size_t n = sessions.size();
  if (high.size() != n || low.size() != n || close.size() != n || volume.size() != n || out.size() != n) {
    return make_error(errc::input_mismatch, "vwap: inputs and outputs must have the same length");
  }
  VwapState state;
  for (std::size_t i = 0; i < n; ++i) out[i] = state.update(StreamBar{sessions[i], 0, high[i], low[i], close[i], volume[i]});
  return {};
}

}  // namespace streams::analytics
