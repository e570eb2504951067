#pragma once
// The SPEC grammar of `streams analyze --op` and GET /api/v1/analyze?op= (BRIEF §4):
//
//   spec  := name [ "(" [ arg { "," arg } ] ")" ]
//   arg   := key "=" value
//   value := number | "true" | "false" | "none" | bare-name
//   name, key := letter-or-underscore { letter | digit | "_" }
//   number    := [+-] digits [ "." digits ] [ (e|E) [+-] digits ]   (also ".5", "5.")
//   bare-name := { letter | digit | "_" | "-" | "." | ":" }          (db4, 1:64, cmor1.5-1.0, ols-inefficient)
//
// Blanks around tokens are ignored. Names are matched case-insensitively (stored lower-case);
// keys are case-sensitive, as python TA-Lib's keywords are. Errors name the 1-based character
// position. The op's output key is the SPEC text exactly as given.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/op.h"
#include "core/result.h"

namespace streams::analytics {

struct ParsedSpec {
  std::string text;  // the SPEC as given: the key of its result
  std::string name;  // op name, lower case
  std::vector<std::pair<std::string, ParamValue>> args;  // in order of appearance, keys unique
};

Result<ParsedSpec> parse_spec(std::string_view text);

}  // namespace streams::analytics
