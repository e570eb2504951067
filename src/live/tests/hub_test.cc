// The live hub without a transport: the protocol, snapshots, indicators per bar (equal to the
// hand-computed values), limits and conflation for slow clients.
#include "live/hub.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>

namespace streams::live {
namespace {

Symbol sym(std::string_view s) { return *Symbol::parse(s); }
constexpr std::int64_t t0 = 1'709'303'400'000;  // 2024-03-01 14:30 UTC

LiveBar bar1s(std::string_view s, int i, double close, bool final = true) {
  Bar b;
  b.ts = Timestamp::from_millis(t0 + 1000LL * i);
  b.open = close - 1;
  b.high = close + 1;
  b.low = close - 2;
  b.close = close;
  b.volume = 100;
  b.vwap = close;
  b.trades = 3;
  return LiveBar{sym(s), BarInterval::second, b, final};
}

LiveBatch status_batch() {
  LiveBatch batch;
  batch.status = FeedStatus{"simulated", "replay", Timestamp::from_millis(t0), {sym("AAPL"), sym("MSFT"), sym("KO")}};
  return batch;
}

class HubTest : public ::testing::Test {
 protected:
  HubTest() : hub_(bus_, HubOptions{.queue_capacity = 50, .max_subscriptions = 4, .max_indicators = 2,
                                    .history = 100, .heartbeat = std::chrono::hours(1)}) {
    (void)bus_.publish(status_batch());
  }

  // Every message of the next frame (an array), as a DOM element owned by the test's parser.
  std::vector<simdjson::dom::element> frame(HubClient& client) {
    std::string text;
    if (!client.take_frame(text)) return {};
    frames_.push_back(text);
    parsers_.emplace_back(std::make_unique<simdjson::dom::parser>());
    simdjson::dom::array array;
    EXPECT_EQ(parsers_.back()->parse(frames_.back()).get(array), simdjson::SUCCESS) << text;
    return std::vector<simdjson::dom::element>(array.begin(), array.end());
  }
  static std::string_view type(simdjson::dom::element e) { return e["type"].get_string().value(); }

  InProcessBus bus_;
  Hub hub_;
  std::vector<std::string> frames_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers_;
};

TEST_F(HubTest, ConnectSubscribeSnapshotThenBarsWithIndicators) {
  int wakes = 0;
  auto client = hub_.connect([&] { ++wakes; });
  EXPECT_EQ(wakes, 1);
  auto messages = frame(*client);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(type(messages[0]), "status");
  EXPECT_EQ(messages[0]["status"].get_string().value(), "connected");
  EXPECT_EQ(messages[0]["feed"]["source"].get_string().value(), "simulated");
  EXPECT_EQ(messages[0]["feed"]["mode"].get_string().value(), "replay");
  EXPECT_FALSE(client->take_frame(frames_.emplace_back()));

  // Two bars before the subscription: they come in the snapshot.
  LiveBatch before;
  before.bars = {bar1s("AAPL", 0, 10), bar1s("AAPL", 1, 11)};
  (void)bus_.publish(before);
  client->receive(R"j({"type":"subscribe","symbols":["aapl"],"channels":["bars1s","trades"],
                      "indicators":["sma(timeperiod=3)"]})j");
  messages = frame(*client);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0]["status"].get_string().value(), "subscribed");
  EXPECT_EQ(messages[0]["subscriptions"].at(0)["symbol"].get_string().value(), "AAPL");
  EXPECT_EQ(type(messages[1]), "snapshot");
  EXPECT_EQ(messages[1]["channel"].get_string().value(), "bars1s");
  EXPECT_EQ(messages[1]["bars"]["t"].at(1).get_int64().value(), t0 + 1000);
  EXPECT_EQ(messages[1]["bars"]["close"].at(1).get_double().value(), 11.0);
  EXPECT_TRUE(messages[1]["indicators"]["sma(timeperiod=3)"]["real"].at(1).is_null());

  // The third bar completes sma(3): (10 + 11 + 15) / 3 = 12; a trade of AAPL, none of MSFT.
  LiveBatch next;
  next.trades = {Trade{sym("AAPL"), Timestamp::from_millis(t0 + 2100), 15.5, 200},
                 Trade{sym("MSFT"), Timestamp::from_millis(t0 + 2100), 300, 1}};
  next.bars = {bar1s("AAPL", 2, 15), bar1s("MSFT", 2, 300)};
  (void)bus_.publish(next);
  messages = frame(*client);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(type(messages[0]), "trade");
  EXPECT_EQ(messages[0]["symbol"].get_string().value(), "AAPL");
  EXPECT_EQ(messages[0]["price"].get_double().value(), 15.5);
  EXPECT_EQ(messages[0]["size"].get_double().value(), 200.0);
  EXPECT_EQ(messages[0]["t"].get_int64().value(), t0 + 2100);
  EXPECT_EQ(type(messages[1]), "bar");
  EXPECT_EQ(messages[1]["close"].get_double().value(), 15.0);
  EXPECT_EQ(messages[1]["final"].get_bool().value(), true);
  EXPECT_DOUBLE_EQ(messages[1]["indicators"]["sma(timeperiod=3)"]["real"].get_double().value(), 12.0);

  // Unsubscribe: nothing more arrives.
  client->receive(R"j({"type":"unsubscribe","symbols":["AAPL"]})j");
  messages = frame(*client);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["status"].get_string().value(), "unsubscribed");
  LiveBatch later;
  later.bars = {bar1s("AAPL", 3, 16)};
  (void)bus_.publish(later);
  EXPECT_TRUE(frame(*client).empty());
  EXPECT_EQ(hub_.stats().clients, 1u);
  client.reset();
  EXPECT_EQ(hub_.stats().clients, 0u);
}

TEST_F(HubTest, MalformedMessagesAndLimitsAnswerErrorsAndChangeNothing) {
  auto client = hub_.connect({});
  (void)frame(*client);
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"not json", "bad_message"},
      {"[1,2]", "bad_message"},
      {R"j({"symbols":["AAPL"]})j", "bad_message"},
      {R"j({"type":"subscribe","symbols":"AAPL","channels":["trades"]})j", "bad_message"},
      {R"j({"type":"subscribe","symbols":["AAPL"],"channels":["quotes!"]})j", "unknown_channel"},
      {R"j({"type":"subscribe","symbols":["A A"],"channels":["trades"]})j", "invalid_symbol"},
      {R"j({"type":"subscribe","symbols":["ZZZZ"],"channels":["trades"]})j", "unknown_symbol"},
      {R"j({"type":"subscribe","symbols":["AAPL"]})j", "bad_message"},
      {R"j({"type":"subscribe","symbols":["AAPL"],"channels":["trades"],"extra":1})j", "bad_message"},
      {R"j({"type":"subscribe","symbols":["AAPL"],"channels":["bars1s"],"indicators":["cdldoji"]})j", "bad_indicator"},
      {R"j({"type":"subscribe","symbols":["AAPL"],"channels":["bars1s"],"indicators":["rsi(timeperiod=1)"]})j",
       "bad_indicator"},
      {R"j({"type":"subscribe","symbols":["AAPL"],"channels":["bars1s"],"indicators":["sma","ema","rsi"]})j",
       "too_many_indicators"},
      {R"j({"type":"subscribe","symbols":["AAPL","MSFT"],"channels":["trades","bars1s","bars1m"]})j",
       "too_many_subscriptions"},
      {R"j({"type":"launch"})j", "bad_message"},
  };
  for (const auto& [message, code] : cases) {
    client->receive(message);
    auto messages = frame(*client);
    ASSERT_EQ(messages.size(), 1u) << message;
    EXPECT_EQ(type(messages[0]), "error") << message;
    EXPECT_EQ(messages[0]["code"].get_string().value(), code) << message;
  }
  // Four pairs fit; a fifth does not, and the error names the limit.
  client->receive(R"j({"type":"subscribe","symbols":["AAPL","MSFT"],"channels":["trades","bars1s"]})j");
  EXPECT_EQ(frame(*client)[0]["status"].get_string().value(), "subscribed");
  client->receive(R"j({"type":"subscribe","symbols":["KO"],"channels":["trades"]})j");
  auto messages = frame(*client);
  EXPECT_EQ(messages[0]["code"].get_string().value(), "too_many_subscriptions");
  EXPECT_NE(std::string(messages[0]["message"].get_string().value()).find("at most 4"), std::string::npos);
}

TEST_F(HubTest, ASlowClientGetsTheLatestBarPerSeriesAndBoundedTrades) {
  auto client = hub_.connect({});
  client->receive(R"j({"type":"subscribe","symbols":["AAPL","MSFT"],"channels":["bars1s","trades"]})j");
  (void)frame(*client);
  for (int i = 0; i < 200; ++i) {
    LiveBatch batch;
    batch.bars = {bar1s("AAPL", i, 100 + i), bar1s("MSFT", i, 200 + i)};
    batch.trades = {Trade{sym("AAPL"), Timestamp::from_millis(t0 + 1000LL * i), 1.0 + i, 1}};
    (void)bus_.publish(batch);
  }
  auto messages = frame(*client);
  // Capacity 50: one bar per series (the latest), the newest 48 trades.
  ASSERT_EQ(messages.size(), 50u);
  int bars = 0;
  for (auto m : messages) {
    if (type(m) != "bar") continue;
    ++bars;
    const std::string_view s = m["symbol"].get_string().value();
    EXPECT_EQ(m["close"].get_double().value(), s == "AAPL" ? 299.0 : 399.0);
  }
  EXPECT_EQ(bars, 2);
  EXPECT_EQ(type(messages.back()), "trade");
  EXPECT_EQ(messages.back()["price"].get_double().value(), 200.0);
  EXPECT_GT(client->conflated(), 0u);
  EXPECT_GT(client->dropped(), 0u);
  hub_.heartbeat_now();
  messages = frame(*client);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(type(messages[0]), "heartbeat");
  EXPECT_EQ(static_cast<std::uint64_t>(messages[0]["dropped"].get_int64().value()), client->dropped());
}

}  // namespace
}  // namespace streams::live
