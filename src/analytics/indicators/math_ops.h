#pragma once
// TA-Lib's Math Transform group (element-wise functions of one series) and the element-wise
// Math Operators (add, sub, mult, div of two series; sum over a window). MIN/MAX and their
// index forms are in min_max.h. Shape: indicator.h; notes: math_ops.md.

#include <span>

#include "analytics/indicators/indicator.h"
#include "core/result.h"

namespace streams::analytics {

enum class MathTransform { acos, asin, atan, ceil, cos, cosh, exp, floor, ln, log10, sin, sinh, sqrt, tan, tanh };

// Lookback 0; domain errors give NaN, as the C library does (acos(2), ln(-1), ...).
Result<OutRange> math_transform(MathTransform fn, std::span<const double> in, std::span<double> out);

enum class MathOperator { add, sub, mult, div };
// out = in0 (op) in1, lookback 0.
Result<OutRange> math_operator(MathOperator op, std::span<const double> in0, std::span<const double> in1,
                               std::span<double> out);

// Rolling sum, timeperiod in [2, 100000] (default 30); lookback timeperiod - 1.
int sum_lookback(int timeperiod);
Result<OutRange> sum(std::span<const double> in, int timeperiod, std::span<double> out);

}  // namespace streams::analytics
