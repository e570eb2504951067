#include "analytics/indicators/price_transform.h"

#include <cmath>
#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {

// Row-wise transforms read every input of a row before writing that row: alias-safe.

Result<OutRange> avgprice(std::span<const double> open, std::span<const double> high, std::span<const double> low,
                          std::span<const double> close, std::span<double> out) {
  if (auto s = detail::check_lengths("avgprice", {open.size(), high.size(), low.size(), close.size()}, {out.size()});
      !s) {
    return s.error();
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (high[i] + low[i] + close[i] + open[i]) / 4;
  return detail::written(0, out.size());
}

Result<OutRange> medprice(std::span<const double> high, std::span<const double> low, std::span<double> out) {
  if (auto s = detail::check_lengths("medprice", {high.size(), low.size()}, {out.size()}); !s) return s.error();
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (high[i] + low[i]) / 2.0;
  return detail::written(0, out.size());
}

Result<OutRange> typprice(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          std::span<double> out) {
  if (auto s = detail::check_lengths("typprice", {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (high[i] + low[i] + close[i]) / 3.0;
  return detail::written(0, out.size());
}

Result<OutRange> wclprice(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          std::span<double> out) {
  if (auto s = detail::check_lengths("wclprice", {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (high[i] + low[i] + (close[i] * 2.0)) / 4.0;
  return detail::written(0, out.size());
}

int avgdev_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> avgdev(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("avgdev", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("avgdev", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(avgdev_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return avgdev(copy, timeperiod, out);
  }
  // The deviations are around each window's own mean, so every window is summed afresh
  // (O(n·p), as in TA-Lib; a running form would change the numbers).
  const auto p = static_cast<std::size_t>(timeperiod);
  const double period = timeperiod;
  for (std::size_t today = lookback; today < n; ++today) {
    double sum = 0.0;
    for (std::size_t k = 0; k < p; ++k) sum += in[today - k];
    double dev = 0.0;
    for (std::size_t k = 0; k < p; ++k) dev += std::fabs(in[today - k] - sum / period);
    out[today] = dev / period;
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
