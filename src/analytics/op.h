#pragma once
// The generic op interface behind `streams analyze` and GET /api/v1/analyze (BRIEF §4).
//
// An op takes one or more input series (columns of a CSV or stored bars) and named arguments
// parsed from a SPEC such as `acf(nlags=20,adjusted=true)`, and returns named outputs. TA-Lib
// functions are adapted to this interface from the indicator registry; statistics and wavelets
// implement it directly. Ops are pure: no I/O, no threads, no logging.

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/result.h"

namespace streams::analytics {

// A parameter value as written in a SPEC: a number, true/false, none, or a bare name
// (e.g. `method=ols`, `wavelet=db4`, `scales=1:64`).
struct ParamNone {
  bool operator==(const ParamNone&) const = default;
};
using ParamValue = std::variant<ParamNone, bool, double, std::string>;

// The arguments of one op invocation. Each getter consumes its key; finish() then reports any
// key no getter asked for ("unknown parameter 'x'") so that a typo is never silently ignored.
class OpArgs {
 public:
  OpArgs() = default;
  explicit OpArgs(std::vector<std::pair<std::string, ParamValue>> values) : values_(std::move(values)) {}

  // Integer in [min, max]; a real with a fractional part is an error.
  Result<int> get_int(std::string_view key, int fallback, int min, int max);
  Result<double> get_real(std::string_view key, double fallback, double min, double max);
  Result<bool> get_bool(std::string_view key, bool fallback);
  // One of `choices` (exact, case-sensitive). Numbers are accepted when written as names, too.
  Result<std::string> get_choice(std::string_view key, std::string_view fallback,
                                 std::span<const std::string_view> choices);
  // Any name or number as text (e.g. wavelet names, `scales=1:64`); nullopt-like "" when absent.
  Result<std::string> get_text(std::string_view key, std::string_view fallback);
  // True when `key` is present and is `none`; the key is consumed.
  bool take_none(std::string_view key);
  [[nodiscard]] bool has(std::string_view key) const;

  // Error for the first key not consumed by a getter.
  Status finish() const;

  [[nodiscard]] const std::vector<std::pair<std::string, ParamValue>>& values() const { return values_; }

 private:
  const ParamValue* find(std::string_view key);
  std::vector<std::pair<std::string, ParamValue>> values_;
  std::vector<bool> used_ = std::vector<bool>(values_.size(), false);
};

// One input series: a name (file stem or symbol), dates (days since epoch, ascending) and its
// columns by lower-case name ("open", "high", "low", "close", "volume", or any extra column).
// Missing cells are NaN.
struct OpInput {
  std::string name;
  std::vector<std::int32_t> dates;
  std::map<std::string, std::vector<double>, std::less<>> columns;

  [[nodiscard]] const std::vector<double>* column(std::string_view column_name) const {
    auto it = columns.find(column_name);
    return it == columns.end() ? nullptr : &it->second;
  }
  [[nodiscard]] std::size_t size() const { return dates.size(); }
};

// A named output: a series (length n, NaN for "no value"), a matrix (rows), or a list of names.
using OutputData = std::variant<std::vector<double>, std::vector<std::vector<double>>, std::vector<std::string>>;
struct OpOutput {
  std::string name;
  OutputData data;
};
struct OpResult {
  std::vector<OpOutput> outputs;
};

using OpFn = Result<OpResult> (*)(std::span<const OpInput> inputs, OpArgs& args);

// Metadata of one parameter for listings and UI forms. `type`: "int", "real", "bool", "choice", "text".
struct OpParamInfo {
  std::string_view name;
  std::string_view type;
  std::string_view default_value;  // as written in a SPEC
  std::string_view help;           // range, or the choices as "a | b | c"
  // The numeric range of an int or real parameter, inclusive, when it is a plain interval (UI
  // forms validate against it); infinite = not stated.
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

// A non-TA-Lib op (statistics, transforms, wavelets, correlation).
struct OpSpec {
  std::string_view name;
  std::string_view group;  // "Transforms", "Statistics", "Decomposition", "Wavelets", "Correlation"
  std::string_view description;
  std::vector<OpParamInfo> params;
  std::vector<std::string_view> outputs;  // names; wavedec lists "cA<L>, cD<L>..cD1"
  bool multi_input = false;               // corr: reads every input; others: the first one's close
  OpFn run = nullptr;
  bool overlay = false;  // outputs are price levels, drawn on the price pane (pivots, support/resistance)
};

// Error helpers shared by ops: the message says which parameter and why.
Error bad_param(std::string_view key, std::string_view why);

}  // namespace streams::analytics
