#include "api/api.h"

#include <fmt/format.h>

#include "api/errc.h"

namespace streams::api {
namespace {

std::vector<std::string> metric_labels(const Router& router) {
  std::vector<std::string> labels;
  for (const Route& route : router.routes()) labels.emplace_back(route.pattern);
  labels.emplace_back("static");
  labels.emplace_back("unmatched");
  return labels;
}

}  // namespace

Api::Api(store::Store& store, cache::Cache* cache, const cache::Versions* versions, Limits limits,
         auth::Authenticator* auth)
    : router_(build_routes()),
      metrics_(metric_labels(router_)),
      services_{store, versions != nullptr ? cache : nullptr, versions, &metrics_, limits, auth} {
  static_route_ = metrics_.route_index("static");
  unmatched_route_ = metrics_.route_index("unmatched");
}

std::optional<Response> Api::check_access(const Route& route, Request& request) {
  auth::Authenticator* auth = services_.auth;
  if (auth == nullptr) {
    if (route.access == Access::signed_in) {
      return error_response(make_error(errc::unauthorized, "this server has no user accounts"));
    }
    return std::nullopt;
  }
  const std::string_view token = auth::Authenticator::token_from_cookies(request.header("cookie"));
  if (!token.empty()) {
    auto identity = auth->authenticate(token);
    if (!identity) return error_response(identity.error());
    request.identity = std::move(*identity);
  }
  const bool needs_session =
      route.access == Access::signed_in || (route.access == Access::market_data && auth->mode() == auth::Mode::required);
  if (needs_session && !request.identity) {
    return error_response(make_error(errc::unauthorized, "sign in first (POST /api/v1/auth/login)"));
  }
  const bool safe = request.method == "GET" || request.method == "HEAD";
  if (route.access == Access::signed_in && !safe &&
      !auth::Authenticator::csrf_ok(*request.identity, request.header("x-csrf-token"))) {
    return error_response(make_error(errc::forbidden, "header 'X-CSRF-Token': missing or not this session's token"));
  }
  return std::nullopt;
}

bool Api::owns(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz" || path == "/metrics";
}

Api::Handled Api::handle(Request request) {
  RouteMatch match = router_.match(request.method, request.path);
  switch (match.kind) {
    case RouteMatch::Kind::not_found:
      return {error_response(make_error(errc::not_found, fmt::format("no endpoint at '{}'", request.path))),
              unmatched_route_};
    case RouteMatch::Kind::method_not_allowed: {
      Response response = error_response(make_error(
          errc::method_not_allowed, fmt::format("method {} is not allowed on '{}' (allowed: {})", request.method,
                                                request.path, match.allow)));
      response.headers.emplace_back("Allow", match.allow);
      return {std::move(response), unmatched_route_};
    }
    case RouteMatch::Kind::found: break;
  }
  const Route& route = router_.routes()[match.route];
  if (auto denied = check_access(route, request); denied) return {std::move(*denied), match.route};
  return {route.handler(request, match.params, services_), match.route};
}

}  // namespace streams::api
