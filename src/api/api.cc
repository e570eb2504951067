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

Api::Api(store::Store& store, cache::Cache* cache, const cache::Versions* versions, Limits limits)
    : router_(build_routes()),
      metrics_(metric_labels(router_)),
      services_{store, versions != nullptr ? cache : nullptr, versions, &metrics_, limits} {
  static_route_ = metrics_.route_index("static");
  unmatched_route_ = metrics_.route_index("unmatched");
}

bool Api::owns(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz" || path == "/metrics";
}

Api::Handled Api::handle(const Request& request) {
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
  return {router_.routes()[match.route].handler(request, match.params, services_), match.route};
}

}  // namespace streams::api
