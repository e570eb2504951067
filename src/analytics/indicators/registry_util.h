#pragma once
// Helpers for the registry_<group>.cc files: TA-Lib's usual parameter declarations and the
// conversion of a generic parameter (a double) to an int or a MaType.

#include <limits>

#include "analytics/indicators/indicator.h"

namespace streams::analytics::registry {

inline constexpr double period_max = 100000;
inline constexpr double real_min = -3e37;  // TA_REAL_MIN
inline constexpr double real_max = 3e37;   // TA_REAL_MAX

inline int as_int(double v) { return static_cast<int>(v); }
inline MaType as_ma(double v) { return static_cast<MaType>(static_cast<int>(v)); }

// timeperiod with TA-Lib's usual range [2, 100000].
inline IndicatorParam timeperiod(double fallback, double min = 2) {
  return {"timeperiod", ParamType::integer, fallback, min, period_max};
}
inline IndicatorParam int_param(std::string_view name, double fallback, double min = 2, double max = period_max) {
  return {name, ParamType::integer, fallback, min, max};
}
inline IndicatorParam real_param(std::string_view name, double fallback, double min = real_min, double max = real_max) {
  return {name, ParamType::real, fallback, min, max};
}
inline IndicatorParam matype(std::string_view name = "matype", double fallback = 0) {
  return {name, ParamType::matype, fallback, 0, 8};
}

}  // namespace streams::analytics::registry
