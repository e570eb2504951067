#pragma once
// The `scales=` argument of cwt: "a:b" (a, a+1, ..., b inclusive, like numpy.arange(a, b+1)),
// "a:b:step", or a single number. Every scale must be finite and > 0.

#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::analytics::wavelets {

constexpr std::size_t k_max_scales = 4096;

Result<std::vector<double>> parse_scales(std::string_view text);

}  // namespace streams::analytics::wavelets
