#include "analytics/analyze.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <vector>

#include "analytics/errc.h"
#include "analytics/indicators/indicator_registry.h"
#include "analytics/ops.h"

namespace streams::analytics {
namespace {

constexpr std::size_t max_inputs = 8;   // more than any TA-Lib function has (OHLCV = 5)
constexpr std::size_t max_outputs = 8;  // TA-Lib's maximum is 3
constexpr std::size_t max_params = 16;  // sarext has 8

// Which column feeds a TA-Lib input, and the SPEC key that may rename it.
struct ColumnChoice {
  std::string_view key;       // "" when the input cannot be renamed
  std::string_view fallback;  // default column ("" = the key is required)
};

ColumnChoice column_choice(std::string_view input) {
  if (input == "real") return {"price", "close"};
  if (input == "real0") return {"price0", "high"};
  if (input == "real1") return {"price1", "low"};
  if (input == "periods") return {"periods", ""};
  return {"", input};
}

// Argument errors from OpArgs name the parameter; prefix the function.
Error named(std::string_view function, const Error& error) {
  return make_error(error.code, fmt::format("{}: {}", function, error.message));
}

Result<OpResult> run_indicator(const IndicatorSpec& spec, const ParsedSpec& parsed, std::span<const OpInput> inputs) {
  if (inputs.empty()) return make_error(errc::missing_input, fmt::format("{}: no input series", spec.name));
  const OpInput& series = inputs.front();
  OpArgs args(parsed.args);

  // Inputs.
  if (spec.inputs.size() > max_inputs || spec.outputs.size() > max_outputs || spec.params.size() > max_params) {
    return make_error(errc::bad_param, fmt::format("{}: registry entry too large", spec.name));
  }
  std::array<const std::vector<double>*, max_inputs> columns{};
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    const ColumnChoice choice = column_choice(spec.inputs[i]);
    std::string column(choice.fallback);
    if (!choice.key.empty()) {
      auto chosen = args.get_text(choice.key, choice.fallback);
      if (!chosen) return named(spec.name, chosen.error());
      column = std::move(*chosen);
      for (auto& c : column) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (column.empty()) {
      return make_error(errc::missing_input, fmt::format("{}: parameter '{}' must name the input column of {}",
                                                         spec.name, choice.key, spec.inputs[i]));
    }
    columns[i] = series.column(column);
    if (columns[i] == nullptr) {
      return make_error(errc::missing_input,
                        fmt::format("{}: input '{}' has no column '{}'", spec.name, series.name, column));
    }
    if (columns[i]->size() != series.size()) {
      return make_error(errc::input_mismatch, fmt::format("{}: column '{}' has {} rows, dates {}", spec.name, column,
                                                          columns[i]->size(), series.size()));
    }
  }

  // Parameters: TA-Lib's defaults and ranges.
  std::array<double, max_params> params{};
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    const IndicatorParam& p = spec.params[i];
    if (p.type == ParamType::real) {
      auto v = args.get_real(p.name, p.default_value, p.min, p.max);
      if (!v) return named(spec.name, v.error());
      params[i] = *v;
    } else {
      auto v = args.get_int(p.name, static_cast<int>(p.default_value), static_cast<int>(p.min),
                            static_cast<int>(p.max));
      if (!v) return named(spec.name, v.error());
      params[i] = *v;
    }
  }
  if (auto s = args.finish(); !s) return named(spec.name, s.error());

  // Outputs of the input's length, null where nothing is computed.
  const std::size_t n = series.size();
  OpResult result;
  result.outputs.reserve(spec.outputs.size());
  for (const IndicatorOutput& o : spec.outputs) result.outputs.push_back({std::string(o.name), std::vector<double>(n, nan)});

  // Skip leading rows where any input is NaN (python TA-Lib's begidx).
  std::size_t begin = 0;
  const auto row_has_nan = [&](std::size_t row) {
    for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
      if (std::isnan((*columns[i])[row])) return true;
    }
    return false;
  };
  while (begin < n && row_has_nan(begin)) ++begin;
  if (begin == n) return result;

  std::array<std::span<const double>, max_inputs> in_spans{};
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) in_spans[i] = std::span<const double>(*columns[i]).subspan(begin);
  std::array<std::span<double>, max_outputs> out_spans{};
  for (std::size_t i = 0; i < spec.outputs.size(); ++i) {
    out_spans[i] = std::span<double>(std::get<std::vector<double>>(result.outputs[i].data)).subspan(begin);
  }
  auto range = spec.compute(std::span(in_spans.data(), spec.inputs.size()), std::span(params.data(), spec.params.size()),
                            std::span(out_spans.data(), spec.outputs.size()));
  if (!range) return range.error();
  return result;
}

}  // namespace

bool op_exists(std::string_view name) { return find_indicator(name) != nullptr || find_op(name) != nullptr; }

Result<OpResult> run_op(const ParsedSpec& spec, std::span<const OpInput> inputs) {
  if (const IndicatorSpec* indicator = find_indicator(spec.name)) return run_indicator(*indicator, spec, inputs);
  if (const OpSpec* op = find_op(spec.name)) {
    if (op->run == nullptr) return make_error(errc::unknown_op, fmt::format("op '{}' has no implementation", spec.name));
    if (inputs.empty()) return make_error(errc::missing_input, fmt::format("{}: no input series", spec.name));
    OpArgs args(spec.args);
    auto result = op->run(op->multi_input ? inputs : inputs.first(1), args);
    if (!result) return result.error();
    if (auto s = args.finish(); !s) return named(spec.name, s.error());
    return result;
  }
  return make_error(errc::unknown_op, fmt::format("unknown op '{}'", spec.name));
}

}  // namespace streams::analytics
