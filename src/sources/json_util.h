#pragma once
// simdjson helpers shared by the provider parsers (internal to the sources module).

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "sources/errc.h"

namespace streams::sources::json {

// Parses `body` into `doc` (owned by `parser`); a malformed body becomes errc::malformed naming `what`.
inline Status parse(simdjson::dom::parser& parser, std::string_view body, simdjson::dom::element& doc,
                    std::string_view what) {
  if (body.empty()) return make_error(errc::malformed, std::string(what) + ": empty body");
  simdjson::padded_string padded(body);
  if (auto error = parser.parse(padded).get(doc); error) {
    return make_error(errc::malformed, std::string(what) + ": not valid JSON (" + simdjson::error_message(error) + ")");
  }
  return {};
}

inline std::optional<double> number(simdjson::dom::element e, std::string_view key) {
  double value = 0;
  if (e[key].get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

inline std::optional<std::string_view> string(simdjson::dom::element e, std::string_view key) {
  std::string_view value;
  if (e[key].get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

inline Error field_error(std::string_view what, std::size_t index, std::string_view field, std::string_view expected) {
  return make_error(errc::malformed, std::string(what) + "[" + std::to_string(index) + "]: field '" +
                                         std::string(field) + "' missing or not " + std::string(expected));
}

}  // namespace streams::sources::json
