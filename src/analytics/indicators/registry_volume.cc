// Placeholder: TA-Lib's Volume Indicators group is declared on its own branch (ta-momentum), which replaces
// this file. Until then the group is empty, so that everything links.
#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {

std::vector<IndicatorSpec> volume_specs() { return {}; }

}  // namespace streams::analytics
