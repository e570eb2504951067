#include "analytics/indicators/statistic_functions.h"

#include <cmath>
#include <algorithm>
#include <numbers>
#include <vector>

#include "analytics/errc.h"
#include "analytics/op.h"

namespace streams::analytics {
namespace {

constexpr int max_period = 100000;
// TA-Lib's tolerance for "zero" denominators and "non-positive" variances.
constexpr double ta_epsilon = 0.00000001;
bool is_zero(double v) { return -ta_epsilon < v && v < ta_epsilon; }
bool is_zero_or_negative(double v) { return v < ta_epsilon; }

Status check_period(int timeperiod, int min) {
  if (timeperiod < min || timeperiod > max_period) {
    return bad_param("timeperiod", "must be in [" + std::to_string(min) + ", 100000]");
  }
  return {};
}

Status check_lengths(std::size_t n, std::initializer_list<std::size_t> others) {
  for (const std::size_t m : others) {
    if (m != n) return make_error(errc::input_mismatch, "inputs and outputs must have the same length");
  }
  return {};
}

double simple_return(double now, double before) { return is_zero(before) ? 0.0 : (now - before) / before; }

// Outputs are aligned with inputs, so a window computed in place would read values it has already
// overwritten. When `out` shares storage with an input, results go to scratch space and are
// copied over on commit(); otherwise straight to `out`.
class OutputBuffer {
 public:
  OutputBuffer(std::span<double> out, std::initializer_list<std::span<const double>> inputs) : out_(out) {
    for (const auto& in : inputs) {
      if (in.data() == out.data()) {
        scratch_.resize(out.size());
        target_ = scratch_;
        return;
      }
    }
    target_ = out;
  }
  double& operator[](std::size_t i) { return target_[i]; }
  void commit(std::size_t begin) {
    if (!scratch_.empty()) std::copy(scratch_.begin() + static_cast<std::ptrdiff_t>(begin), scratch_.end(),
                                     out_.begin() + static_cast<std::ptrdiff_t>(begin));
  }

 private:
  std::span<double> out_;
  std::span<double> target_;
  std::vector<double> scratch_;
};

}  // namespace

int beta_lookback(int timeperiod) { return timeperiod; }

Result<OutRange> beta(std::span<const double> real0, std::span<const double> real1, int timeperiod,
                      std::span<double> out) {
  if (auto s = check_period(timeperiod, 1); !s) return s.error();
  if (auto s = check_lengths(real0.size(), {real1.size(), out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod);
  const std::size_t n = real0.size();
  if (n <= lookback) return OutRange{};

  // Sums of x = real0's returns and y = real1's returns over the window; `trailing` walks one
  // window behind to remove the returns that leave it.
  OutputBuffer target(out, {real0, real1});
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
    target[i] = is_zero(denominator) ? 0.0 : (count * s_xy - s_x * s_y) / denominator;
    s_xx -= x * x;
    s_xy -= x * y;
    s_x -= x;
    s_y -= y;
  }
  target.commit(lookback);
  return OutRange{lookback, n - lookback};
}

int correl_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> correl(std::span<const double> real0, std::span<const double> real1, int timeperiod,
                        std::span<double> out) {
  if (auto s = check_period(timeperiod, 1); !s) return s.error();
  if (auto s = check_lengths(real0.size(), {real1.size(), out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod - 1);
  const std::size_t n = real0.size();
  if (n <= lookback) return OutRange{};

  const double count = timeperiod;
  OutputBuffer target(out, {real0, real1});
  double sum_xy = 0;
  double sum_x = 0;
  double sum_y = 0;
  double sum_x2 = 0;
  double sum_y2 = 0;
  const auto write = [&](std::size_t at) {
    const double denominator = (sum_x2 - sum_x * sum_x / count) * (sum_y2 - sum_y * sum_y / count);
    target[at] = is_zero_or_negative(denominator) ? 0.0 : (sum_xy - sum_x * sum_y / count) / std::sqrt(denominator);
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
  target.commit(lookback);
  return OutRange{lookback, n - lookback};
}

int linearreg_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> linearreg(std::span<const double> in, int timeperiod, LinearRegOutput what, std::span<double> out) {
  if (auto s = check_period(timeperiod, 2); !s) return s.error();
  if (auto s = check_lengths(in.size(), {out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod - 1);
  const std::size_t n = in.size();
  if (n <= lookback) return OutRange{};

  // x runs backwards from today (x = 0) to the oldest value (x = period − 1); TA-Lib's sign
  // convention for the divisor turns the slope back into the forward one.
  const auto period = static_cast<std::int64_t>(timeperiod);
  const double sum_x = static_cast<double>(period) * static_cast<double>(period - 1) * 0.5;
  const auto sum_x_sqr = static_cast<double>(period * (period - 1) * (2 * period - 1) / 6);
  const double divisor = sum_x * sum_x - static_cast<double>(period) * sum_x_sqr;
  const double count = static_cast<double>(period);
  constexpr double degrees_per_radian = 180.0 / std::numbers::pi;

  OutputBuffer target(out, {in});
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
    target[today] = result;
  }
  target.commit(lookback);
  return OutRange{lookback, n - lookback};
}

int var_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> var(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = check_period(timeperiod, 1); !s) return s.error();
  if (auto s = check_lengths(in.size(), {out.size()}); !s) return s.error();
  const auto lookback = static_cast<std::size_t>(timeperiod - 1);
  const std::size_t n = in.size();
  if (n <= lookback) return OutRange{};

  // Running sums of x and x² (TA-Lib's form; the reference values carry its rounding).
  OutputBuffer target(out, {in});
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
    target[i] = mean2 - mean1 * mean1;
  }
  target.commit(lookback);
  return OutRange{lookback, n - lookback};
}

int stddev_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> stddev(std::span<const double> in, int timeperiod, double nbdev, std::span<double> out) {
  if (auto s = check_period(timeperiod, 2); !s) return s.error();
  if (!(nbdev >= -3e37 && nbdev <= 3e37)) return bad_param("nbdev", "must be in [-3e37, 3e37]");
  auto range = var(in, timeperiod, out);
  if (!range) return range;
  for (std::size_t i = range->begin; i < range->begin + range->count; ++i) {
    out[i] = is_zero_or_negative(out[i]) ? 0.0 : std::sqrt(out[i]) * nbdev;
  }
  return range;
}

}  // namespace streams::analytics
