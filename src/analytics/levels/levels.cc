#include "analytics/levels/levels.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <limits>

#include "analytics/errc.h"
#include "analytics/op.h"

namespace streams::analytics::levels {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Highest high, lowest low and last close of one period (NaN cells skipped).
struct PeriodSummary {
  double high = -std::numeric_limits<double>::infinity();
  double low = std::numeric_limits<double>::infinity();
  double close = nan;
  bool any = false;
};

// Monotonic-deque rolling extreme over windows of `n` rows; NaN while the window is short or holds
// a NaN. `better(a, b)` is true when a should replace b at the front (a <= b for a minimum).
template <typename Better>
std::vector<double> rolling_extreme(std::span<const double> x, int n, Better better) {
  std::vector<double> out(x.size(), nan);
  std::deque<std::size_t> window;
  std::size_t last_nan = std::numeric_limits<std::size_t>::max();  // index of the latest NaN seen
  const auto width = static_cast<std::size_t>(n);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i])) {
      last_nan = i;
      window.clear();
    } else {
      while (!window.empty() && better(x[i], x[window.back()])) window.pop_back();
      window.push_back(i);
    }
    while (!window.empty() && window.front() + width <= i) window.pop_front();
    const bool full = i + 1 >= width;
    const bool clean = last_nan == std::numeric_limits<std::size_t>::max() || last_nan + width <= i;
    if (full && clean && !window.empty()) out[i] = x[window.front()];
  }
  return out;
}

}  // namespace

Result<PivotPeriod> parse_pivot_period(std::string_view text) {
  if (text == "day") return PivotPeriod::day;
  if (text == "week") return PivotPeriod::week;
  if (text == "month") return PivotPeriod::month;
  if (text == "quarter") return PivotPeriod::quarter;
  if (text == "year") return PivotPeriod::year;
  return bad_param("period", fmt::format("'{}' is not one of day, week, month, quarter, year", text));
}

std::int64_t period_key(std::int32_t days, PivotPeriod period) {
  using namespace std::chrono;
  if (period == PivotPeriod::day) return days;
  if (period == PivotPeriod::week) {
    // 1970-01-01 was a Thursday: shifting by 3 makes Monday the first day of each 7-day block.
    const std::int64_t shifted = static_cast<std::int64_t>(days) + 3;
    return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7;
  }
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  const std::int64_t year = static_cast<int>(ymd.year());
  const std::int64_t month = static_cast<unsigned>(ymd.month());
  if (period == PivotPeriod::month) return year * 12 + (month - 1);
  if (period == PivotPeriod::quarter) return year * 4 + (month - 1) / 3;
  return year;
}

Result<PivotLevels> pivot_points(std::span<const std::int32_t> dates, std::span<const double> high,
                                 std::span<const double> low, std::span<const double> close, PivotPeriod period) {
  const std::size_t n = dates.size();
  if (high.size() != n || low.size() != n || close.size() != n) {
    return make_error(errc::input_mismatch, "pivots: dates, high, low and close differ in length");
  }
  PivotLevels out;
  for (auto* v : {&out.pp, &out.r1, &out.r2, &out.r3, &out.s1, &out.s2, &out.s3}) v->assign(n, nan);

  PeriodSummary previous;  // the last completed period with data
  PeriodSummary current;
  std::size_t begin = 0;
  while (begin < n) {
    const std::int64_t key = period_key(dates[begin], period);
    std::size_t end = begin;
    current = PeriodSummary{};
    while (end < n && period_key(dates[end], period) == key) {
      if (!std::isnan(high[end]) && !std::isnan(low[end]) && !std::isnan(close[end])) {
        current.high = std::max(current.high, high[end]);
        current.low = std::min(current.low, low[end]);
        current.close = close[end];
        current.any = true;
      }
      ++end;
    }
    if (previous.any) {
      const double h = previous.high;
      const double l = previous.low;
      const double c = previous.close;
      const double pp = (h + l + c) / 3;
      const double levels[7] = {pp,         2 * pp - l,   pp + (h - l),    h + 2 * (pp - l),
                                2 * pp - h, pp - (h - l), l - 2 * (h - pp)};
      std::vector<double>* columns[7] = {&out.pp, &out.r1, &out.r2, &out.r3, &out.s1, &out.s2, &out.s3};
      for (int k = 0; k < 7; ++k) {
        for (std::size_t i = begin; i < end; ++i) (*columns[k])[i] = levels[k];
      }
    }
    if (current.any) previous = current;
    begin = end;
  }
  return out;
}

Result<RollingLevels> rolling_levels(std::span<const double> high, std::span<const double> low, int timeperiod) {
  if (high.size() != low.size()) {
    return make_error(errc::input_mismatch, "support_resistance: high and low differ in length");
  }
  if (timeperiod < 1 || timeperiod > 100000) {
    return bad_param("timeperiod", fmt::format("{} is out of range [1, 100000]", timeperiod));
  }
  RollingLevels out;
  out.support = rolling_extreme(low, timeperiod, [](double a, double b) { return a <= b; });
  out.resistance = rolling_extreme(high, timeperiod, [](double a, double b) { return a >= b; });
  return out;
}

}  // namespace streams::analytics::levels
