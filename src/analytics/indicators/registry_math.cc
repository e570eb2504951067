// TA-Lib's Math Transform and Math Operators groups.
#include "analytics/indicators/indicator_registry.h"
#include "analytics/indicators/math_ops.h"
#include "analytics/indicators/min_max.h"
#include "analytics/indicators/registry_util.h"

namespace streams::analytics {

using registry::as_int;

std::vector<IndicatorSpec> math_specs() {
  constexpr std::string_view transform = "Math Transform";
  constexpr std::string_view operators = "Math Operators";
  const auto zero = [](std::span<const double>) { return 0; };
  const auto window = [](std::span<const double> p) { return min_max_lookback(as_int(p[0])); };
  std::vector<IndicatorSpec> specs;
  specs.push_back({"acos", transform, "Vector Trigonometric ACos", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::acos, in[0], out[0]); }});
  specs.push_back({"asin", transform, "Vector Trigonometric ASin", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::asin, in[0], out[0]); }});
  specs.push_back({"atan", transform, "Vector Trigonometric ATan", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::atan, in[0], out[0]); }});
  specs.push_back({"ceil", transform, "Vector Ceil", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::ceil, in[0], out[0]); }});
  specs.push_back({"cos", transform, "Vector Trigonometric Cos", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::cos, in[0], out[0]); }});
  specs.push_back({"cosh", transform, "Vector Trigonometric Cosh", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::cosh, in[0], out[0]); }});
  specs.push_back({"exp", transform, "Vector Arithmetic Exp", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::exp, in[0], out[0]); }});
  specs.push_back({"floor", transform, "Vector Floor", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::floor, in[0], out[0]); }});
  specs.push_back({"ln", transform, "Vector Log Natural", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::ln, in[0], out[0]); }});
  specs.push_back({"log10", transform, "Vector Log10", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::log10, in[0], out[0]); }});
  specs.push_back({"sin", transform, "Vector Trigonometric Sin", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::sin, in[0], out[0]); }});
  specs.push_back({"sinh", transform, "Vector Trigonometric Sinh", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::sinh, in[0], out[0]); }});
  specs.push_back({"sqrt", transform, "Vector Square Root", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::sqrt, in[0], out[0]); }});
  specs.push_back({"tan", transform, "Vector Trigonometric Tan", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::tan, in[0], out[0]); }});
  specs.push_back({"tanh", transform, "Vector Trigonometric Tanh", {"real"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_transform(MathTransform::tanh, in[0], out[0]); }});
  specs.push_back({"add", operators, "Vector Arithmetic Add", {"real0", "real1"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_operator(MathOperator::add, in[0], in[1], out[0]); }});
  specs.push_back({"sub", operators, "Vector Arithmetic Subtraction", {"real0", "real1"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_operator(MathOperator::sub, in[0], in[1], out[0]); }});
  specs.push_back({"mult", operators, "Vector Arithmetic Mult", {"real0", "real1"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_operator(MathOperator::mult, in[0], in[1], out[0]); }});
  specs.push_back({"div", operators, "Vector Arithmetic Div", {"real0", "real1"}, {}, {{"real"}}, zero,
                   [](auto in, auto, auto out) { return math_operator(MathOperator::div, in[0], in[1], out[0]); }});
  specs.push_back({"sum", operators, "Summation", {"real"}, {registry::timeperiod(30)}, {{"real"}}, window,
                   [](auto in, auto p, auto out) { return sum(in[0], as_int(p[0]), out[0]); }});
  specs.push_back({"max", operators, "Highest value over a specified period", {"real"}, {registry::timeperiod(30)}, {{"real"}}, window,
                   [](auto in, auto p, auto out) { return max(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"min", operators, "Lowest value over a specified period", {"real"}, {registry::timeperiod(30)}, {{"real"}}, window,
                   [](auto in, auto p, auto out) { return min(in[0], as_int(p[0]), out[0]); }, true});
  specs.push_back({"maxindex", operators, "Index of highest value over a specified period", {"real"}, {registry::timeperiod(30)}, {{"integer", OutputKind::integer}}, window,
                   [](auto in, auto p, auto out) { return maxindex(in[0], as_int(p[0]), out[0]); }, false});
  specs.push_back({"minindex", operators, "Index of lowest value over a specified period", {"real"}, {registry::timeperiod(30)}, {{"integer", OutputKind::integer}}, window,
                   [](auto in, auto p, auto out) { return minindex(in[0], as_int(p[0]), out[0]); }, false});
  specs.push_back({"minmax", operators, "Lowest and highest values over a specified period", {"real"}, {registry::timeperiod(30)}, {{"min"}, {"max"}}, window,
                   [](auto in, auto p, auto out) { return minmax(in[0], as_int(p[0]), out[0], out[1]); }, true});
  specs.push_back({"minmaxindex", operators, "Indexes of lowest and highest values over a specified period", {"real"}, {registry::timeperiod(30)},
                   {{"minidx", OutputKind::integer}, {"maxidx", OutputKind::integer}}, window,
                   [](auto in, auto p, auto out) { return minmaxindex(in[0], as_int(p[0]), out[0], out[1]); }});
  return specs;
}

}  // namespace streams::analytics
