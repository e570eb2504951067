#pragma once
// Versions of what the store holds, so that cache keys can name the data they were computed from
// (BRIEF §2: "invalidated by per-symbol versions on ingest"). A symbol's version changes when a
// write touches its bars or events; the reference version when instruments or macro series change.
// Versions only grow, and every change takes a fresh number from one counter, so a version never
// repeats even across symbols.
//
// Thread safety: any thread may read or bump concurrently.

#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/symbol.h"

namespace streams::cache {

// The in-process versions. cache/redis/redis_versions.h overrides every method to keep the
// versions in Redis, shared by every process that uses the same Redis.
class Versions {
 public:
  Versions() = default;
  virtual ~Versions() = default;
  Versions(const Versions&) = delete;
  Versions& operator=(const Versions&) = delete;

  [[nodiscard]] virtual std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  [[nodiscard]] virtual std::uint64_t reference() const { return reference_.load(std::memory_order_acquire); }
  [[nodiscard]] virtual std::uint64_t symbol(const Symbol& symbol) const;

  virtual void bump_symbol(const Symbol& symbol);
  virtual void bump_reference();
  // Everything changed (migration, restore): every version moves.
  virtual void bump_all();

 private:
  std::atomic<std::uint64_t> generation_{1};
  std::atomic<std::uint64_t> reference_{1};
  std::atomic<std::uint64_t> floor_{1};  // bump_all(): symbols not in the map have this version
  mutable std::shared_mutex mutex_;      // guards symbols_
  std::unordered_map<std::string, std::uint64_t> symbols_;
};

}  // namespace streams::cache
