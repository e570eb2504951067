// Placeholder: TA-Lib's Momentum Indicators group is declared on its own branch (ta-momentum), which replaces
// this file. Until then the group is empty, so that everything links.
#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {

std::vector<IndicatorSpec> momentum_specs() { return {}; }

}  // namespace streams::analytics
