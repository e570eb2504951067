#pragma once
// The query cache interface (BRIEF §2, "Redis … 2. Query cache"): already-serialised API responses
// keyed by a normalised query string. Implementations: LruCache (in-process, here) and, later, a
// Redis-backed one. Keys must carry everything that decides the value, including the store
// versions the value was computed from (see versions.h), so a write never needs to find the
// entries it invalidates: they simply stop being asked for and age out.
//
// Thread safety: every method may be called from any thread concurrently.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace streams::cache {

struct CacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t insertions = 0;
  std::uint64_t evictions = 0;  // dropped to stay within the budget or past their age
  std::uint64_t entries = 0;
  std::uint64_t bytes = 0;  // keys + values
};

class Cache {
 public:
  virtual ~Cache() = default;
  Cache() = default;
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  // The value stored under `key`, or null. Values are immutable and shared: a hit costs no copy.
  virtual std::shared_ptr<const std::string> get(std::string_view key) = 0;
  // Stores (or replaces) the value under `key`. A value larger than the budget is not stored.
  virtual void put(std::string_view key, std::shared_ptr<const std::string> value) = 0;
  virtual void clear() = 0;
  [[nodiscard]] virtual CacheStats stats() const = 0;
  // What backs the cache, for /readyz: "in-process" or "redis".
  [[nodiscard]] virtual std::string_view kind() const { return "in-process"; }
  // False while a remote backend is unreachable: gets miss and puts are dropped meanwhile (reads
  // go to the store). May probe the backend; cheap enough for a readiness check.
  [[nodiscard]] virtual bool available() { return true; }
};

}  // namespace streams::cache
