// The pure parts of the polygon WebSocket feed (back-off, URL, channels, redaction), the option
// checks of start(), and a feed pointed at a closed port: it reports "reconnecting" and stops cleanly.
// The protocol end to end runs in tests/integration/polygon_feed_test.py against the fake server.
#include "live/polygon/polygon_feed.h"

#include <gtest/gtest.h>

#include <thread>

namespace streams::live {
namespace {

using std::chrono::milliseconds;

TEST(BackoffTest, DoublesFromTheInitialDelayUpToTheCapLessTheJitter) {
  const Backoff b{milliseconds(500), milliseconds(30'000), 0.5};
  EXPECT_EQ(backoff_delay(b, 0, 0.0), milliseconds(500));
  EXPECT_EQ(backoff_delay(b, 1, 0.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(b, 3, 0.0), milliseconds(4000));
  EXPECT_EQ(backoff_delay(b, 6, 0.0), milliseconds(30'000));    // 32 s capped
  EXPECT_EQ(backoff_delay(b, 500, 0.0), milliseconds(30'000));  // no overflow
  EXPECT_EQ(backoff_delay(b, 0, 0.999999), milliseconds(250));  // at most half taken off
  EXPECT_EQ(backoff_delay(b, 2, 0.5), milliseconds(1500));
  const Backoff none{milliseconds(100), milliseconds(1000), 0.0};
  EXPECT_EQ(backoff_delay(none, 2, 0.7), milliseconds(400));
}

TEST(WsUrlTest, OnlyWssIsAccepted) {
  auto u = parse_ws_url("wss://socket.polygon.io/stocks");
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->host, "socket.polygon.io");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/stocks");
  auto local = parse_ws_url("WSS://127.0.0.1:8443/stocks");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->host, "127.0.0.1");
  EXPECT_EQ(local->port, "8443");
  EXPECT_FALSE(parse_ws_url("ws://127.0.0.1/stocks").ok());
  EXPECT_FALSE(parse_ws_url("https://socket.polygon.io/stocks").ok());
  EXPECT_FALSE(parse_ws_url("wss://:99/x").ok());
}

TEST(ChannelsTest, ParsesPolygonsChannelNames) {
  auto all = parse_polygon_channels("T, q,A,AM");
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(*all, (std::vector<PolygonChannel>{PolygonChannel::trades, PolygonChannel::quotes,
                                               PolygonChannel::second_aggregates, PolygonChannel::minute_aggregates}));
  EXPECT_FALSE(parse_polygon_channels("").ok());
  EXPECT_FALSE(parse_polygon_channels("T,X").ok());
  EXPECT_FALSE(parse_polygon_channels("T,T").ok());
  EXPECT_FALSE(parse_polygon_channels("T,").ok());
}

TEST(RedactTest, EveryOccurrenceOfTheKeyIsReplaced) {
  EXPECT_EQ(redact_secret("key=abc and abcabc", "abc"), "key=**** and ********");
  EXPECT_EQ(redact_secret("nothing", ""), "nothing");
  EXPECT_EQ(redact_secret("a", "abc"), "a");
}

TEST(PolygonFeedTest, StartChecksItsOptions) {
  PolygonFeedOptions o;
  o.symbols = {*Symbol::parse("AAPL")};
  auto no_key = PolygonFeed::start(o);
  ASSERT_FALSE(no_key.ok());
  EXPECT_NE(no_key.error().message.find("API key"), std::string::npos);
  o.api_key = "secret";
  o.url = "ws://127.0.0.1:1/stocks";
  EXPECT_FALSE(PolygonFeed::start(o).ok());
  o.url = "wss://127.0.0.1:1/stocks";
  o.ca_file = "/nonexistent/ca.pem";
  auto bad_ca = PolygonFeed::start(o);
  ASSERT_FALSE(bad_ca.ok());
  EXPECT_NE(bad_ca.error().message.find("/nonexistent/ca.pem"), std::string::npos);
  o.ca_file.clear();
  o.symbols.clear();
  EXPECT_FALSE(PolygonFeed::start(o).ok());
}

TEST(PolygonFeedTest, AnUnreachableServerIsRetriedAndTheFeedStopsCleanly) {
  PolygonFeedOptions o;
  o.api_key = "secret";
  o.symbols = {*Symbol::parse("AAPL")};
  o.url = "wss://127.0.0.1:1/stocks";  // nothing listens on port 1
  o.backoff = Backoff{milliseconds(10), milliseconds(20), 0.0};
  auto feed = PolygonFeed::start(o);
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  for (int i = 0; i < 200 && (*feed)->status().mode != "reconnecting"; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  const FeedStatus status = (*feed)->status();
  EXPECT_EQ(status.source, "polygon");
  EXPECT_EQ(status.mode, "reconnecting");
  ASSERT_EQ(status.symbols.size(), 1u);
  EXPECT_EQ((*feed)->failure(), "");  // network errors are not final
  std::vector<Trade> trades;
  const Timestamp t = (*feed)->poll(Timestamp::from_millis(10'000), trades);
  EXPECT_EQ(t.millis(), 9'000);  // real time less the default lateness
  EXPECT_TRUE(trades.empty());
  EXPECT_EQ((*feed)->stats().connections, 0u);
  feed->reset();
}

}  // namespace
}  // namespace streams::live
