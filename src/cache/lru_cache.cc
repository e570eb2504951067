#include "cache/lru_cache.h"

#include <algorithm>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace streams::cache {
namespace {

using Clock = std::chrono::steady_clock;

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

constexpr std::size_t entry_overhead = 64;  // list node, map node, control blocks (approximate)

}  // namespace

struct LruCache::Shard {
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> value;
    Clock::time_point stored;
    std::size_t bytes = 0;
  };
  using List = std::list<Entry>;

  std::mutex mutex;
  List lru;  // most recently used first
  std::unordered_map<std::string_view, List::iterator, TransparentHash, std::equal_to<>> index;
  std::size_t bytes = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t insertions = 0;
  std::uint64_t evictions = 0;

  void erase(List::iterator it) {
    bytes -= it->bytes;
    index.erase(std::string_view(it->key));
    lru.erase(it);
  }
};

LruCache::LruCache(LruOptions options) : options_(options) {
  options_.shards = std::max<std::size_t>(1, options_.shards);
  shard_budget_ = options_.max_bytes / options_.shards;
  shards_.reserve(options_.shards);
  for (std::size_t i = 0; i < options_.shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

LruCache::~LruCache() = default;

LruCache::Shard& LruCache::shard_for(std::string_view key) {
  return *shards_[std::hash<std::string_view>{}(key) % shards_.size()];
}

std::shared_ptr<const std::string> LruCache::get(std::string_view key) {
  Shard& shard = shard_for(key);
  const std::lock_guard lock(shard.mutex);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) {
    ++shard.misses;
    return nullptr;
  }
  auto it = found->second;
  if (options_.max_age.count() > 0 && Clock::now() - it->stored > options_.max_age) {
    shard.erase(it);
    ++shard.evictions;
    ++shard.misses;
    return nullptr;
  }
  shard.lru.splice(shard.lru.begin(), shard.lru, it);
  ++shard.hits;
  return it->value;
}

void LruCache::put(std::string_view key, std::shared_ptr<const std::string> value) {
  if (!value) return;
  const std::size_t bytes = key.size() + value->size() + entry_overhead;
  if (bytes > shard_budget_) return;
  Shard& shard = shard_for(key);
  const std::lock_guard lock(shard.mutex);
  if (auto found = shard.index.find(key); found != shard.index.end()) shard.erase(found->second);
  shard.lru.push_front(Shard::Entry{std::string(key), std::move(value), Clock::now(), bytes});
  shard.index.emplace(std::string_view(shard.lru.front().key), shard.lru.begin());
  shard.bytes += bytes;
  ++shard.insertions;
  while (shard.bytes > shard_budget_) {
    shard.erase(std::prev(shard.lru.end()));
    ++shard.evictions;
  }
}

void LruCache::clear() {
  for (auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    shard->index.clear();
    shard->lru.clear();
    shard->bytes = 0;
  }
}

CacheStats LruCache::stats() const {
  CacheStats out;
  for (const auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    out.hits += shard->hits;
    out.misses += shard->misses;
    out.insertions += shard->insertions;
    out.evictions += shard->evictions;
    out.entries += shard->lru.size();
    out.bytes += shard->bytes;
  }
  return out;
}

}  // namespace streams::cache
