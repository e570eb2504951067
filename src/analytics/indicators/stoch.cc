#include "analytics/indicators/stoch.h"

#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/input_guard.h"
#include "analytics/indicators/ma.h"
#include "analytics/indicators/rolling_extreme.h"
#include "analytics/indicators/rsi.h"

namespace streams::analytics {
namespace {

// Fast %K from row period-1 on: 100 * (close - lowest low) / (highest high - lowest low), with
// TA-Lib's operations: diff = (hh - ll) / 100, k = (close - ll) / diff, 0 when diff is 0.
void fast_k(std::span<const double> high, std::span<const double> low, std::span<const double> close, int period,
            std::span<double> k) {
  const auto p = static_cast<std::size_t>(period);
  detail::RollingMax highest(high, p);
  detail::RollingMin lowest(low, p);
  for (std::size_t i = p - 1; i < close.size(); ++i) {
    highest.update(i);
    lowest.update(i);
    const double ll = lowest.value();
    const double diff = (highest.value() - ll) / 100.0;
    k[i] = diff != 0.0 ? (close[i] - ll) / diff : 0.0;
  }
}

Status check_ma(std::string_view name, std::string_view param, int period, MaType type, std::string_view type_name) {
  if (auto s = detail::check_int(name, param, period, 1, detail::max_period); !s) return s;
  return detail::check_int(name, type_name, static_cast<int>(type), 0, 8);
}

// ma() of `in` from row `first` (where in's values start) into `out` (first output at
// first + ma_lookback).
void ma_at(std::span<const double> in, std::size_t first, int period, MaType type, std::span<double> out) {
  (void)ma(in.subspan(first), period, type, out.subspan(first));
}

Result<OutRange> stochf_unchecked(std::span<const double> high, std::span<const double> low,
                                  std::span<const double> close, int fastk_period, int fastd_period,
                                  MaType fastd_matype, std::span<double> fastk_out, std::span<double> fastd_out) {
  const std::size_t n = close.size();
  const auto lookback_k = static_cast<std::size_t>(fastk_period - 1);
  const auto lookback = static_cast<std::size_t>(stochf_lookback(fastk_period, fastd_period, fastd_matype));
  if (n <= lookback) return OutRange{};
  std::vector<double> k(n, nan);
  std::vector<double> d(n, nan);
  fast_k(high, low, close, fastk_period, k);
  ma_at(k, lookback_k, fastd_period, fastd_matype, d);
  for (std::size_t i = lookback; i < n; ++i) {
    fastk_out[i] = k[i];
    fastd_out[i] = d[i];
  }
  return detail::written(lookback, n);
}

}  // namespace

int stoch_lookback(int fastk_period, int slowk_period, MaType slowk_matype, int slowd_period, MaType slowd_matype) {
  return (fastk_period - 1) + ma_lookback(slowk_period, slowk_matype) + ma_lookback(slowd_period, slowd_matype);
}

Result<OutRange> stoch(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                       int fastk_period, int slowk_period, MaType slowk_matype, int slowd_period,
                       MaType slowd_matype, std::span<double> slowk, std::span<double> slowd) {
  if (auto s = detail::check_int("stoch", "fastk_period", fastk_period, 1, detail::max_period); !s) return s.error();
  if (auto s = check_ma("stoch", "slowk_period", slowk_period, slowk_matype, "slowk_matype"); !s) return s.error();
  if (auto s = check_ma("stoch", "slowd_period", slowd_period, slowd_matype, "slowd_matype"); !s) return s.error();
  if (auto s = detail::check_lengths("stoch", {high.size(), low.size(), close.size()}, {slowk.size(), slowd.size()});
      !s) {
    return s.error();
  }
  const std::size_t n = close.size();
  const auto lookback_k = static_cast<std::size_t>(fastk_period - 1);
  const auto lookback_slowk = lookback_k + static_cast<std::size_t>(ma_lookback(slowk_period, slowk_matype));
  const auto lookback =
      static_cast<std::size_t>(stoch_lookback(fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype));
  if (n <= lookback) return OutRange{};
  std::vector<double> k(n, nan);
  std::vector<double> sk(n, nan);
  fast_k(high, low, close, fastk_period, k);
  ma_at(k, lookback_k, slowk_period, slowk_matype, sk);
  std::vector<double>& sd = k;  // reused
  ma_at(sk, lookback_slowk, slowd_period, slowd_matype, sd);
  for (std::size_t i = lookback; i < n; ++i) {
    slowk[i] = sk[i];
    slowd[i] = sd[i];
  }
  return detail::written(lookback, n);
}

int stochf_lookback(int fastk_period, int fastd_period, MaType fastd_matype) {
  return (fastk_period - 1) + ma_lookback(fastd_period, fastd_matype);
}

Result<OutRange> stochf(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                        int fastk_period, int fastd_period, MaType fastd_matype, std::span<double> fastk,
                        std::span<double> fastd) {
  if (auto s = detail::check_int("stochf", "fastk_period", fastk_period, 1, detail::max_period); !s) return s.error();
  if (auto s = check_ma("stochf", "fastd_period", fastd_period, fastd_matype, "fastd_matype"); !s) return s.error();
  if (auto s = detail::check_lengths("stochf", {high.size(), low.size(), close.size()}, {fastk.size(), fastd.size()});
      !s) {
    return s.error();
  }
  return stochf_unchecked(high, low, close, fastk_period, fastd_period, fastd_matype, fastk, fastd);
}

int stochrsi_lookback(int timeperiod, int fastk_period, int fastd_period, MaType fastd_matype) {
  return rsi_lookback(timeperiod) + stochf_lookback(fastk_period, fastd_period, fastd_matype);
}

Result<OutRange> stochrsi(std::span<const double> in, int timeperiod, int fastk_period, int fastd_period,
                          MaType fastd_matype, std::span<double> fastk, std::span<double> fastd) {
  if (auto s = detail::check_int("stochrsi", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("stochrsi", "fastk_period", fastk_period, 1, detail::max_period); !s) {
    return s.error();
  }
  if (auto s = check_ma("stochrsi", "fastd_period", fastd_period, fastd_matype, "fastd_matype"); !s) return s.error();
  if (auto s = detail::check_lengths("stochrsi", {in.size()}, {fastk.size(), fastd.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(stochrsi_lookback(timeperiod, fastk_period, fastd_period, fastd_matype));
  if (n <= lookback) return OutRange{};
  std::vector<double> r(n, nan);
  (void)rsi(in, timeperiod, r);
  const auto first = static_cast<std::size_t>(rsi_lookback(timeperiod));
  const std::span<const double> rs = std::span<const double>(r).subspan(first);
  (void)stochf_unchecked(rs, rs, rs, fastk_period, fastd_period, fastd_matype, fastk.subspan(first),
                         fastd.subspan(first));
  return detail::written(lookback, n);
}

int willr_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> willr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                       int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("willr", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("willr", {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = close.size();
  const auto lookback = static_cast<std::size_t>(willr_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low, &close}, {out});
  detail::RollingMax highest(high, static_cast<std::size_t>(timeperiod));
  detail::RollingMin lowest(low, static_cast<std::size_t>(timeperiod));
  for (std::size_t i = lookback; i < n; ++i) {
    highest.update(i);
    lowest.update(i);
    const double hh = highest.value();
    const double diff = (hh - lowest.value()) / (-100.0);
    out[i] = diff != 0.0 ? (hh - close[i]) / diff : 0.0;
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
