#pragma once
// The op registry: every non-TA-Lib op of `streams analyze` (statistics, transforms,
// decomposition, correlation, wavelets, support/resistance levels), joined from one function per family in an explicit
// list. TA-Lib functions live in the indicator registry (indicators/indicator_registry.h); the
// engine (analyze.h) looks there first, then here.

#include <span>
#include <string_view>
#include <vector>

#include "analytics/op.h"

namespace streams::analytics {

// All ops, sorted by name. Built once, immutable afterwards; safe to read from any thread.
std::span<const OpSpec> op_registry();
const OpSpec* find_op(std::string_view name);

// Families joined by op_registry().
std::vector<OpSpec> statistics_ops();  // statistics/statistics_ops.cc: returns, acf, pacf, stl, corr, ...
std::vector<OpSpec> wavelet_ops();     // wavelets/wavelet_ops.cc: wavedec, waverec, cwt
std::vector<OpSpec> level_ops();       // levels/level_ops.cc: pivots, support_resistance

}  // namespace streams::analytics
