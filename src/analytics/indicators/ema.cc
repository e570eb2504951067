#include "analytics/indicators/ema.h"

#include "analytics/indicators/detail.h"

namespace streams::analytics {
namespace {

double ema_k(int timeperiod) { return 2.0 / (static_cast<double>(timeperiod) + 1.0); }

// One EMA stage fed value by value: the mean of the first `period` values, then
// ((x - prev) * k) + prev, TA-Lib's expression.
class SeededEma {
 public:
  SeededEma(int period, double k) : period_(period), k_(k) {}
  // True once value() is defined (from the period-th pushed value on).
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
  [[nodiscard]] double value() const { return value_; }

 private:
  int period_;
  double k_;
  int seen_ = 0;
  double sum_ = 0.0;
  double value_ = 0.0;
};

}  // namespace

int ema_lookback(int timeperiod) { return timeperiod - 1; }
int dema_lookback(int timeperiod) { return 2 * (timeperiod - 1); }
int tema_lookback(int timeperiod) { return 3 * (timeperiod - 1); }

Result<OutRange> ema_with_k(std::span<const double> in, int timeperiod, double k, std::span<double> out) {
  if (auto s = detail::check_int("ema", "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("ema", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(timeperiod - 1);
  if (n <= lookback) return OutRange{};
  // Every input is read before the output at the same index is written: alias-safe as is.
  const double* x = in.data();
  double* y = out.data();
  double sum = 0.0;
  for (std::size_t i = 0; i <= lookback; ++i) sum += x[i];
  double prev = sum / timeperiod;
  y[lookback] = prev;
  for (std::size_t i = lookback + 1; i < n; ++i) {
    prev = ((x[i] - prev) * k) + prev;
    y[i] = prev;
  }
  return detail::written(lookback, n);
}

Result<OutRange> ema(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("ema", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  return ema_with_k(in, timeperiod, ema_k(timeperiod), out);
}

Result<OutRange> dema(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("dema", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("dema", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(dema_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  const double k = ema_k(timeperiod);
  SeededEma first(timeperiod, k);
  SeededEma second(timeperiod, k);
  // The second EMA runs over the first one's outputs, both as TA-Lib computes them one after
  // the other; fused into one pass, without the intermediate buffer.
  for (std::size_t i = 0; i < n; ++i) {
    if (!first.push(in[i])) continue;
    if (!second.push(first.value())) continue;
    out[i] = (2.0 * first.value()) - second.value();
  }
  return detail::written(lookback, n);
}

Result<OutRange> tema(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("tema", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("tema", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(tema_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  const double k = ema_k(timeperiod);
  SeededEma first(timeperiod, k);
  SeededEma second(timeperiod, k);
  SeededEma third(timeperiod, k);
  for (std::size_t i = 0; i < n; ++i) {
    if (!first.push(in[i])) continue;
    if (!second.push(first.value())) continue;
    if (!third.push(second.value())) continue;
    out[i] = third.value() + ((3.0 * first.value()) - (3.0 * second.value()));
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
