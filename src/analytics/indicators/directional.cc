#include "analytics/indicators/directional.h"

#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/input_guard.h"
#include "analytics/indicators/wilder.h"

namespace streams::analytics {
namespace {

enum class Side { plus, minus };

Result<OutRange> dm(std::string_view name, Side side, std::span<const double> high, std::span<const double> low,
                    int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int(name, "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths(name, {high.size(), low.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(plus_dm_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low}, {out});
  if (timeperiod == 1) {
    for (std::size_t i = 1; i < n; ++i) {
      const auto m = detail::directional_move(high[i - 1], low[i - 1], high[i], low[i]);
      out[i] = side == Side::plus ? m.plus : m.minus;
    }
    return detail::written(lookback, n);
  }
  // Same sums as DirectionalSmoother without the true range: plain sum of period-1 moves, then
  // sum - sum/period + move.
  const double period = timeperiod;
  double sum = 0.0;
  for (std::size_t i = 1; i < n; ++i) {
    const auto m = detail::directional_move(high[i - 1], low[i - 1], high[i], low[i]);
    const bool counts = side == Side::plus ? m.has_plus : m.has_minus;
    const double move = side == Side::plus ? m.plus : m.minus;
    if (i < lookback + 1) {
      if (counts) sum += move;
      if (i == lookback) out[i] = sum;
      continue;
    }
    sum = counts ? sum - (sum / period) + move : sum - (sum / period);
    out[i] = sum;
  }
  return detail::written(lookback, n);
}

Result<OutRange> di(std::string_view name, Side side, std::span<const double> high, std::span<const double> low,
                    std::span<const double> close, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int(name, "timeperiod", timeperiod, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths(name, {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(plus_di_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low, &close}, {out});
  if (timeperiod == 1) {
    for (std::size_t i = 1; i < n; ++i) {
      const auto m = detail::directional_move(high[i - 1], low[i - 1], high[i], low[i]);
      const bool counts = side == Side::plus ? m.has_plus : m.has_minus;
      if (!counts) {
        out[i] = 0.0;
        continue;
      }
      const double tr = detail::true_range(high[i], low[i], close[i - 1]);
      out[i] = detail::is_zero(tr) ? 0.0 : (side == Side::plus ? m.plus : m.minus) / tr;
    }
    return detail::written(lookback, n);
  }
  detail::DirectionalSmoother smoother(timeperiod);
  for (std::size_t i = 0; i < n; ++i) {
    smoother.push(high[i], low[i], close[i]);
    if (i < lookback) continue;
    const double dmv = side == Side::plus ? smoother.plus_dm() : smoother.minus_dm();
    out[i] = detail::is_zero(smoother.tr()) ? 0.0 : 100.0 * (dmv / smoother.tr());
  }
  return detail::written(lookback, n);
}

Status check_hlc(std::string_view name, std::span<const double> high, std::span<const double> low,
                 std::span<const double> close, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int(name, "timeperiod", timeperiod, 2, detail::max_period); !s) return s;
  return detail::check_lengths(name, {high.size(), low.size(), close.size()}, {out.size()});
}

}  // namespace

int plus_dm_lookback(int timeperiod) { return timeperiod > 1 ? timeperiod - 1 : 1; }
int minus_dm_lookback(int timeperiod) { return plus_dm_lookback(timeperiod); }
int plus_di_lookback(int timeperiod) { return timeperiod > 1 ? timeperiod : 1; }
int minus_di_lookback(int timeperiod) { return plus_di_lookback(timeperiod); }
int dx_lookback(int timeperiod) { return timeperiod; }
int adx_lookback(int timeperiod) { return 2 * timeperiod - 1; }
int adxr_lookback(int timeperiod) { return adx_lookback(timeperiod) + timeperiod - 1; }

Result<OutRange> plus_dm(std::span<const double> high, std::span<const double> low, int timeperiod,
                         std::span<double> out) {
  return dm("plus_dm", Side::plus, high, low, timeperiod, out);
}
Result<OutRange> minus_dm(std::span<const double> high, std::span<const double> low, int timeperiod,
                          std::span<double> out) {
  return dm("minus_dm", Side::minus, high, low, timeperiod, out);
}
Result<OutRange> plus_di(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                         int timeperiod, std::span<double> out) {
  return di("plus_di", Side::plus, high, low, close, timeperiod, out);
}
Result<OutRange> minus_di(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          int timeperiod, std::span<double> out) {
  return di("minus_di", Side::minus, high, low, close, timeperiod, out);
}

Result<OutRange> dx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                    int timeperiod, std::span<double> out) {
  if (auto s = check_hlc("dx", high, low, close, timeperiod, out); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(dx_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low, &close}, {out});
  detail::DirectionalSmoother smoother(timeperiod);
  double last = 0.0;  // TA-Lib repeats the previous DX when TR or the DI sum is zero (0 at first)
  for (std::size_t i = 0; i < n; ++i) {
    smoother.push(high[i], low[i], close[i]);
    if (i < lookback) continue;
    double value = 0.0;
    if (detail::dx_value(smoother.plus_dm(), smoother.minus_dm(), smoother.tr(), value)) last = value;
    out[i] = last;
  }
  return detail::written(lookback, n);
}

namespace {

// ADX into `out` from index adx_lookback; inputs already guarded.
void adx_core(std::span<const double> high, std::span<const double> low, std::span<const double> close,
              int timeperiod, std::span<double> out) {
  const std::size_t n = high.size();
  const auto period = static_cast<std::size_t>(timeperiod);
  const double p = timeperiod;
  detail::DirectionalSmoother smoother(timeperiod);
  double sum_dx = 0.0;
  double adx_value = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    smoother.push(high[i], low[i], close[i]);
    if (i < period) continue;
    double value = 0.0;
    const bool defined = detail::dx_value(smoother.plus_dm(), smoother.minus_dm(), smoother.tr(), value);
    if (i < 2 * period - 1) {
      if (defined) sum_dx += value;
    } else if (i == 2 * period - 1) {
      if (defined) sum_dx += value;
      adx_value = sum_dx / p;
      out[i] = adx_value;
    } else {
      if (defined) adx_value = ((adx_value * (p - 1)) + value) / p;
      out[i] = adx_value;
    }
  }
}

}  // namespace

Result<OutRange> adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     int timeperiod, std::span<double> out) {
  if (auto s = check_hlc("adx", high, low, close, timeperiod, out); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(adx_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low, &close}, {out});
  adx_core(high, low, close, timeperiod, out);
  return detail::written(lookback, n);
}

Result<OutRange> adxr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                      int timeperiod, std::span<double> out) {
  if (auto s = check_hlc("adxr", high, low, close, timeperiod, out); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(adxr_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  std::vector<double> adx_values(n, nan);
  adx_core(high, low, close, timeperiod, adx_values);
  const auto lag = static_cast<std::size_t>(timeperiod - 1);
  for (std::size_t i = lookback; i < n; ++i) out[i] = (adx_values[i] + adx_values[i - lag]) / 2.0;
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
