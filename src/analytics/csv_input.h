#pragma once
// CSV text → OpInput for `streams analyze` (BRIEF §4). Pure parsing of text already read; the
// caller does the I/O. Format: a header naming at least `date` and `close` (any order or case,
// extra columns kept under their lower-case names), ISO dates (YYYY-MM-DD) strictly ascending,
// one row per line, empty or non-numeric cells NaN; blank lines skipped; a cell may be quoted.

#include <string_view>

#include "analytics/op.h"
#include "core/result.h"

namespace streams::analytics {

// `name` becomes OpInput::name (the file stem: corr's symbol); `label` prefixes errors as
// "label:line: message" (the path, or "-" for standard input).
Result<OpInput> parse_csv_input(std::string_view text, std::string_view name, std::string_view label);

}  // namespace streams::analytics
