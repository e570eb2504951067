#pragma once
// The indicator registry: every TA-Lib 0.6 function, declared once, in TA-Lib's names
// (reference: ../shared/reference/talib-functions.txt). Declarations are grouped in one file per
// TA-Lib group (registry_<group>.cc), each exposing a function that returns its specs; this file
// joins them in an explicit list — no static-initialiser registration.

#include <span>
#include <string_view>
#include <vector>

#include "analytics/indicators/indicator.h"

namespace streams::analytics {

// All specs, sorted by name. Built once, immutable afterwards; safe to read from any thread.
std::span<const IndicatorSpec> indicator_registry();
const IndicatorSpec* find_indicator(std::string_view name);

// Per-group lists joined by indicator_registry(); each lives in registry_<group>.cc.
std::vector<IndicatorSpec> overlap_studies_specs();
std::vector<IndicatorSpec> momentum_specs();
std::vector<IndicatorSpec> volume_specs();
std::vector<IndicatorSpec> volatility_specs();
std::vector<IndicatorSpec> price_transform_specs();
std::vector<IndicatorSpec> cycle_specs();
std::vector<IndicatorSpec> pattern_specs();
std::vector<IndicatorSpec> statistic_specs();
std::vector<IndicatorSpec> math_specs();  // Math Transform and Math Operators

}  // namespace streams::analytics
