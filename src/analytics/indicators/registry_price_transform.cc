#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {

std::vector<IndicatorSpec> price_transform_specs() { return {}; }

}  // namespace streams::analytics
