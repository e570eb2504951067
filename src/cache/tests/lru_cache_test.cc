#include "cache/lru_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace streams::cache {
namespace {

std::shared_ptr<const std::string> text(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

TEST(LruCacheTest, MissThenHitReturnsTheSameSharedValue) {
  LruCache cache;
  EXPECT_EQ(cache.get("k"), nullptr);
  auto value = text("body");
  cache.put("k", value);
  auto hit = cache.get("k");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(*hit, "body");
  EXPECT_EQ(hit.get(), value.get());  // no copy
  const CacheStats stats = cache.stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.insertions, 1u);
  EXPECT_EQ(stats.entries, 1u);
}

TEST(LruCacheTest, PutReplacesAnExistingKey) {
  LruCache cache;
  cache.put("k", text("one"));
  cache.put("k", text("two"));
  EXPECT_EQ(*cache.get("k"), "two");
  EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(LruCacheTest, EvictsTheLeastRecentlyUsedWhenOverBudget) {
  // One shard so that the order is global; room for about three 100-byte values.
  LruCache cache(LruOptions{.max_bytes = 3 * (100 + 1 + 64) + 10, .shards = 1});
  cache.put("a", text(std::string(100, 'a')));
  cache.put("b", text(std::string(100, 'b')));
  cache.put("c", text(std::string(100, 'c')));
  ASSERT_NE(cache.get("a"), nullptr);  // a is now the most recent; b the least
  cache.put("d", text(std::string(100, 'd')));
  EXPECT_EQ(cache.get("b"), nullptr);
  EXPECT_NE(cache.get("a"), nullptr);
  EXPECT_NE(cache.get("c"), nullptr);
  EXPECT_NE(cache.get("d"), nullptr);
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_EQ(cache.stats().entries, 3u);
}

TEST(LruCacheTest, ValueLargerThanTheBudgetIsNotStored) {
  LruCache cache(LruOptions{.max_bytes = 1000, .shards = 1});
  cache.put("big", text(std::string(5000, 'x')));
  EXPECT_EQ(cache.get("big"), nullptr);
  EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(LruCacheTest, NullValueIsIgnored) {
  LruCache cache;
  cache.put("k", nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(LruCacheTest, EntriesOlderThanMaxAgeAreMisses) {
  LruCache cache(LruOptions{.max_age = std::chrono::milliseconds(20)});
  cache.put("k", text("v"));
  EXPECT_NE(cache.get("k"), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_EQ(cache.get("k"), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(LruCacheTest, ClearDropsEverything) {
  LruCache cache;
  for (int i = 0; i < 50; ++i) cache.put("k" + std::to_string(i), text("v"));
  EXPECT_EQ(cache.stats().entries, 50u);
  cache.clear();
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
  EXPECT_EQ(cache.get("k1"), nullptr);
}

TEST(LruCacheTest, ConcurrentReadersAndWritersKeepTheBudget) {
  LruCache cache(LruOptions{.max_bytes = 64 << 10, .shards = 4});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = "k" + std::to_string((i * 7 + t) % 300);
        if (auto v = cache.get(key)) {
          EXPECT_EQ(*v, key);
        } else {
          cache.put(key, text(key));
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(cache.stats().bytes, 64u << 10);
  EXPECT_EQ(cache.stats().hits + cache.stats().misses, 8000u);
}

}  // namespace
}  // namespace streams::cache
