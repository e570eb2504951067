#include "cache/redis/redis_cache.h"

#include <charconv>

#include "core/log.h"

namespace streams::cache {

RedisCache::RedisCache(std::shared_ptr<RedisConnection> connection, RedisCacheOptions options)
    : connection_(std::move(connection)), options_(std::move(options)) {}

std::shared_ptr<const std::string> RedisCache::get(std::string_view key) {
  auto reply = connection_->command({"GET", options_.prefix + std::string(key)});
  if (!reply || reply->type != RedisReply::Type::string) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  return std::make_shared<const std::string>(std::move(reply->str));
}

void RedisCache::put(std::string_view key, std::shared_ptr<const std::string> value) {
  if (!value || value->size() > options_.max_value_bytes) return;
  auto reply = connection_->command(
      {"SET", options_.prefix + std::string(key), *value, "PX", std::to_string(options_.ttl.count())});
  if (reply) insertions_.fetch_add(1, std::memory_order_relaxed);
}

void RedisCache::clear() {
  std::string cursor = "0";
  do {
    auto reply = connection_->command({"SCAN", cursor, "MATCH", options_.prefix + "*", "COUNT", "500"});
    if (!reply || reply->elements.size() != 2) return;
    cursor = reply->elements[0].str;
    std::vector<std::string> unlink{"UNLINK"};
    for (const RedisReply& k : reply->elements[1].elements) unlink.push_back(k.str);
    if (unlink.size() > 1) (void)connection_->command(unlink);
  } while (cursor != "0");
}

CacheStats RedisCache::stats() const {
  CacheStats s;
  s.hits = hits_.load(std::memory_order_relaxed);
  s.misses = misses_.load(std::memory_order_relaxed);
  s.insertions = insertions_.load(std::memory_order_relaxed);
  return s;  // entries, bytes and evictions live in Redis (INFO), not counted here
}

bool RedisCache::available() { return connection_->ping(); }

// ---- versions ------------------------------------------------------------------------------

namespace {
std::uint64_t to_u64(const RedisReply& r) {
  if (r.type == RedisReply::Type::integer) return static_cast<std::uint64_t>(r.integer);
  if (r.type != RedisReply::Type::string) return 0;
  std::uint64_t v = 0;
  std::from_chars(r.str.data(), r.str.data() + r.str.size(), v);
  return v;
}
}  // namespace

RedisVersions::RedisVersions(std::shared_ptr<RedisConnection> connection, std::string prefix)
    : connection_(std::move(connection)), prefix_(std::move(prefix)) {}

std::optional<std::uint64_t> RedisVersions::read(const std::string& key) const {
  auto reply = connection_->command({"MGET", prefix_ + "epoch", prefix_ + key});
  if (!reply || reply->elements.size() != 2) return std::nullopt;
  return (to_u64(reply->elements[0]) << 32) + (to_u64(reply->elements[1]) & 0xffffffffULL);
}

void RedisVersions::incr(const std::string& key) {
  auto reply = connection_->command({"INCR", prefix_ + key});
  if (!reply) log::warn("redis: version bump of {} lost ({}); cached entries expire by TTL", key, reply.error().message);
}

std::uint64_t RedisVersions::generation() const {
  if (auto v = read("generation")) return *v;
  return Versions::generation();
}
std::uint64_t RedisVersions::reference() const {
  if (auto v = read("ref")) return *v;
  return Versions::reference();
}
std::uint64_t RedisVersions::symbol(const Symbol& symbol) const {
  if (auto v = read("sym:" + symbol.str())) return *v;
  return Versions::symbol(symbol);
}
void RedisVersions::bump_symbol(const Symbol& symbol) {
  Versions::bump_symbol(symbol);
  incr("sym:" + symbol.str());
  incr("generation");
}
void RedisVersions::bump_reference() {
  Versions::bump_reference();
  incr("ref");
  incr("generation");
}
void RedisVersions::bump_all() {
  Versions::bump_all();
  incr("epoch");
}

}  // namespace streams::cache
