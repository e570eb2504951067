// polygon.io's WebSocket protocol without a transport: the recorded frames (tests/fakes/data,
// from polygon's spec and client-python's mock server), malformed frames, and the session's
// connect → auth → subscribe sequence, bad auth and max_connections.
#include "live/polygon_messages.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace streams::live {
namespace {

std::string frame_file(const std::string& name) {
  std::ifstream in(std::string(STREAMS_SOURCE_DIR) + "/tests/fakes/data/" + name);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_FALSE(s.str().empty()) << name;
  return s.str();
}

TEST(PolygonFrameTest, RecordedEventsBecomeTradesQuotesAndBars) {
  auto trades = parse_polygon_frame(frame_file("mock_T_AMZN_batch.json"));
  ASSERT_TRUE(trades.ok()) << trades.error().message;
  ASSERT_EQ(trades->trades.size(), 2u);
  EXPECT_EQ(trades->trades[1].symbol.str(), "AMZN");
  EXPECT_EQ(trades->trades[1].price, 161.87);
  EXPECT_EQ(trades->trades[1].size, 100);
  EXPECT_EQ(trades->trades[1].ts.millis(), 1651684192717);

  auto quote = parse_polygon_frame(frame_file("spec_Q_quote.json"));
  ASSERT_TRUE(quote.ok());
  ASSERT_EQ(quote->quotes.size(), 1u);
  EXPECT_EQ(quote->quotes[0].bid_price, 114.125);
  EXPECT_EQ(quote->quotes[0].ask_price, 114.128);
  EXPECT_EQ(quote->quotes[0].ask_size, 160);

  auto second = parse_polygon_frame(frame_file("spec_A_second_agg.json"));
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->bars.size(), 1u);
  EXPECT_EQ(second->bars[0].interval, BarInterval::second);
  EXPECT_EQ(second->bars[0].bar.ts.millis(), 1610144868000);
  EXPECT_EQ(second->bars[0].bar.close, 25.39);
  EXPECT_EQ(second->bars[0].bar.volume, 200);
  EXPECT_EQ(second->bars[0].bar.vwap, 25.3981);
  EXPECT_EQ(second->bars[0].bar.trades, 4);  // v / z = 200 / 50

  auto minute = parse_polygon_frame(frame_file("spec_AM_minute_agg.json"));
  ASSERT_TRUE(minute.ok());
  EXPECT_EQ(minute->bars[0].interval, BarInterval::minute);
  EXPECT_EQ(minute->bars[0].bar.high, 0.4489);
  EXPECT_EQ(minute->bars[0].bar.ts.millis(), 1610144640000);

  auto status = parse_polygon_frame(frame_file("spec_status_max_connections.json"));
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->statuses[0].status, "max_connections");
  EXPECT_EQ(parse_polygon_frame(R"([{"ev":"LULD","T":"X"}])")->ignored, 1u);
}

TEST(PolygonFrameTest, MalformedFramesAreErrorsNamingTheEventAndField) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "not valid JSON"},
      {"[{\"ev\":\"T\"", "not valid JSON"},
      {R"({"ev":"T"})", "not a JSON array"},
      {R"([1])", "event 0: not an object"},
      {R"([{"sym":"A"}])", "missing field 'ev'"},
      {R"([{"ev":"T","sym":"AAPL","s":1,"t":1}])", "missing field 'p'"},
      {R"([{"ev":"T","sym":"AAPL","p":"1","s":1,"t":1}])", "field 'p' is not a number"},
      {R"([{"ev":"T","sym":"A A","p":1,"s":1,"t":1}])", "event 0"},
      {R"([{"ev":"status","status":"success"},{"ev":"AM","sym":"X","o":1,"h":1,"l":1,"c":1,"s":1}])",
       "event 1: missing field 'v'"},
      {R"([{"ev":"Q","sym":"X","bp":1,"bs":1,"ap":1,"t":1}])", "missing field 'as'"},
      {R"([{"ev":"status"}])", "missing field 'status'"},
  };
  for (const auto& [text, want] : cases) {
    auto parsed = parse_polygon_frame(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.error().message.find(want), std::string::npos) << text << " → " << parsed.error().message;
  }
}

TEST(PolygonSessionTest, ConnectAuthenticateSubscribeAndResubscribeAfterReconnect) {
  const std::vector<Symbol> symbols{*Symbol::parse("AAPL"), *Symbol::parse("MSFT")};
  PolygonSession session("secret-key", symbols, {PolygonChannel::trades, PolygonChannel::minute_aggregates});
  std::vector<std::string> out;
  PolygonFrame data;
  ASSERT_TRUE(session.on_frame(frame_file("mock_status_connected.json"), out, data).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], R"({"action":"auth","params":"secret-key"})");
  EXPECT_EQ(session.state(), PolygonSession::State::authenticating);
  ASSERT_TRUE(session.on_frame(frame_file("mock_status_auth_success.json"), out, data).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1], R"({"action":"subscribe","params":"T.AAPL,T.MSFT,AM.AAPL,AM.MSFT"})");
  EXPECT_EQ(session.state(), PolygonSession::State::subscribed);
  ASSERT_TRUE(session.on_frame(frame_file("mock_T_AAPL.json"), out, data).ok());
  EXPECT_EQ(data.trades.size(), 1u);
  // Dropped connection: the next "connected" authenticates and subscribes again.
  session.on_connected();
  out.clear();
  ASSERT_TRUE(session.on_frame(frame_file("mock_status_connected.json"), out, data).ok());
  ASSERT_TRUE(session.on_frame(frame_file("mock_status_auth_success.json"), out, data).ok());
  EXPECT_EQ(out.size(), 2u);
  EXPECT_TRUE(session.retryable());
  // A malformed frame is an error but the session may reconnect.
  EXPECT_FALSE(session.on_frame("[{\"ev\":", out, data).ok());
  EXPECT_TRUE(session.retryable());
}

TEST(PolygonSessionTest, TheSpecsConnectEventAlsoOpensTheSession) {
  PolygonSession session("k", {*Symbol::parse("AAPL")}, {PolygonChannel::trades});
  std::vector<std::string> out;
  PolygonFrame data;
  ASSERT_TRUE(session.on_frame(frame_file("spec_status_connect.json"), out, data).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(session.state(), PolygonSession::State::authenticating);
  // A subscription ack ("success", "subscribed to: …") does not authenticate again.
  ASSERT_TRUE(session.on_frame(frame_file("mock_status_auth_success.json"), out, data).ok());
  ASSERT_TRUE(session.on_frame(frame_file("spec_status_subscribe.json"), out, data).ok());
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(session.state(), PolygonSession::State::subscribed);
}

TEST(PolygonSessionTest, BadAuthAndMaxConnectionsFailWithoutRetry) {
  PolygonSession session("wrong", {*Symbol::parse("AAPL")}, {PolygonChannel::trades});
  std::vector<std::string> out;
  PolygonFrame data;
  ASSERT_TRUE(session.on_frame(frame_file("mock_status_connected.json"), out, data).ok());
  auto failed =
      session.on_frame(R"([{"ev":"status","status":"auth_failed","message":"authentication failed"}])", out, data);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("auth_failed"), std::string::npos);
  EXPECT_EQ(failed.error().message.find("wrong"), std::string::npos);  // the key is never in a message
  EXPECT_EQ(session.state(), PolygonSession::State::failed);
  EXPECT_FALSE(session.retryable());

  PolygonSession busy("k", {*Symbol::parse("AAPL")}, {PolygonChannel::quotes});
  EXPECT_FALSE(busy.on_frame(frame_file("spec_status_max_connections.json"), out, data).ok());
  EXPECT_FALSE(busy.retryable());
}

}  // namespace
}  // namespace streams::live
