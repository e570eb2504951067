// Placeholder: the wavelet ops (wavedec, waverec, cwt) come from the `wavelets` branch, which
// replaces this file.
#include "analytics/ops.h"

namespace streams::analytics {

std::vector<OpSpec> wavelet_ops() { return {}; }

}  // namespace streams::analytics
