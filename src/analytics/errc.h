#pragma once
// Errors of the analytics module. Messages name the op and the parameter; codes follow TA-Lib's
// return codes where one exists (TA_BAD_PARAM, TA_OUT_OF_RANGE_*).

#include <system_error>

namespace streams::analytics {

enum class errc {
  ok = 0,
  bad_param,          // a parameter outside its range, of the wrong type, or unknown
  unknown_op,         // no indicator or op of that name
  missing_input,      // a required input column is absent
  input_mismatch,     // inputs of different lengths, or too few series for a multi-series op
  invalid_input,      // NaN where the algorithm cannot accept it, non-positive values for logs, …
  insufficient_data,  // too few observations for a statistic that has no "empty" answer
};

const std::error_category& analytics_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), analytics_category()}; }

}  // namespace streams::analytics

template <>
struct std::is_error_code_enum<streams::analytics::errc> : std::true_type {};
