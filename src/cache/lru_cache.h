#pragma once
// LruCache: the in-process Cache. A fixed number of shards, each an LRU list under its own mutex,
// so that threads serving different keys rarely meet. Bounded by bytes (keys + values) and
// optionally by age: an entry older than max_age is a miss (it catches writes this process cannot
// see, e.g. `streams ingest` run beside `streams serve` on the same SQLite file).

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "cache/cache.h"

namespace streams::cache {

struct LruOptions {
  std::size_t max_bytes = 64u << 20;
  std::size_t shards = 8;
  std::chrono::milliseconds max_age{0};  // 0 = entries never expire by age
};

class LruCache final : public Cache {
 public:
  explicit LruCache(LruOptions options = {});
  ~LruCache() override;

  std::shared_ptr<const std::string> get(std::string_view key) override;
  void put(std::string_view key, std::shared_ptr<const std::string> value) override;
  void clear() override;
  [[nodiscard]] CacheStats stats() const override;

 private:
  struct Shard;
  Shard& shard_for(std::string_view key);

  LruOptions options_;
  std::size_t shard_budget_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace streams::cache
