#include "cache/in_process.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace streams::cache {
namespace {

using std::chrono::milliseconds;

std::vector<std::string> payloads(const std::vector<BufferEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.payload);
  return out;
}
std::vector<std::string> ids(const std::vector<BufferEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

TEST(InProcessIngestBufferTest, ReadDeliversEachEntryOnceAndAckClearsPending) {
  InProcessIngestBuffer buffer;
  ASSERT_TRUE(buffer.append("a"));
  ASSERT_TRUE(buffer.append("b"));
  ASSERT_TRUE(buffer.append("c"));
  auto first = buffer.read("w1", 2, milliseconds(0));
  ASSERT_TRUE(first);
  EXPECT_EQ(payloads(*first), (std::vector<std::string>{"a", "b"}));
  auto second = buffer.read("w2", 10, milliseconds(0));
  EXPECT_EQ(payloads(*second), (std::vector<std::string>{"c"}));
  EXPECT_EQ(*buffer.pending(), 3u);
  ASSERT_TRUE(buffer.ack(ids(*first)));
  EXPECT_EQ(*buffer.pending(), 1u);
  EXPECT_TRUE(buffer.read("w1", 10, milliseconds(0))->empty());
}

TEST(InProcessIngestBufferTest, UnacknowledgedEntriesAreReclaimedAfterIdleTime) {
  InProcessIngestBuffer buffer;
  ASSERT_TRUE(buffer.append("x"));
  ASSERT_TRUE(buffer.append("y"));
  auto read = buffer.read("crashed", 10, milliseconds(0));
  ASSERT_EQ(read->size(), 2u);
  EXPECT_TRUE(buffer.claim_stale("rescuer", milliseconds(10'000), 10)->empty());  // not idle long enough
  std::this_thread::sleep_for(milliseconds(20));
  auto claimed = buffer.claim_stale("rescuer", milliseconds(10), 10);
  ASSERT_TRUE(claimed);
  EXPECT_EQ(payloads(*claimed), (std::vector<std::string>{"x", "y"}));
  ASSERT_TRUE(buffer.ack(ids(*claimed)));
  EXPECT_EQ(*buffer.pending(), 0u);
  EXPECT_TRUE(buffer.claim_stale("rescuer", milliseconds(0), 10)->empty());
}

TEST(InProcessIngestBufferTest, LengthIsBoundedOldestFirstAndTrimmedPendingIsDropped) {
  InProcessIngestBuffer buffer(IngestBufferOptions{.max_length = 3});
  ASSERT_TRUE(buffer.append("1"));
  auto read = buffer.read("w", 1, milliseconds(0));
  ASSERT_EQ(read->size(), 1u);
  for (const char* p : {"2", "3", "4"}) ASSERT_TRUE(buffer.append(p));
  EXPECT_EQ(*buffer.length(), 3u);
  EXPECT_EQ(payloads(*buffer.read("w", 10, milliseconds(0))), (std::vector<std::string>{"2", "3", "4"}));
  auto claimed = buffer.claim_stale("w2", milliseconds(0), 10);
  EXPECT_EQ(payloads(*claimed), (std::vector<std::string>{"2", "3", "4"}));  // "1" was trimmed away
  EXPECT_EQ(*buffer.pending(), 3u);
}

TEST(InProcessIngestBufferTest, BlockingReadWakesOnAppend) {
  InProcessIngestBuffer buffer;
  std::thread producer([&] {
    std::this_thread::sleep_for(milliseconds(30));
    (void)buffer.append("late");
  });
  auto read = buffer.read("w", 10, milliseconds(5000));
  producer.join();
  ASSERT_TRUE(read);
  EXPECT_EQ(payloads(*read), (std::vector<std::string>{"late"}));
}

TEST(InProcessPubSubTest, EverySubscriberGetsMessagesInOrderUntilUnsubscribed) {
  InProcessPubSub pubsub;
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::string> got_a;
  std::vector<std::string> got_b;
  auto a = pubsub.subscribe("ticks", [&](std::string_view m) {
    const std::lock_guard lock(mutex);
    got_a.emplace_back(m);
    cv.notify_all();
  });
  auto b = pubsub.subscribe("ticks", [&](std::string_view m) {
    const std::lock_guard lock(mutex);
    got_b.emplace_back(m);
    cv.notify_all();
  });
  auto other = pubsub.subscribe("other", [&](std::string_view) { FAIL() << "wrong channel"; });
  EXPECT_EQ(*pubsub.publish("ticks", "1"), 2);
  EXPECT_EQ(*pubsub.publish("ticks", "2"), 2);
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(cv.wait_for(lock, milliseconds(5000), [&] { return got_a.size() == 2 && got_b.size() == 2; }));
  }
  EXPECT_EQ(got_a, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(got_b, (std::vector<std::string>{"1", "2"}));
  a.reset();
  EXPECT_EQ(*pubsub.publish("ticks", "3"), 1);
  EXPECT_EQ(*pubsub.publish("nobody", "x"), 0);
}

}  // namespace
}  // namespace streams::cache
