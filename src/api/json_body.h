#pragma once
// Request bodies of the state-changing endpoints: one JSON object of string members.

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "api/message.h"
#include "core/result.h"

namespace streams::api {

class JsonBody {
 public:
  // Parses the body: Content-Type must be application/json (a cross-site form cannot send that
  // without a CORS preflight), the body one object whose members are all in `known` and strings.
  // Errors name the member (`body member 'name': …`).
  static Result<JsonBody> parse(const Request& request, std::initializer_list<std::string_view> known);

  // The member's value, or nullopt when absent.
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  // The member's value; fails (missing_parameter) when absent.
  [[nodiscard]] Result<std::string> required(std::string_view name) const;

 private:
  std::map<std::string, std::string, std::less<>> members_;
};

}  // namespace streams::api
