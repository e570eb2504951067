#include "analytics/indicators/volatility.h"

#include "analytics/indicators/detail.h"
#include "analytics/indicators/input_guard.h"

namespace streams::analytics {

int trange_lookback() { return 1; }
int atr_lookback(int timeperiod) { return timeperiod; }
int natr_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> trange(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                        std::span<double> out) {
  if (auto s = detail::check_lengths("trange", {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = high.size();
  if (n <= 1) return OutRange{};
  // Row i reads close[i-1], which an aliased out[i-1] would have overwritten: keep it aside.
  double prev_close = close[0];
  for (std::size_t i = 1; i < n; ++i) {
    const double c = close[i];
    out[i] = detail::true_range(high[i], low[i], prev_close);
    prev_close = c;
  }
  return detail::written(1, n);
}

namespace {

enum class Norm { none, close };

Result<OutRange> average_true_range(std::string_view name, Norm norm, std::span<const double> high,
                                    std::span<const double> low, std::span<const double> close, int timeperiod,
                                    std::span<double> out) {
  if (auto s = detail::check_int(name, "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths(name, {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  if (timeperiod == 1) return trange(high, low, close, out);
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(timeperiod);
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low, &close}, {out});
  const double period = timeperiod;
  const double period_minus_one = timeperiod - 1;
  // Seed: the SMA of the first `period` true ranges (rows 1..period), then Wilder smoothing.
  double sum = 0.0;
  for (std::size_t i = 1; i <= lookback; ++i) sum += detail::true_range(high[i], low[i], close[i - 1]);
  double value = sum / period;
  const auto emit = [&](std::size_t i) {
    if (norm == Norm::none) {
      out[i] = value;
    } else {
      out[i] = detail::is_zero(close[i]) ? 0.0 : (value / close[i]) * 100.0;
    }
  };
  emit(lookback);
  for (std::size_t i = lookback + 1; i < n; ++i) {
    value *= period_minus_one;
    value += detail::true_range(high[i], low[i], close[i - 1]);
    value /= period;
    emit(i);
  }
  return detail::written(lookback, n);
}

}  // namespace

Result<OutRange> atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     int timeperiod, std::span<double> out) {
  return average_true_range("atr", Norm::none, high, low, close, timeperiod, out);
}

Result<OutRange> natr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                      int timeperiod, std::span<double> out) {
  return average_true_range("natr", Norm::close, high, low, close, timeperiod, out);
}

}  // namespace streams::analytics
