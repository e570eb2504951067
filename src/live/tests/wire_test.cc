// LiveBatch encoding round trip, malformed messages, and TransportBus over an in-memory transport
// (the stand-in for Redis pub/sub: two "processes" sharing one channel).
#include "live/wire.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <mutex>

namespace streams::live {
namespace {

Symbol sym(std::string_view s) { return *Symbol::parse(s); }

LiveBatch sample() {
  LiveBatch b;
  b.trades = {Trade{sym("AAPL"), Timestamp::from_millis(1709303400123), 134.13, 300},
              Trade{sym("BRK.B"), Timestamp::from_millis(1709303400124), 0.1 + 0.2, 1}};
  b.quotes = {Quote{sym("MSFT"), Timestamp::from_millis(1709303400125), 414.1, 100, 414.12, 200}};
  Bar bar{Timestamp::from_millis(1709303400000), 134.0, 134.5, 133.9, 134.13, 2300, 134.2412345678901, 12};
  b.bars = {LiveBar{sym("AAPL"), BarInterval::second, bar, true}, LiveBar{sym("AAPL"), BarInterval::minute, bar, false}};
  b.bars[1].bar.vwap = std::nan("");
  b.status = FeedStatus{"simulated", "replay", Timestamp::from_millis(1709303400500), {sym("AAPL"), sym("MSFT")}};
  return b;
}

TEST(WireTest, RoundTripIsExact) {
  const LiveBatch in = sample();
  auto out = decode_batch(encode_batch(in));
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(out->trades.size(), 2u);
  EXPECT_EQ(out->trades[1].symbol.str(), "BRK.B");
  EXPECT_EQ(out->trades[1].price, 0.1 + 0.2);  // shortest exact form
  EXPECT_EQ(out->trades[0].ts, in.trades[0].ts);
  ASSERT_EQ(out->quotes.size(), 1u);
  EXPECT_EQ(out->quotes[0].ask_size, 200);
  ASSERT_EQ(out->bars.size(), 2u);
  EXPECT_EQ(out->bars[0].bar.vwap, 134.2412345678901);
  EXPECT_EQ(out->bars[0].bar.trades, 12);
  EXPECT_EQ(out->bars[1].interval, BarInterval::minute);
  EXPECT_FALSE(out->bars[1].final);
  EXPECT_TRUE(std::isnan(out->bars[1].bar.vwap));
  ASSERT_TRUE(out->status);
  EXPECT_EQ(out->status->mode, "replay");
  EXPECT_EQ(out->status->symbols.size(), 2u);
  EXPECT_FALSE(decode_batch(encode_batch(LiveBatch{}))->status);
}

TEST(WireTest, MalformedMessagesAreErrors) {
  for (const char* text : {"", "[]", R"({"v":2,"trades":[],"quotes":[],"bars":[]})", R"({"v":1})",
                           R"({"v":1,"trades":[["AAPL",1,2]],"quotes":[],"bars":[]})",
                           R"({"v":1,"trades":[["a a",1,2,3]],"quotes":[],"bars":[]})",
                           R"({"v":1,"trades":[],"quotes":[],"bars":[["X","h",1,1,1,1,1,1,1,1,true]]})",
                           R"({"v":1,"trades":[],"quotes":[],"bars":[],"status":{"source":"s"}})"}) {
    EXPECT_FALSE(decode_batch(text).ok()) << text;
  }
}

// Channels shared by every TransportBus on it, delivered synchronously.
class MemoryTransport final : public MessageTransport {
 public:
  Status publish(std::string_view channel, std::string_view message) override {
    std::vector<std::function<void(std::string_view)>> targets;
    {
      const std::lock_guard lock(mutex_);
      for (auto& [id, sub] : subs_) {
        if (sub.first == channel) targets.push_back(sub.second);
      }
    }
    for (auto& target : targets) target(message);
    return {};
  }
  std::shared_ptr<void> subscribe(std::string channel, std::function<void(std::string_view)> callback) override {
    const std::lock_guard lock(mutex_);
    const int id = next_++;
    subs_.emplace(id, std::make_pair(std::move(channel), std::move(callback)));
    return std::shared_ptr<void>(nullptr, [this, id](void*) {
      const std::lock_guard unsub(mutex_);
      subs_.erase(id);
    });
  }

 private:
  std::mutex mutex_;
  std::map<int, std::pair<std::string, std::function<void(std::string_view)>>> subs_;
  int next_ = 0;
};

TEST(TransportBusTest, EveryBusOnTheChannelReceivesTheBatches) {
  MemoryTransport transport;
  TransportBus worker(transport);
  TransportBus server_a(transport);
  TransportBus server_b(transport);
  std::vector<double> a;
  std::vector<double> b;
  auto sub_a = server_a.subscribe([&](const LiveBatch& batch) { a.push_back(batch.trades.at(0).price); });
  auto sub_b = server_b.subscribe([&](const LiveBatch& batch) { b.push_back(batch.trades.at(0).price); });
  ASSERT_TRUE(worker.publish(sample()).ok());
  ASSERT_TRUE(transport.publish("streams:live", "garbage").ok());
  sub_b.reset();
  ASSERT_TRUE(worker.publish(sample()).ok());
  EXPECT_EQ(a, (std::vector<double>{134.13, 134.13}));
  EXPECT_EQ(b, (std::vector<double>{134.13}));
  EXPECT_EQ(server_a.undecodable(), 1u);
}

}  // namespace
}  // namespace streams::live
