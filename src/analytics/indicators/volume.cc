#include "analytics/indicators/volume.h"

#include <algorithm>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/volume_core.h"

namespace streams::analytics {

int ad_lookback() { return 0; }

Result<OutRange> ad(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                    std::span<const double> volume, std::span<double> out) {
  if (auto s = detail::check_lengths("ad", {high.size(), low.size(), close.size(), volume.size()}, {out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = high.size();
  // Row i is read before out[i] is written and never again: alias-safe.
  double value = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    value = detail::ad_step(value, high[i], low[i], close[i], volume[i]);
    out[i] = value;
  }
  return detail::written(0, n);
}

int adosc_lookback(int fastperiod, int slowperiod) { return std::max(fastperiod, slowperiod) - 1; }

Result<OutRange> adosc(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                       std::span<const double> volume, int fastperiod, int slowperiod, std::span<double> out) {
  if (auto s = detail::check_int("adosc", "fastperiod", fastperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("adosc", "slowperiod", slowperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("adosc", {high.size(), low.size(), close.size(), volume.size()}, {out.size()});
      !s) {
    return s.error();
  }
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(adosc_lookback(fastperiod, slowperiod));
  if (n <= lookback) return OutRange{};
  detail::AdoscCore core(fastperiod, slowperiod);
  for (std::size_t i = 0; i < n; ++i) {
    double value = 0.0;
    if (core.push(high[i], low[i], close[i], volume[i], value)) out[i] = value;
  }
  return detail::written(lookback, n);
}

int obv_lookback() { return 0; }

Result<OutRange> obv(std::span<const double> close, std::span<const double> volume, std::span<double> out) {
  if (auto s = detail::check_lengths("obv", {close.size(), volume.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = close.size();
  if (n == 0) return OutRange{};
  double prev_close = close[0];
  double value = volume[0];
  out[0] = value;
  for (std::size_t i = 1; i < n; ++i) {
    const double c = close[i];
    if (c > prev_close) value += volume[i];
    else if (c < prev_close) value -= volume[i];
    prev_close = c;
    out[i] = value;
  }
  return detail::written(0, n);
}

}  // namespace streams::analytics
