// Integration tests of the Redis roles against a real Redis (the `redis` CTest fixture; the outage
// test runs a Redis of its own so that killing it disturbs no other test).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <random>
#include <thread>

#include "cache/redis/connection.h"
#include "cache/redis/redis_buffer.h"
#include "cache/redis/redis_cache.h"
#include "cache/redis/redis_pubsub.h"

namespace streams::cache {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

std::map<std::string, std::string> read_env(const std::filesystem::path& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (auto eq = line.find('='); eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

// The fixture's URL; exits with 77 (skipped) when the fixture did not run.
RedisOptions fixture_options() {
  const char* env = std::getenv("STREAMS_TEST_REDIS_ENV");
  auto values = env ? read_env(env) : std::map<std::string, std::string>{};
  if (values.count("STREAMS_TEST_REDIS_URL") == 0) {
    std::fprintf(stderr, "no redis fixture (STREAMS_TEST_REDIS_ENV): skipped\n");
    std::exit(77);
  }
  RedisOptions options;
  options.url = *parse_redis_url(values["STREAMS_TEST_REDIS_URL"]);
  return options;
}

std::string unique(std::string_view base) {
  static std::mt19937_64 rng(std::random_device{}());
  return std::string(base) + std::to_string(::getpid()) + "-" + std::to_string(rng());
}

template <class F>
bool eventually(F condition, milliseconds timeout = 5000ms) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

TEST(RedisConnectionTest, CommandsAndErrorReplies) {
  RedisConnection connection(fixture_options());
  EXPECT_TRUE(connection.ping());
  const std::string key = unique("t:conn:");
  ASSERT_TRUE(connection.command({"SET", key, "v"}));
  auto got = connection.command({"GET", key});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->str, "v");
  auto bad = connection.command({"INCR", key});  // not an integer
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("not an integer"), std::string::npos) << bad.error().message;
  EXPECT_TRUE(connection.ping());  // an error reply does not break the connection
}

TEST(RedisCacheTest, PutGetAndTtl) {
  auto connection = std::make_shared<RedisConnection>(fixture_options());
  RedisCache cache(connection, RedisCacheOptions{.prefix = unique("t:q:") + ":", .ttl = 300ms});
  EXPECT_EQ(cache.kind(), "redis");
  EXPECT_TRUE(cache.available());
  EXPECT_EQ(cache.get("bars|AAPL@1"), nullptr);
  cache.put("bars|AAPL@1", std::make_shared<const std::string>("{\"close\":[1,2]}"));
  auto hit = cache.get("bars|AAPL@1");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(*hit, "{\"close\":[1,2]}");
  EXPECT_TRUE(eventually([&] { return cache.get("bars|AAPL@1") == nullptr; }, 3000ms));  // expired
  cache.put("k1", std::make_shared<const std::string>("1"));
  cache.put("k2", std::make_shared<const std::string>("2"));
  cache.clear();
  EXPECT_EQ(cache.get("k1"), nullptr);
  EXPECT_EQ(cache.get("k2"), nullptr);
  const CacheStats stats = cache.stats();
  EXPECT_GE(stats.hits, 1u);
  EXPECT_GE(stats.misses, 3u);
  EXPECT_EQ(stats.insertions, 3u);
}

TEST(RedisVersionsTest, VersionsAreSharedBetweenInstances) {
  const std::string prefix = unique("t:v:") + ":";
  RedisVersions one(std::make_shared<RedisConnection>(fixture_options()), prefix);
  RedisVersions two(std::make_shared<RedisConnection>(fixture_options()), prefix);
  const Symbol aapl = *Symbol::parse("AAPL");
  const Symbol msft = *Symbol::parse("MSFT");
  const auto a0 = two.symbol(aapl);
  const auto m0 = two.symbol(msft);
  const auto r0 = two.reference();
  one.bump_symbol(aapl);
  EXPECT_GT(two.symbol(aapl), a0);
  EXPECT_EQ(two.symbol(msft), m0);
  EXPECT_EQ(two.reference(), r0);
  one.bump_reference();
  EXPECT_GT(two.reference(), r0);
  const auto a1 = two.symbol(aapl);
  one.bump_all();
  EXPECT_GT(two.symbol(aapl), a1);
  EXPECT_GT(two.symbol(msft), m0);
}

TEST(RedisIngestBufferTest, GroupDeliveryAckAndReclaim) {
  const IngestBufferOptions options{.stream = unique("t:s:"), .group = "writers", .max_length = 1000};
  RedisIngestBuffer buffer(fixture_options(), options);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(buffer.append("batch" + std::to_string(i)));
  EXPECT_EQ(*buffer.length(), 5u);
  auto first = buffer.read("w1", 3, 100ms);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0].payload, "batch0");
  EXPECT_EQ((*first)[2].payload, "batch2");
  auto second = buffer.read("w2", 10, 100ms);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[0].payload, "batch3");
  EXPECT_EQ(*buffer.pending(), 5u);
  ASSERT_TRUE(buffer.ack({(*first)[0].id, (*first)[1].id, (*first)[2].id}));
  EXPECT_EQ(*buffer.pending(), 2u);
  EXPECT_TRUE(buffer.read("w1", 10, 10ms)->empty());
  // w2 "crashed": its two entries are re-claimed once idle.
  EXPECT_TRUE(buffer.claim_stale("w3", 60'000ms, 10)->empty());
  std::this_thread::sleep_for(30ms);
  auto claimed = buffer.claim_stale("w3", 20ms, 10);
  ASSERT_TRUE(claimed) << claimed.error().message;
  ASSERT_EQ(claimed->size(), 2u);
  EXPECT_EQ((*claimed)[0].payload, "batch3");
  EXPECT_EQ((*claimed)[1].payload, "batch4");
  ASSERT_TRUE(buffer.ack({(*claimed)[0].id, (*claimed)[1].id}));
  EXPECT_EQ(*buffer.pending(), 0u);
}

TEST(RedisIngestBufferTest, LengthIsBounded) {
  RedisIngestBuffer buffer(fixture_options(), IngestBufferOptions{.stream = unique("t:s:"), .max_length = 100});
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(buffer.append(std::to_string(i)));
  EXPECT_LE(*buffer.length(), 300u);  // MAXLEN ~ trims whole macro nodes: about, not exactly, 100
  EXPECT_GE(*buffer.length(), 100u);
}

TEST(RedisPubSubTest, SubscribersReceivePublishedMessages) {
  auto options = fixture_options();
  RedisPubSub pubsub(std::make_shared<RedisConnection>(options), options);
  const std::string channel = unique("t:ch:");
  std::mutex mutex;
  std::vector<std::string> got;
  auto subscription = pubsub.subscribe(channel, [&](std::string_view m) {
    const std::lock_guard lock(mutex);
    got.emplace_back(m);
  });
  auto receivers = pubsub.publish(channel, "tick 1");
  ASSERT_TRUE(receivers);
  EXPECT_EQ(*receivers, 1);
  ASSERT_TRUE(pubsub.publish(channel, "tick 2"));
  ASSERT_TRUE(eventually([&] {
    const std::lock_guard lock(mutex);
    return got.size() == 2;
  }));
  EXPECT_EQ(got, (std::vector<std::string>{"tick 1", "tick 2"}));
  subscription.reset();
  EXPECT_EQ(*pubsub.publish(channel, "after"), 0);
}

// A Redis of this test's own, on a fixed port so it can come back at the same address.
class OwnRedis {
 public:
  OwnRedis() : dir_(std::filesystem::temp_directory_path() / unique("streams-redis-outage-")) {
    const char* script = std::getenv("STREAMS_TEST_REDIS_SCRIPT");
    script_ = script ? script : "";
    start(0);
    port_ = std::stoi(read_env(dir_ / "redis.env")["STREAMS_TEST_REDIS_PORT"]);
  }
  ~OwnRedis() {
    (void)std::system(("/usr/bin/python3 " + script_ + " stop --state-dir " + dir_.string() + " >/dev/null").c_str());
    std::filesystem::remove_all(dir_);
  }
  void start(int port) {
    const std::string command = "/usr/bin/python3 " + script_ + " start --state-dir " + dir_.string() +
                                (port ? " --port " + std::to_string(port) : "") + " >/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  void kill9() {
    std::ifstream in(dir_ / "redis" / "redis.pid");
    int pid = 0;
    in >> pid;
    ASSERT_GT(pid, 0);
    ::kill(pid, SIGKILL);
    std::filesystem::remove(dir_ / "redis" / "redis.pid");
  }
  void restart() { start(port_); }
  [[nodiscard]] RedisOptions options() const {
    RedisOptions o;
    o.url = *parse_redis_url("redis://127.0.0.1:" + std::to_string(port_) + "/0");
    o.connect_timeout = 200ms;
    o.command_timeout = 500ms;
    o.backoff_max = 200ms;
    return o;
  }

 private:
  std::filesystem::path dir_;
  std::string script_;
  int port_ = 0;
};

TEST(RedisOutageTest, CacheDegradesBufferWaitsAndEverythingRecovers) {
  fixture_options();  // skip with the others when Redis is not installed
  OwnRedis redis;
  auto connection = std::make_shared<RedisConnection>(redis.options());
  RedisCache cache(connection, RedisCacheOptions{.prefix = "q:"});
  RedisIngestBuffer buffer(redis.options(), IngestBufferOptions{.stream = "s", .max_wait = 20'000ms});
  RedisPubSub pubsub(connection, redis.options());
  std::atomic<int> received{0};
  auto subscription = pubsub.subscribe("ticks", [&](std::string_view) { received.fetch_add(1); });

  cache.put("k", std::make_shared<const std::string>("v"));
  ASSERT_NE(cache.get("k"), nullptr);
  ASSERT_TRUE(buffer.append("before"));
  ASSERT_TRUE(pubsub.publish("ticks", "1"));
  ASSERT_TRUE(eventually([&] { return received.load() == 1; }));

  redis.kill9();
  // Reads bypass: a miss, quickly (no hang), and the cache says it is unavailable.
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(cache.get("k"), nullptr);
  EXPECT_FALSE(cache.available());
  cache.put("k2", std::make_shared<const std::string>("dropped"));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2000ms);
  EXPECT_FALSE(pubsub.publish("ticks", "lost"));

  // The buffer waits through the outage…
  auto pending_append = std::async(std::launch::async, [&] { return buffer.append("during"); });
  EXPECT_EQ(pending_append.wait_for(300ms), std::future_status::timeout);
  // …and resumes when Redis is back (empty: no persistence; the group is re-created).
  redis.restart();
  auto appended = pending_append.get();
  ASSERT_TRUE(appended) << appended.error().message;
  EXPECT_TRUE(eventually([&] { return cache.available(); }));
  cache.put("k3", std::make_shared<const std::string>("back"));
  auto hit = cache.get("k3");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(*hit, "back");
  auto read = buffer.read("w", 10, 100ms);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].payload, "during");
  // The subscription re-subscribed on its own.
  EXPECT_TRUE(eventually([&] {
    (void)pubsub.publish("ticks", "again");
    return received.load() >= 2;
  }));
}

}  // namespace
}  // namespace streams::cache
