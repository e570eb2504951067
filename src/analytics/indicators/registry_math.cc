#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {

std::vector<IndicatorSpec> math_specs() { return {}; }

}  // namespace streams::analytics
