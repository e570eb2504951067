// Placeholder: the statistics ops (returns, cumreturns, normalize, standardize, acf, pacf,
// ljungbox, corr, stl, seasonal_decompose) come from the `stats` branch, which replaces this file.
#include "analytics/ops.h"

namespace streams::analytics {

std::vector<OpSpec> statistics_ops() { return {}; }

}  // namespace streams::analytics
