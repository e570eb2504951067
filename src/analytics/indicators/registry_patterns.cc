// Placeholder: TA-Lib's Pattern Recognition group is declared on its own branch (ta-patterns), which replaces
// this file. Until then the group is empty, so that everything links.
#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {

std::vector<IndicatorSpec> pattern_specs() { return {}; }

}  // namespace streams::analytics
