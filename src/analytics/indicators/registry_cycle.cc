// Placeholder: TA-Lib's Cycle Indicators group is declared on its own branch (ta-cycle), which replaces
// this file. Until then the group is empty, so that everything links.
#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {

std::vector<IndicatorSpec> cycle_specs() { return {}; }

}  // namespace streams::analytics
