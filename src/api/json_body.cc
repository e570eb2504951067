#include "api/json_body.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

#include "api/errc.h"

namespace streams::api {

Result<JsonBody> JsonBody::parse(const Request& request, std::initializer_list<std::string_view> known) {
  std::string_view type = request.header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type != "application/json") {
    return make_error(errc::bad_request, "header 'Content-Type': the body must be application/json");
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(request.body).get(root) != simdjson::SUCCESS) {
    return make_error(errc::bad_request, "the body is not valid JSON (UTF-8)");
  }
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) return make_error(errc::bad_request, "the body must be a JSON object");
  JsonBody body;
  for (auto field : object) {
    const std::string_view name = field.key;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string names;
      for (std::string_view k : known) names += (names.empty() ? "" : ", ") + std::string(k);
      return make_error(errc::unknown_parameter,
                        fmt::format("unknown body member '{}' (this endpoint takes: {})", name.substr(0, 64), names));
    }
    std::string_view value;
    if (field.value.get(value) != simdjson::SUCCESS) {
      return make_error(errc::invalid_parameter, fmt::format("body member '{}': must be a string", name));
    }
    if (!body.members_.emplace(std::string(name), std::string(value)).second) {
      return make_error(errc::invalid_parameter, fmt::format("body member '{}': given twice", name));
    }
  }
  return body;
}

std::optional<std::string> JsonBody::get(std::string_view name) const {
  auto found = members_.find(name);
  if (found == members_.end()) return std::nullopt;
  return found->second;
}

Result<std::string> JsonBody::required(std::string_view name) const {
  auto found = members_.find(name);
  if (found == members_.end()) {
    return make_error(errc::missing_parameter, fmt::format("body member '{}' is required", name));
  }
  return found->second;
}

}  // namespace streams::api
