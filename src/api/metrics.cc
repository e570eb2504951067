#include "api/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace streams::api {
namespace {
constexpr int min_status = 100;
constexpr int max_status = 599;
}  // namespace

struct Metrics::RouteCounters {
  std::array<std::atomic<std::uint64_t>, max_status - min_status + 1> by_status{};
  std::array<std::atomic<std::uint64_t>, bucket_bounds_us.size() + 1> buckets{};  // last: +Inf
  std::atomic<std::uint64_t> sum_us{0};
  std::atomic<std::uint64_t> total{0};
};

Metrics::Metrics(std::vector<std::string> routes) : routes_(std::move(routes)) {
  if (std::find(routes_.begin(), routes_.end(), "unmatched") == routes_.end()) routes_.emplace_back("unmatched");
  unmatched_ = static_cast<std::size_t>(std::find(routes_.begin(), routes_.end(), "unmatched") - routes_.begin());
  for (std::size_t i = 0; i < routes_.size(); ++i) counters_.push_back(std::make_unique<RouteCounters>());
}

Metrics::~Metrics() = default;

std::size_t Metrics::route_index(std::string_view label) const {
  auto found = std::find(routes_.begin(), routes_.end(), label);
  return found == routes_.end() ? unmatched_ : static_cast<std::size_t>(found - routes_.begin());
}

void Metrics::record(std::size_t route, int status, std::chrono::microseconds elapsed) {
  if (route >= counters_.size()) route = unmatched_;
  RouteCounters& c = *counters_[route];
  status = std::clamp(status, min_status, max_status);
  c.by_status[static_cast<std::size_t>(status - min_status)].fetch_add(1, std::memory_order_relaxed);
  const std::int64_t us = std::max<std::int64_t>(0, elapsed.count());
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(bucket_bounds_us.begin(), bucket_bounds_us.end(), us) - bucket_bounds_us.begin());
  c.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  c.sum_us.fetch_add(static_cast<std::uint64_t>(us), std::memory_order_relaxed);
  c.total.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Metrics::count(std::size_t route, int status) const {
  if (route >= counters_.size() || status < min_status || status > max_status) return 0;
  return counters_[route]->by_status[static_cast<std::size_t>(status - min_status)].load(std::memory_order_relaxed);
}

std::string Metrics::render(const cache::CacheStats* cache) const {
  std::string out;
  auto it = std::back_inserter(out);
  out += "# HELP streams_http_requests_total HTTP requests by route pattern and status.\n";
  out += "# TYPE streams_http_requests_total counter\n";
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    for (int status = min_status; status <= max_status; ++status) {
      const std::uint64_t n = count(r, status);
      if (n != 0) fmt::format_to(it, "streams_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", routes_[r], status, n);
    }
  }
  out += "# HELP streams_http_request_duration_seconds Time from a complete request to its response.\n";
  out += "# TYPE streams_http_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const RouteCounters& c = *counters_[r];
    const std::uint64_t total = c.total.load(std::memory_order_relaxed);
    if (total == 0) continue;
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < bucket_bounds_us.size(); ++b) {
      cumulative += c.buckets[b].load(std::memory_order_relaxed);
      fmt::format_to(it, "streams_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", routes_[r],
                     static_cast<double>(bucket_bounds_us[b]) / 1e6, cumulative);
    }
    cumulative += c.buckets.back().load(std::memory_order_relaxed);
    fmt::format_to(it, "streams_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", routes_[r],
                   cumulative);
    fmt::format_to(it, "streams_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", routes_[r],
                   static_cast<double>(c.sum_us.load(std::memory_order_relaxed)) / 1e6);
    fmt::format_to(it, "streams_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", routes_[r], cumulative);
  }
  if (cache != nullptr) {
    out += "# HELP streams_cache_requests_total Response cache lookups by result.\n";
    out += "# TYPE streams_cache_requests_total counter\n";
    fmt::format_to(it, "streams_cache_requests_total{{result=\"hit\"}} {}\n", cache->hits);
    fmt::format_to(it, "streams_cache_requests_total{{result=\"miss\"}} {}\n", cache->misses);
    out += "# HELP streams_cache_evictions_total Response cache entries dropped for space or age.\n";
    out += "# TYPE streams_cache_evictions_total counter\n";
    fmt::format_to(it, "streams_cache_evictions_total {}\n", cache->evictions);
    out += "# HELP streams_cache_entries Response cache entries held.\n# TYPE streams_cache_entries gauge\n";
    fmt::format_to(it, "streams_cache_entries {}\n", cache->entries);
    out += "# HELP streams_cache_bytes Response cache size in bytes.\n# TYPE streams_cache_bytes gauge\n";
    fmt::format_to(it, "streams_cache_bytes {}\n", cache->bytes);
  }
  return out;
}

}  // namespace streams::api
