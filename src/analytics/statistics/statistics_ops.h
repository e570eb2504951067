#pragma once
// The statistics ops of `streams analyze` (BRIEF §4): returns, cumreturns, normalize, standardize,
// acf, pacf, ljungbox, corr, stl, seasonal_decompose — OpSpec adapters over statistics.h.

#include <vector>

#include "analytics/op.h"

namespace streams::analytics {

std::vector<OpSpec> statistics_ops();

}  // namespace streams::analytics
