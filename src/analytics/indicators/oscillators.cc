#include "analytics/indicators/oscillators.h"

#include <algorithm>
#include <array>
#include <vector>

#include "analytics/indicators/detail.h"
#include "analytics/indicators/input_guard.h"
#include "analytics/indicators/oscillator_core.h"

namespace streams::analytics {

int cci_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("cci", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("cci", {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = close.size();
  const auto lookback = static_cast<std::size_t>(cci_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  // Row i is read before out[i] is written and never again: alias-safe.
  detail::CciCore core(timeperiod);
  for (std::size_t i = 0; i < n; ++i) {
    double value = 0.0;
    if (core.push(high[i], low[i], close[i], value)) out[i] = value;
  }
  return detail::written(lookback, n);
}

int mfi_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                     std::span<const double> volume, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("mfi", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("mfi", {high.size(), low.size(), close.size(), volume.size()}, {out.size()}); !s) {
    return s.error();
  }
  const std::size_t n = close.size();
  const auto lookback = static_cast<std::size_t>(mfi_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  detail::MfiCore core(timeperiod);
  for (std::size_t i = 0; i < n; ++i) {
    double value = 0.0;
    if (core.push(high[i], low[i], close[i], volume[i], value)) out[i] = value;
  }
  return detail::written(lookback, n);
}

int ultosc_lookback(int timeperiod1, int timeperiod2, int timeperiod3) {
  return std::max({timeperiod1, timeperiod2, timeperiod3});
}

namespace {

struct UltTerms {
  double close_minus_true_low = 0.0;
  double true_range = 0.0;
};

UltTerms ult_terms(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                   std::size_t day) {
  const double prev_close = close[day - 1];
  const double true_low = std::min(low[day], prev_close);
  return {close[day] - true_low, detail::true_range(high[day], low[day], prev_close)};
}

}  // namespace

Result<OutRange> ultosc(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                        int timeperiod1, int timeperiod2, int timeperiod3, std::span<double> out) {
  if (auto s = detail::check_int("ultosc", "timeperiod1", timeperiod1, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("ultosc", "timeperiod2", timeperiod2, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_int("ultosc", "timeperiod3", timeperiod3, 1, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("ultosc", {high.size(), low.size(), close.size()}, {out.size()}); !s) {
    return s.error();
  }
  std::array<int, 3> periods{timeperiod1, timeperiod2, timeperiod3};
  std::sort(periods.begin(), periods.end());  // shortest first: weights 4, 2, 1
  const std::size_t n = close.size();
  const auto lookback = static_cast<std::size_t>(periods[2]);
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low, &close}, {out});
  std::array<double, 3> a{};
  std::array<double, 3> b{};
  for (std::size_t k = 0; k < 3; ++k) {
    for (std::size_t day = lookback - static_cast<std::size_t>(periods[k]) + 1; day < lookback; ++day) {
      const auto t = ult_terms(high, low, close, day);
      a[k] += t.close_minus_true_low;
      b[k] += t.true_range;
    }
  }
  for (std::size_t today = lookback; today < n; ++today) {
    const auto t = ult_terms(high, low, close, today);
    for (std::size_t k = 0; k < 3; ++k) {
      a[k] += t.close_minus_true_low;
      b[k] += t.true_range;
    }
    double value = 0.0;
    if (!detail::is_zero(b[0])) value += 4.0 * (a[0] / b[0]);
    if (!detail::is_zero(b[1])) value += 2.0 * (a[1] / b[1]);
    if (!detail::is_zero(b[2])) value += a[2] / b[2];
    for (std::size_t k = 0; k < 3; ++k) {
      const auto old = ult_terms(high, low, close, today - static_cast<std::size_t>(periods[k]) + 1);
      a[k] -= old.close_minus_true_low;
      b[k] -= old.true_range;
    }
    out[today] = 100.0 * (value / 7.0);
  }
  return detail::written(lookback, n);
}

namespace {

// Index of the latest lowest low and latest highest high over [today - period, today], TA-Lib's
// way: keep the extreme's index, rescan only when it leaves the window; ties go to the newest row.
class AroonScan {
 public:
  AroonScan(std::span<const double> high, std::span<const double> low, std::size_t period)
      : high_(high), low_(low), period_(period) {}
  void update(std::size_t today) {
    const std::size_t trailing = today - period_;
    if (!valid_ || low_index_ < trailing) {
      low_index_ = trailing;
      lowest_ = low_[trailing];
      for (std::size_t i = trailing + 1; i <= today; ++i) {
        if (low_[i] <= lowest_) {
          low_index_ = i;
          lowest_ = low_[i];
        }
      }
    } else if (low_[today] <= lowest_) {
      low_index_ = today;
      lowest_ = low_[today];
    }
    if (!valid_ || high_index_ < trailing) {
      high_index_ = trailing;
      highest_ = high_[trailing];
      for (std::size_t i = trailing + 1; i <= today; ++i) {
        if (high_[i] >= highest_) {
          high_index_ = i;
          highest_ = high_[i];
        }
      }
    } else if (high_[today] >= highest_) {
      high_index_ = today;
      highest_ = high_[today];
    }
    valid_ = true;
  }
  [[nodiscard]] std::size_t low_index() const { return low_index_; }
  [[nodiscard]] std::size_t high_index() const { return high_index_; }

 private:
  std::span<const double> high_;
  std::span<const double> low_;
  std::size_t period_;
  bool valid_ = false;
  std::size_t low_index_ = 0;
  std::size_t high_index_ = 0;
  double lowest_ = 0.0;
  double highest_ = 0.0;
};

}  // namespace

int aroon_lookback(int timeperiod) { return timeperiod; }
int aroonosc_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> aroon(std::span<const double> high, std::span<const double> low, int timeperiod,
                       std::span<double> aroondown, std::span<double> aroonup) {
  if (auto s = detail::check_int("aroon", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("aroon", {high.size(), low.size()}, {aroondown.size(), aroonup.size()}); !s) {
    return s.error();
  }
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(timeperiod);
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low}, {aroondown, aroonup});
  const double factor = 100.0 / static_cast<double>(timeperiod);
  AroonScan scan(high, low, lookback);
  for (std::size_t today = lookback; today < n; ++today) {
    scan.update(today);
    aroonup[today] = factor * static_cast<double>(timeperiod - static_cast<int>(today - scan.high_index()));
    aroondown[today] = factor * static_cast<double>(timeperiod - static_cast<int>(today - scan.low_index()));
  }
  return detail::written(lookback, n);
}

Result<OutRange> aroonosc(std::span<const double> high, std::span<const double> low, int timeperiod,
                          std::span<double> out) {
  if (auto s = detail::check_int("aroonosc", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("aroonosc", {high.size(), low.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = high.size();
  const auto lookback = static_cast<std::size_t>(timeperiod);
  if (n <= lookback) return OutRange{};
  detail::InputGuard guard({&high, &low}, {out});
  const double factor = 100.0 / static_cast<double>(timeperiod);
  AroonScan scan(high, low, lookback);
  for (std::size_t today = lookback; today < n; ++today) {
    scan.update(today);
    const auto diff = static_cast<long>(scan.high_index()) - static_cast<long>(scan.low_index());
    out[today] = factor * static_cast<double>(diff);
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
