#include "analytics/indicators/indicator_registry.h"

namespace streams::analytics {

std::vector<IndicatorSpec> overlap_studies_specs() { return {}; }

}  // namespace streams::analytics
