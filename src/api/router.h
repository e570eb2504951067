#pragma once
// The route table: method + path pattern → handler. Patterns are literal segments and `{name}`
// placeholders ("/api/v1/macro/{series}"); a placeholder matches one non-empty segment.
// build_routes() (routes.cc) is the one place every endpoint is listed.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/message.h"
#include "api/services.h"

namespace streams::api {

class PathParams {
 public:
  void add(std::string_view name, std::string value) { values_.emplace_back(name, std::move(value)); }
  // The value of placeholder `name`; empty when the pattern has none of that name.
  [[nodiscard]] std::string_view get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string_view, std::string>> values_;
};

using Handler = Response (*)(const Request&, const PathParams&, const Services&);

// Who may call a route (Api::handle enforces it before the handler runs).
enum class Access {
  market_data,  // anyone in auth mode optional; a signed-in user in mode required
  open,         // anyone: health, metrics, the OpenAPI document, login, me
  signed_in,    // a signed-in user; methods other than GET/HEAD also need the X-CSRF-Token header
};

struct Route {
  std::string_view method;   // "GET"
  std::string_view pattern;  // "/api/v1/bars"
  Handler handler = nullptr;
  Access access = Access::market_data;
};

struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed };
  Kind kind = Kind::not_found;
  std::size_t route = 0;  // index into the table when found
  PathParams params;
  std::string allow;  // "GET, HEAD" when method_not_allowed
};

class Router {
 public:
  explicit Router(std::vector<Route> routes);
  // HEAD matches GET routes (the server drops the body).
  [[nodiscard]] RouteMatch match(std::string_view method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string_view>> patterns_;  // each route's pattern split into segments
};

// Every endpoint of the API (routes.cc).
std::vector<Route> build_routes();

}  // namespace streams::api
