#pragma once
// Api: the HTTP API without a transport. server/ hands it each request whose path it owns and
// writes back the response; Api matches the route table, runs the handler, and keeps the request
// metrics that /metrics shows.
//
// Life cycle: built once at start-up over a store (and optionally a cache) that outlive it.
// Thread safety: handle() and record() may be called from any number of threads at once.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "api/message.h"
#include "api/metrics.h"
#include "api/router.h"
#include "api/services.h"

namespace streams::api {

class Api {
 public:
  // `cache` may be null (no response cache); with a cache, `versions` must be given.
  // `auth` may be null (no accounts: every market-data route open; auth and favourites answer 401).
  Api(store::Store& store, cache::Cache* cache, const cache::Versions* versions, Limits limits = {},
      auth::Authenticator* auth = nullptr);

  // Whether `path` belongs to the API ("/api/…", "/healthz", "/readyz", "/metrics"); other paths
  // are the dashboard's static files.
  [[nodiscard]] static bool owns(std::string_view path);

  struct Handled {
    Response response;
    std::size_t route = 0;  // metrics label of the matched route
  };
  // Routes, checks the route's Access (session cookie, CSRF header) and runs the handler. 404
  // JSON for an unknown path, 405 with Allow for a wrong method, 401 without a needed session,
  // 403 without the session's CSRF token on a state-changing request.
  Handled handle(Request request);

  // Records one finished request (the server measures the time, the API knows the route).
  void record(std::size_t route, int status, std::chrono::microseconds elapsed) {
    metrics_.record(route, status, elapsed);
  }
  [[nodiscard]] std::size_t static_route() const { return static_route_; }
  [[nodiscard]] std::size_t unmatched_route() const { return unmatched_route_; }
  [[nodiscard]] Metrics& metrics() { return metrics_; }
  // The response cache (null without one); the transport caches compressed bodies in it.
  [[nodiscard]] cache::Cache* response_cache() const { return services_.cache; }
  [[nodiscard]] const Router& router() const { return router_; }

 private:
  std::optional<Response> check_access(const Route& route, Request& request);

  Router router_;
  Metrics metrics_;
  Services services_;
  std::size_t static_route_ = 0;
  std::size_t unmatched_route_ = 0;
};

}  // namespace streams::api
