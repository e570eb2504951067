#include "analytics/indicators/math_ops.h"

#include <cmath>
#include <vector>

#include "analytics/indicators/detail.h"

namespace streams::analytics {
namespace {

template <class F>
void apply(std::span<const double> in, std::span<double> out, F f) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = f(in[i]);
}

}  // namespace

Result<OutRange> math_transform(MathTransform fn, std::span<const double> in, std::span<double> out) {
  if (auto s = detail::check_lengths("math transform", {in.size()}, {out.size()}); !s) return s.error();
  switch (fn) {
    case MathTransform::acos: apply(in, out, [](double x) { return std::acos(x); }); break;
    case MathTransform::asin: apply(in, out, [](double x) { return std::asin(x); }); break;
    case MathTransform::atan: apply(in, out, [](double x) { return std::atan(x); }); break;
    case MathTransform::ceil: apply(in, out, [](double x) { return std::ceil(x); }); break;
    case MathTransform::cos: apply(in, out, [](double x) { return std::cos(x); }); break;
    case MathTransform::cosh: apply(in, out, [](double x) { return std::cosh(x); }); break;
    case MathTransform::exp: apply(in, out, [](double x) { return std::exp(x); }); break;
    case MathTransform::floor: apply(in, out, [](double x) { return std::floor(x); }); break;
    case MathTransform::ln: apply(in, out, [](double x) { return std::log(x); }); break;
    case MathTransform::log10: apply(in, out, [](double x) { return std::log10(x); }); break;
    case MathTransform::sin: apply(in, out, [](double x) { return std::sin(x); }); break;
    case MathTransform::sinh: apply(in, out, [](double x) { return std::sinh(x); }); break;
    case MathTransform::sqrt: apply(in, out, [](double x) { return std::sqrt(x); }); break;
    case MathTransform::tan: apply(in, out, [](double x) { return std::tan(x); }); break;
    case MathTransform::tanh: apply(in, out, [](double x) { return std::tanh(x); }); break;
  }
  return detail::written(0, in.size());
}

Result<OutRange> math_operator(MathOperator op, std::span<const double> in0, std::span<const double> in1,
                               std::span<double> out) {
  if (auto s = detail::check_lengths("math operator", {in0.size(), in1.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = out.size();
  switch (op) {
    case MathOperator::add: for (std::size_t i = 0; i < n; ++i) out[i] = in0[i] + in1[i]; break;
    case MathOperator::sub: for (std::size_t i = 0; i < n; ++i) out[i] = in0[i] - in1[i]; break;
    case MathOperator::mult: for (std::size_t i = 0; i < n; ++i) out[i] = in0[i] * in1[i]; break;
    case MathOperator::div: for (std::size_t i = 0; i < n; ++i) out[i] = in0[i] / in1[i]; break;
  }
  return detail::written(0, n);
}

int sum_lookback(int timeperiod) { return timeperiod - 1; }

Result<OutRange> sum(std::span<const double> in, int timeperiod, std::span<double> out) {
  if (auto s = detail::check_int("sum", "timeperiod", timeperiod, 2, detail::max_period); !s) return s.error();
  if (auto s = detail::check_lengths("sum", {in.size()}, {out.size()}); !s) return s.error();
  const std::size_t n = in.size();
  const auto lookback = static_cast<std::size_t>(sum_lookback(timeperiod));
  if (n <= lookback) return OutRange{};
  if (detail::overlaps(in, out)) {
    const std::vector<double> copy(in.begin(), in.end());
    return sum(copy, timeperiod, out);
  }
  double total = 0.0;
  for (std::size_t i = 0; i < lookback; ++i) total += in[i];
  for (std::size_t i = lookback, trailing = 0; i < n; ++i, ++trailing) {
    total += in[i];
    out[i] = total;
    total -= in[trailing];
  }
  return detail::written(lookback, n);
}

}  // namespace streams::analytics
