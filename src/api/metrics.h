#pragma once
// Request metrics for GET /metrics (Prometheus text format 0.0.4): requests by route and status,
// and a latency histogram per route. Routes are a fixed list of labels given at construction
// (the route table's patterns plus "static" and "unmatched"), so recording is lock-free: a few
// relaxed atomic increments.
//
// Thread safety: record() and render() may run concurrently from any thread.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cache/cache.h"

namespace streams::api {

class Metrics {
 public:
  // Latency bucket upper bounds, in microseconds.
  static constexpr std::array<std::int64_t, 14> bucket_bounds_us{100,    250,    500,     1'000,   2'500,
                                                                  5'000,  10'000, 25'000,  50'000,  100'000,
                                                                  250'000, 500'000, 1'000'000, 5'000'000};

  explicit Metrics(std::vector<std::string> routes);
  ~Metrics();

  // Index of `label` in the route list; the index of "unmatched" when absent.
  [[nodiscard]] std::size_t route_index(std::string_view label) const;
  void record(std::size_t route, int status, std::chrono::microseconds elapsed);

  // The exposition text; includes the cache's counters when `cache` is given.
  [[nodiscard]] std::string render(const cache::CacheStats* cache) const;

  // Requests recorded for a route and status (tests, /readyz).
  [[nodiscard]] std::uint64_t count(std::size_t route, int status) const;

 private:
  struct RouteCounters;
  std::vector<std::string> routes_;
  std::vector<std::unique_ptr<RouteCounters>> counters_;
  std::size_t unmatched_ = 0;
};

}  // namespace streams::api
