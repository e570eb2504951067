#include "analytics/indicators/statistic_functions.h"

#include <cmath>
#include <numbers>
#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {
namespace {

Status check_period(std::string_view function, int timeperiod, int min) {
  return detail::check_int(function, "timeperiod", timeperiod, min, detail::max_period);
}

double simple_return(double now, double before) { return detail::is_zero(before) ? 0.0 : (now - before) / before; }

}  // namespace

int beta_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> beta(std::span<const double> real0, std::span<const double> real1, int timeperiod,
                      std::span<double> out) {
  if (auto s = check_period("beta", timeperiod, 1); !s) return s.error();
  if (auto s = detail::check_lengths("beta", {real0.size(), real1.size()}, {out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod);
  const std::size_t n = real0.size();
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(real0, out) || detail::overlaps(real1, out)) {
    const std::vector<double> copy0(real0.begin(), real0.end());
    const std::vector<double> copy1(real1.begin(), real1.end());
    return beta(copy0, copy1, timeperiod, out);
  }

  // Sums of x = real0's returns and y = real1's returns over the window; `trailing` walks one
  // window behind to remove the returns that leave it.
  double s_xx = 0;
  double s_xy = 0;
  double s_x = 0;
  double s_y = 0;
  double last_x = real0[0];
  double last_y = real1[0];
  double trailing_last_x = last_x;
  double trailing_last_y = last_y;
  std::size_t trailing = 1;
  std::size_t i = 1;
  const auto add = [&](std::size_t at) {
    const double x = simple_return(real0[at], last_x);
    last_x = real0[at];
    const double y = simple_return(real1[at], last_y);
    last_y = real1[at];
    s_xx += x * x;
    s_xy += x * y;
    s_x += x;
    s_y += y;
  };
  for (; i < lookback; ++i) add(i);
  const double count = static_cast<double>(timeperiod);
  for (; i < n; ++i) {
    add(i);
    const double x = simple_return(real0[trailing], trailing_last_x);
    trailing_last_x = real0[trailing];
    const double y = simple_return(real1[trailing], trailing_last_y);
    trailing_last_y = real1[trailing];
    ++trailing;
    const double denominator = count * s_xx - s_x * s_x;
    out[i] = detail::is_zero(denominator) ? 0.0 : (count * s_xy - s_x * s_y) / denominator;
    s_xx -= x * x;
    s_xy -= x * y;
    s_x -= x;
    s_y -= y;
  }
  return OutRange{lookback, n - lookback};
}

int correl_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> correl(std::span<const double> real0, std::span<const double> real1, int timeperiod,
                        std::span<double> out) {
  if (auto s = check_period("correl", timeperiod, 1); !s) return s.error();
  if (auto s = detail::check_lengths("correl", {real0.size(), real1.size()}, {out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod - 1);
  const std::size_t n = real0.size();
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(real0, out) || detail::overlaps(real1, out)) {
    const std::vector<double> copy0(real0.begin(), real0.end());
    const std::vector<double> copy1(real1.begin(), real1.end());
    return correl(copy0, copy1, timeperiod, out);
  }

  const double count = timeperiod;
  double sum_xy = 0;
  double sum_x = 0;
  double sum_y = 0;
  double sum_x2 = 0;
  double sum_y2 = 0;
  const auto write = [&](std::size_t at) {
    const double denominator = (sum_x2 - sum_x * sum_x / count) * (sum_y2 - sum_y * sum_y / count);
    out[at] = detail::is_zero_or_neg(denominator) ? 0.0 : (sum_xy - sum_x * sum_y / count) / std::sqrt(denominator);
  };
  for (std::size_t t = 0; t <= lookback; ++t) {
    const double x = real0[t];
    sum_x += x;
    sum_x2 += x * x;
    const double y = real1[t];
    sum_xy += x * y;
    sum_y += y;
    sum_y2 += y * y;
  }
  double trailing_x = real0[0];
  double trailing_y = real1[0];
  write(lookback);
  for (std::size_t t = lookback + 1, trailing = 1; t < n; ++t, ++trailing) {
    sum_x -= trailing_x;
    sum_x2 -= trailing_x * trailing_x;
    sum_xy -= trailing_x * trailing_y;
    sum_y -= trailing_y;
    sum_y2 -= trailing_y * trailing_y;
    const double x = real0[t];
    sum_x += x;
    sum_x2 += x * x;
    const double y = real1[t];
    sum_xy += x * y;
    sum_y += y;
    sum_y2 += y * y;
    trailing_x = real0[trailing];
    trailing_y = real1[trailing];
    write(t);
  }
  return OutRange{lookback, n - lookback};
}

int linearreg_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> linearreg(std::span<const double> in, int timeperiod, LinearRegOutput what, std::span<double> out) {
  if (auto s = check_period("linearreg", timeperiod, 2); !s) return s.error();
  if (auto s = detail::check_lengths("linearreg", {in.size()}, {out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod - 1);
  const std::size_t n = in.size();
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return linearreg(copy, timeperiod, what, out);
  }

  // x runs backwards from today (x = 0) to the oldest value (x = period − 1); TA-Lib's sign
  // convention for the divisor turns the slope back into the forward one.
  const auto period = static_cast<std::int64_t>(timeperiod);
  const double sum_x = static_cast<double>(period) * static_cast<double>(period - 1) * 0.5;
  const auto sum_x_sqr = static_cast<double>(period * (period - 1) * (2 * period - 1) / 6);
  const double divisor = sum_x * sum_x - static_cast<double>(period) * sum_x_sqr;
  const double count = static_cast<double>(period);
  constexpr double degrees_per_radian = 180.0 / std::numbers::pi;

  for (std::size_t today = lookback; today < n; ++today) {
    double sum_xy = 0;
    double sum_y = 0;
    for (std::size_t k = lookback + 1; k-- != 0;) {
      const double value = in[today - k];
      sum_y += value;
      sum_xy += static_cast<double>(k) * value;
    }
    const double slope = (count * sum_xy - sum_x * sum_y) / divisor;
    const double intercept = (sum_y - slope * sum_x) / count;
    double result = 0;
    switch (what) {
      case LinearRegOutput::value: result = intercept + slope * (count - 1); break;
      case LinearRegOutput::slope: result = slope; break;
      case LinearRegOutput::intercept: result = intercept; break;
      case LinearRegOutput::angle: result = std::atan(slope) * degrees_per_radian; break;
      case LinearRegOutput::forecast: result = intercept + slope * count; break;
    }
    out[today] = result;
  }
  return OutRange{lookback, n - lookback};
}

int var_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> var(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = check_period("var", timeperiod, 1); !s) return s.error();
  if (auto s = detail::check_lengths("var", {in.size()}, {out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod - 1);
  const std::size_t n = in.size();
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return var(copy, timeperiod, out);
  }

  // Running sums of x and x² (TA-Lib's form; the reference values carry its rounding).
  double total1 = 0;
  double total2 = 0;
  for (std::size_t i = 0; i < lookback; ++i) {
    total1 += in[i];
    total2 += in[i] * in[i];
  }
  for (std::size_t i = lookback, trailing = 0; i < n; ++i, ++trailing) {
    const double value = in[i];
    total1 += value;
    total2 += value * value;
    const double mean1 = total1 / timeperiod;
    const double mean2 = total2 / timeperiod;
    const double leaving = in[trailing];
    total1 -= leaving;
    total2 -= leaving * leaving;
    out[i] = mean2 - mean1 * mean1;
  }
  return OutRange{lookback, n - lookback};
}

int stddev_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> stddev(std::span<const double> in, int timeperiod, double nbdev, std::span<double> out) {
  if (auto s = check_period("stddev", timeperiod, 2); !s) return s.error();
  if (auto s = detail::check_real("stddev", "nbdev", nbdev, detail::real_min, detail::real_max); !s) return s.error();
  auto range = var(in, timeperiod, out);
  if (!range) return range;
  for (std::size_t i = range->begin; i < range->begin + range->count; ++i) {
    out[i] = detail::is_zero_or_neg(out[i]) ? 0.0 : std::sqrt(out[i]) * nbdev;
  }
  return range;
}

}  // namespace streams::analytics
