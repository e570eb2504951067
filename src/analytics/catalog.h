#pragma once
// The catalogue of everything `streams analyze` can run, for `--list` and the API's listing:
// every TA-Lib function (group, inputs, parameters with defaults and ranges, outputs) and every
// other op, read from the two registries. Pure formatting into a string.

#include <string>

namespace streams::analytics {

std::string catalog_text();  // human-readable, one block per function, grouped
std::string catalog_json();  // {"talib": [...], "ops": [...]}

}  // namespace streams::analytics
