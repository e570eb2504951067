#pragma once
// The Redis query cache and the Redis-held versions its keys name (BRIEF §2, "Redis … 2").
//
// RedisCache: GET/SET … PX ttl under a key prefix; values are the serialised responses. While
// Redis is unreachable every get() misses and put() is dropped, so requests go to the store; the
// connection retries with back-off and the cache resumes on its own. available() pings (for
// /readyz). Entries expire after `ttl` whatever happens, which bounds how stale a value can be if
// a version bump was lost in an outage.
//
// RedisVersions: per-symbol and reference versions as Redis counters (INCR), so `streams ingest`
// and every `streams serve` sharing the Redis see the same versions and a write anywhere
// invalidates the cached responses everywhere. A version is (epoch << 32) + counter, where the
// epoch moves on bump_all(). When Redis is unreachable the in-process versions answer (the cache
// misses then anyway).

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

#include "cache/cache.h"
#include "cache/redis/connection.h"
#include "cache/versions.h"

namespace streams::cache {

struct RedisCacheOptions {
  std::string prefix = "streams:q:";
  std::chrono::milliseconds ttl{std::chrono::minutes(10)};
  std::size_t max_value_bytes = 16u << 20;  // larger values are not stored
};

class RedisCache final : public Cache {
 public:
  RedisCache(std::shared_ptr<RedisConnection> connection, RedisCacheOptions options = {});

  std::shared_ptr<const std::string> get(std::string_view key) override;
  void put(std::string_view key, std::shared_ptr<const std::string> value) override;
  // Deletes every key under the prefix (SCAN + UNLINK), never the whole database.
  void clear() override;
  [[nodiscard]] CacheStats stats() const override;
  [[nodiscard]] std::string_view kind() const override { return "redis"; }
  [[nodiscard]] bool available() override;

 private:
  std::shared_ptr<RedisConnection> connection_;
  RedisCacheOptions options_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> insertions_{0};
};

class RedisVersions final : public Versions {
 public:
  explicit RedisVersions(std::shared_ptr<RedisConnection> connection, std::string prefix = "streams:v:");

  [[nodiscard]] std::uint64_t generation() const override;
  [[nodiscard]] std::uint64_t reference() const override;
  [[nodiscard]] std::uint64_t symbol(const Symbol& symbol) const override;
  void bump_symbol(const Symbol& symbol) override;
  void bump_reference() override;
  void bump_all() override;

 private:
  // (epoch << 32) + value of `key`, or nullopt when Redis did not answer.
  [[nodiscard]] std::optional<std::uint64_t> read(const std::string& key) const;
  void incr(const std::string& key);

  std::shared_ptr<RedisConnection> connection_;
  std::string prefix_;
};

}  // namespace streams::cache
