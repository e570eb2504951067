// OpSpec adapters: read OpArgs with statsmodels' keyword names and defaults, call the typed
// functions of statistics.h, name the outputs as the references do.

#include "analytics/ops.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

#include "analytics/errc.h"
#include "analytics/statistics/statistics.h"
#include "core/time.h"

namespace streams::analytics {

namespace {

namespace st = statistics;
constexpr int kMaxInt = 1'000'000'000;

Result<std::span<const double>> first_close(std::span<const OpInput> inputs) {
  if (inputs.empty()) return make_error(errc::missing_input, "no input series");
  const std::vector<double>* close = inputs.front().column("close");
  if (close == nullptr) {
    return make_error(errc::missing_input, fmt::format("input '{}' has no 'close' column", inputs.front().name));
  }
  return std::span<const double>(*close);
}

OpResult series(std::string name, std::vector<double> values) {
  OpResult r;
  r.outputs.push_back({std::move(name), std::move(values)});
  return r;
}

Result<st::ReturnKind> read_kind(OpArgs& args) {
  static constexpr std::array<std::string_view, 2> kinds{"log", "simple"};
  auto kind = args.get_choice("kind", "log", kinds);
  if (!kind) return kind.error();
  return *kind == "log" ? st::ReturnKind::log : st::ReturnKind::simple;
}

// alpha=none or a number in (0, 1).
Result<std::optional<double>> read_alpha(OpArgs& args, double fallback) {
  if (!args.has("alpha")) return std::optional<double>(fallback);
  if (args.take_none("alpha")) return std::optional<double>();
  auto alpha = args.get_real("alpha", fallback, 0.0, 1.0);
  if (!alpha) return alpha.error();
  if (*alpha <= 0 || *alpha >= 1) return bad_param("alpha", "must be in (0, 1) or none");
  return std::optional<double>(*alpha);
}

Result<std::optional<int>> read_optional_int(OpArgs& args, std::string_view key, int min, int max) {
  if (!args.has(key)) return std::optional<int>();
  if (args.take_none(key)) return std::optional<int>();
  auto v = args.get_int(key, 0, min, max);
  if (!v) return v.error();
  return std::optional<int>(*v);
}

#define STREAMS_TRY(var, expr)            \
  auto var##_result = (expr);             \
  if (!var##_result) return var##_result.error(); \
  auto var = std::move(*var##_result)

Status finish(OpArgs& args) { return args.finish(); }

Result<OpResult> run_returns(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  STREAMS_TRY(kind, read_kind(args));
  if (auto s = finish(args); !s) return s.error();
  return series("real", st::returns(x, kind));
}

Result<OpResult> run_cumreturns(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  STREAMS_TRY(kind, read_kind(args));
  if (auto s = finish(args); !s) return s.error();
  return series("real", st::cumreturns(x, kind));
}

Result<OpResult> run_normalize(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  if (auto s = finish(args); !s) return s.error();
  return series("real", st::normalize(x));
}

Result<OpResult> run_standardize(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  if (auto s = finish(args); !s) return s.error();
  return series("real", st::standardize(x));
}

Result<OpResult> run_acf(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  st::AcfOptions o;
  STREAMS_TRY(nlags, args.get_int("nlags", 40, 1, kMaxInt));
  STREAMS_TRY(adjusted, args.get_bool("adjusted", false));
  STREAMS_TRY(fft, args.get_bool("fft", true));
  STREAMS_TRY(alpha, read_alpha(args, 0.05));
  STREAMS_TRY(qstat, args.get_bool("qstat", false));
  static constexpr std::array<std::string_view, 4> missing{"none", "raise", "conservative", "drop"};
  STREAMS_TRY(miss, args.get_choice("missing", "none", missing));
  if (auto s = finish(args); !s) return s.error();
  o.nlags = nlags;
  o.adjusted = adjusted;
  o.fft = fft;
  o.alpha = alpha;
  o.qstat = qstat;
  o.missing = miss == "none" ? st::Missing::none
              : miss == "raise" ? st::Missing::raise
              : miss == "conservative" ? st::Missing::conservative
                                       : st::Missing::drop;
  STREAMS_TRY(r, st::acf(x, o));
  OpResult out;
  out.outputs.push_back({"acf", std::move(r.acf)});
  if (alpha) {
    out.outputs.push_back({"confint_lower", std::move(r.confint_lower)});
    out.outputs.push_back({"confint_upper", std::move(r.confint_upper)});
  }
  if (qstat) {
    out.outputs.push_back({"qstat", std::move(r.qstat)});
    out.outputs.push_back({"pvalues", std::move(r.pvalues)});
  }
  return out;
}

Result<OpResult> run_pacf(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  st::PacfOptions o;
  STREAMS_TRY(nlags, args.get_int("nlags", 40, 1, kMaxInt));
  static constexpr std::array<std::string_view, 17> methods{
      "ols", "ols-inefficient", "ols-adjusted", "yw", "ywa", "ld", "ywadjusted", "yw_adjusted", "ywm",
      "ywmle", "yw_mle", "lda", "ldadjusted", "ld_adjusted", "ldb", "ldbiased", "ld_biased"};
  STREAMS_TRY(method, args.get_choice("method", "ywadjusted", methods));
  STREAMS_TRY(alpha, read_alpha(args, 0.05));
  if (auto s = finish(args); !s) return s.error();
  o.nlags = nlags;
  o.method = *st::parse_pacf_method(method);
  o.alpha = alpha;
  STREAMS_TRY(r, st::pacf(x, o));
  OpResult out;
  out.outputs.push_back({"pacf", std::move(r.pacf)});
  if (alpha) {
    out.outputs.push_back({"confint_lower", std::move(r.confint_lower)});
    out.outputs.push_back({"confint_upper", std::move(r.confint_upper)});
  }
  return out;
}

Result<OpResult> run_ljungbox(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  st::LjungBoxOptions o;
  STREAMS_TRY(lags, args.get_int("lags", 10, 1, kMaxInt));
  STREAMS_TRY(model_df, args.get_int("model_df", 0, 0, kMaxInt));
  STREAMS_TRY(boxpierce, args.get_bool("boxpierce", false));
  if (auto s = finish(args); !s) return s.error();
  o.lags = lags;
  o.model_df = model_df;
  o.boxpierce = boxpierce;
  STREAMS_TRY(r, st::ljungbox(x, o));
  OpResult out;
  out.outputs.push_back({"lb_stat", std::move(r.lb_stat)});
  out.outputs.push_back({"lb_pvalue", std::move(r.lb_pvalue)});
  if (boxpierce) {
    out.outputs.push_back({"bp_stat", std::move(r.bp_stat)});
    out.outputs.push_back({"bp_pvalue", std::move(r.bp_pvalue)});
  }
  return out;
}

// The closes of 2..N inputs on the dates common to all (each input's dates ascend), as log
// returns or levels: the input of corr and rolling_corr.
struct AlignedCloses {
  std::vector<std::int32_t> dates;
  std::vector<std::string> names;
  std::vector<std::vector<double>> columns;
};

Result<AlignedCloses> align_closes(std::string_view op, std::span<const OpInput> inputs, bool log_returns) {
  if (inputs.size() < 2) {
    return make_error(errc::input_mismatch, fmt::format("{} needs at least 2 input series, got {}", op, inputs.size()));
  }
  AlignedCloses out;
  out.dates = inputs.front().dates;
  for (std::size_t k = 1; k < inputs.size(); ++k) {
    std::vector<std::int32_t> next;
    std::set_intersection(out.dates.begin(), out.dates.end(), inputs[k].dates.begin(), inputs[k].dates.end(),
                          std::back_inserter(next));
    out.dates = std::move(next);
  }
  if (out.dates.empty()) return make_error(errc::input_mismatch, fmt::format("{}: the inputs have no date in common", op));
  for (const OpInput& in : inputs) {
    const std::vector<double>* close = in.column("close");
    if (close == nullptr) return make_error(errc::missing_input, fmt::format("input '{}' has no 'close' column", in.name));
    std::vector<double> aligned;
    aligned.reserve(out.dates.size());
    std::size_t i = 0;
    for (std::int32_t d : out.dates) {
      while (in.dates[i] < d) ++i;
      aligned.push_back((*close)[i]);
    }
    out.columns.push_back(log_returns ? st::returns(aligned, st::ReturnKind::log) : std::move(aligned));
    out.names.push_back(in.name);
  }
  return out;
}

Result<OpResult> run_corr(std::span<const OpInput> inputs, OpArgs& args) {
  static constexpr std::array<std::string_view, 3> methods{"pearson", "spearman", "kendall"};
  static constexpr std::array<std::string_view, 2> ofs{"returns", "levels"};
  STREAMS_TRY(method, args.get_choice("method", "pearson", methods));
  STREAMS_TRY(of, args.get_choice("of", "returns", ofs));
  if (auto s = finish(args); !s) return s.error();
  STREAMS_TRY(aligned, align_closes("corr", inputs, of == "returns"));
  std::vector<std::vector<double>> columns = std::move(aligned.columns);
  std::vector<std::string> names = std::move(aligned.names);
  const st::CorrMethod m = method == "pearson" ? st::CorrMethod::pearson
                           : method == "spearman" ? st::CorrMethod::spearman
                                                  : st::CorrMethod::kendall;
  OpResult out;
  out.outputs.push_back({"symbols", std::move(names)});
  out.outputs.push_back({"matrix", st::corr_matrix(columns, m)});
  return out;
}

Result<OpResult> run_rolling_corr(std::span<const OpInput> inputs, OpArgs& args) {
  static constexpr std::array<std::string_view, 2> ofs{"returns", "levels"};
  STREAMS_TRY(window, args.get_int("window", 63, 2, kMaxInt));
  STREAMS_TRY(of, args.get_choice("of", "returns", ofs));
  STREAMS_TRY(x_name, args.get_text("x", ""));
  STREAMS_TRY(y_name, args.get_text("y", ""));
  if (auto s = finish(args); !s) return s.error();
  // The pair: x= and y= name inputs (symbols or file stems); by default the first two.
  const auto pick = [&](std::string_view key, const std::string& name, std::size_t fallback) -> Result<std::size_t> {
    if (name.empty()) return fallback;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      if (inputs[k].name == name) return k;
    }
    return bad_param(key, fmt::format("'{}' is not an input", name));
  };
  STREAMS_TRY(ix, pick("x", x_name, 0));
  STREAMS_TRY(iy, pick("y", y_name, 1));
  if (inputs.size() < 2) {
    return make_error(errc::input_mismatch, fmt::format("rolling_corr needs at least 2 input series, got {}", inputs.size()));
  }
  const std::array<OpInput, 2> pair{inputs[ix], inputs[iy]};
  STREAMS_TRY(aligned, align_closes("rolling_corr", pair, of == "returns"));
  std::vector<std::string> dates;
  dates.reserve(aligned.dates.size());
  for (std::int32_t d : aligned.dates) dates.push_back(Date::from_days(d).iso());
  OpResult out;
  out.outputs.push_back({"dates", std::move(dates)});
  out.outputs.push_back({"real", st::rolling_corr(aligned.columns[0], aligned.columns[1], static_cast<std::size_t>(window))});
  return out;
}

OpResult decomposition_result(st::Decomposition d) {
  OpResult out;
  out.outputs.push_back({"trend", std::move(d.trend)});
  out.outputs.push_back({"seasonal", std::move(d.seasonal)});
  out.outputs.push_back({"resid", std::move(d.resid)});
  return out;
}

Result<OpResult> run_stl(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  if (!args.has("period")) return bad_param("period", "required (an integer >= 2)");
  st::StlOptions o;
  STREAMS_TRY(period, args.get_int("period", 0, 2, kMaxInt));
  STREAMS_TRY(seasonal, args.get_int("seasonal", 7, 3, kMaxInt));
  STREAMS_TRY(trend, read_optional_int(args, "trend", 3, kMaxInt));
  STREAMS_TRY(low_pass, read_optional_int(args, "low_pass", 3, kMaxInt));
  STREAMS_TRY(seasonal_deg, args.get_int("seasonal_deg", 1, 0, 1));
  STREAMS_TRY(trend_deg, args.get_int("trend_deg", 1, 0, 1));
  STREAMS_TRY(low_pass_deg, args.get_int("low_pass_deg", 1, 0, 1));
  STREAMS_TRY(robust, args.get_bool("robust", false));
  STREAMS_TRY(seasonal_jump, args.get_int("seasonal_jump", 1, 1, kMaxInt));
  STREAMS_TRY(trend_jump, args.get_int("trend_jump", 1, 1, kMaxInt));
  STREAMS_TRY(low_pass_jump, args.get_int("low_pass_jump", 1, 1, kMaxInt));
  STREAMS_TRY(inner_iter, read_optional_int(args, "inner_iter", 1, kMaxInt));
  STREAMS_TRY(outer_iter, read_optional_int(args, "outer_iter", 0, kMaxInt));
  if (auto s = finish(args); !s) return s.error();
  o.period = period;
  o.seasonal = seasonal;
  o.trend = trend;
  o.low_pass = low_pass;
  o.seasonal_deg = seasonal_deg;
  o.trend_deg = trend_deg;
  o.low_pass_deg = low_pass_deg;
  o.robust = robust;
  o.seasonal_jump = seasonal_jump;
  o.trend_jump = trend_jump;
  o.low_pass_jump = low_pass_jump;
  o.inner_iter = inner_iter;
  o.outer_iter = outer_iter;
  STREAMS_TRY(r, st::stl(x, o));
  return decomposition_result(std::move(r));
}

Result<OpResult> run_seasonal_decompose(std::span<const OpInput> inputs, OpArgs& args) {
  STREAMS_TRY(x, first_close(inputs));
  if (!args.has("period")) return bad_param("period", "required (an integer >= 1)");
  st::SeasonalDecomposeOptions o;
  STREAMS_TRY(period, args.get_int("period", 0, 1, kMaxInt));
  static constexpr std::array<std::string_view, 2> models{"additive", "multiplicative"};
  STREAMS_TRY(model, args.get_choice("model", "additive", models));
  STREAMS_TRY(two_sided, args.get_bool("two_sided", true));
  int extrapolate = 0;
  if (args.has("extrapolate_trend")) {
    STREAMS_TRY(text, args.get_text("extrapolate_trend", "0"));
    if (text == "freq") {
      extrapolate = period - 1;
    } else {
      STREAMS_TRY(value, args.get_int("extrapolate_trend", 0, 0, kMaxInt));
      extrapolate = value;
    }
  }
  if (auto s = finish(args); !s) return s.error();
  o.period = period;
  o.model = model == "additive" ? st::SeasonalModel::additive : st::SeasonalModel::multiplicative;
  o.two_sided = two_sided;
  o.extrapolate_trend = extrapolate;
  STREAMS_TRY(r, st::seasonal_decompose(x, o));
  return decomposition_result(std::move(r));
}

#undef STREAMS_TRY

}  // namespace

std::vector<OpSpec> statistics_ops() {
  std::vector<OpSpec> ops;
  ops.push_back({"returns", "Transforms", "Day-on-day returns of close (first value null)",
                 {{"kind", "choice", "log", "log | simple"}}, {"real"}, false, &run_returns});
  ops.push_back({"cumreturns", "Transforms", "Day-to-first returns of close",
                 {{"kind", "choice", "log", "log | simple"}}, {"real"}, false, &run_cumreturns});
  ops.push_back({"normalize", "Transforms", "(x - min) / (max - min)", {}, {"real"}, false, &run_normalize});
  ops.push_back({"standardize", "Transforms", "(x - mean) / std (ddof = 1)", {}, {"real"}, false, &run_standardize});
  ops.push_back({"acf", "Statistics", "Autocorrelation with Bartlett confidence intervals (statsmodels acf)",
                 {{"nlags", "int", "40", ">= 1"},
                  {"adjusted", "bool", "false", "divide by n - k instead of n"},
                  {"fft", "bool", "true", "compute through the FFT"},
                  {"alpha", "real", "0.05", "(0, 1) or none"},
                  {"qstat", "bool", "false", "also Ljung-Box Q statistics and p-values"},
                  {"missing", "choice", "none", "none | raise | conservative | drop"}},
                 {"acf", "confint_lower", "confint_upper", "qstat", "pvalues"}, false, &run_acf});
  ops.push_back({"pacf", "Statistics", "Partial autocorrelation (statsmodels pacf, every method)",
                 {{"nlags", "int", "40", ">= 1 and < n/2"},
                  {"method", "choice", "ywadjusted",
                   "yw | ywadjusted | ywm | ywmle | ols | ols-inefficient | ols-adjusted | ld | ldadjusted | ldb | "
                   "ldbiased (and statsmodels' other aliases)"},
                  {"alpha", "real", "0.05", "(0, 1) or none"}},
                 {"pacf", "confint_lower", "confint_upper"}, false, &run_pacf});
  ops.push_back({"ljungbox", "Statistics", "Ljung-Box test for lags 1..lags (statsmodels acorr_ljungbox)",
                 {{"lags", "int", "10", ">= 1 and < n"},
                  {"model_df", "int", "0", ">= 0, degrees of freedom used by a model"},
                  {"boxpierce", "bool", "false", "also the Box-Pierce statistic"}},
                 {"lb_stat", "lb_pvalue", "bp_stat", "bp_pvalue"}, false, &run_ljungbox});
  ops.push_back({"corr", "Correlation", "Correlation matrix of 2..N series on their common dates (pandas corr)",
                 {{"method", "choice", "pearson", "pearson | spearman | kendall"},
                  {"of", "choice", "returns", "returns (day-on-day log) | levels"}},
                 {"symbols", "matrix"}, true, &run_corr});
  ops.push_back({"rolling_corr", "Correlation",
                 "Rolling Pearson correlation of two series on their common dates (pandas rolling(window).corr)",
                 {{"window", "int", "63", ">= 2 rows"},
                  {"of", "choice", "returns", "returns (day-on-day log) | levels"},
                  {"x", "text", "", "input name (symbol); default the first"},
                  {"y", "text", "", "input name (symbol); default the second"}},
                 {"dates", "real"}, true, &run_rolling_corr});
  ops.push_back({"stl", "Decomposition", "Seasonal-trend decomposition by loess (statsmodels STL)",
                 {{"period", "int", "", "required, >= 2"},
                  {"seasonal", "int", "7", "odd, >= 3"},
                  {"trend", "int", "none", "odd > period; default next odd >= 1.5 period / (1 - 1.5 / seasonal)"},
                  {"low_pass", "int", "none", "odd > period; default next odd > period"},
                  {"seasonal_deg", "int", "1", "0 | 1"},
                  {"trend_deg", "int", "1", "0 | 1"},
                  {"low_pass_deg", "int", "1", "0 | 1"},
                  {"robust", "bool", "false", "robustness weights"},
                  {"seasonal_jump", "int", "1", ">= 1"},
                  {"trend_jump", "int", "1", ">= 1"},
                  {"low_pass_jump", "int", "1", ">= 1"},
                  {"inner_iter", "int", "none", "default 5, robust 2"},
                  {"outer_iter", "int", "none", "default 0, robust 15"}},
                 {"trend", "seasonal", "resid"}, false, &run_stl});
  ops.push_back({"seasonal_decompose", "Decomposition", "Classical decomposition by moving averages",
                 {{"period", "int", "", "required, >= 1; needs 2 complete cycles"},
                  {"model", "choice", "additive", "additive | multiplicative"},
                  {"two_sided", "bool", "true", "centred moving average"},
                  {"extrapolate_trend", "int", "0", ">= 0 or freq"}},
                 {"trend", "seasonal", "resid"}, false, &run_seasonal_decompose});
  return ops;
}

}  // namespace streams::analytics
