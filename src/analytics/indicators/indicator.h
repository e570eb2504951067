#pragma once
// The shape every TA-Lib-equivalent indicator has (STYLE.md example 4, TA-Lib's own contract):
//
//   int <name>_lookback(params...);                         // warm-up rows before the first output
//   Result<OutRange> <name>(inputs..., params..., outputs...);
//
// Inputs and outputs are spans of the same length n, aligned by index: the function writes
// outputs only at [range.begin, range.begin + range.count) and leaves the rest untouched (callers
// fill NaN first). Parameters are validated before anything is written, with TA-Lib's ranges;
// input shorter than the lookback is an empty success. Outputs may alias inputs.
//
// Each indicator is also declared once in the registry (indicator_registry.h) with its metadata
// and an adapter to the generic signature below; the CLI, the API and the UI read the registry.

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::analytics {

struct OutRange {
  std::size_t begin = 0;  // index of the first written element (== lookback when computed from 0)
  std::size_t count = 0;  // number of written elements
  bool operator==(const OutRange&) const = default;
};

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// TA-Lib's moving-average types (the `matype` parameter).
enum class MaType : int { sma = 0, ema = 1, wma = 2, dema = 3, tema = 4, trima = 5, kama = 6, mama = 7, t3 = 8 };

// ---- Registry metadata ------------------------------------------------------------------------

enum class ParamType { integer, real, matype };

struct IndicatorParam {
  std::string_view name;  // python TA-Lib's name: timeperiod, nbdevup, fastk_period, …
  ParamType type = ParamType::integer;
  double default_value = 0;
  double min = 0;  // TA-Lib's range, inclusive
  double max = 0;
};

enum class OutputKind { line, histogram, integer };  // integer: candlestick patterns (-100/0/100)

struct IndicatorOutput {
  std::string_view name;  // python TA-Lib's name: real, upperband, macdsignal, slowk, …
  OutputKind kind = OutputKind::line;
};

// Generic calling convention used by the registry adapters:
//   inputs  — one span per entry of FunctionSpec::inputs, all of length n
//   params  — one value per entry of FunctionSpec::params, defaults already filled and validated
//   outputs — one span per entry of FunctionSpec::outputs, length n, pre-filled with NaN
using LookbackFn = int (*)(std::span<const double> params);
using ComputeFn = Result<OutRange> (*)(std::span<const std::span<const double>> inputs,
                                       std::span<const double> params, std::span<const std::span<double>> outputs);

struct IndicatorSpec {
  std::string_view name;   // lower case, TA-Lib's: "sma", "cdl3whitesoldiers"
  std::string_view group;  // TA-Lib's group: "Overlap Studies", "Momentum Indicators", …
  std::string_view description;
  // Input columns in order: "open", "high", "low", "close", "volume" for price inputs; a single
  // "real" input defaults to close (python TA-Lib's `price` parameter may rename it), and beta /
  // correl's two inputs "real0"/"real1" default to high/low (`price0`/`price1`).
  std::vector<std::string_view> inputs;
  std::vector<IndicatorParam> params;
  std::vector<IndicatorOutput> outputs;
  LookbackFn lookback = nullptr;
  ComputeFn compute = nullptr;
  bool overlay = false;  // drawn on the price pane (Overlap Studies) rather than in a pane below
};

}  // namespace streams::analytics
