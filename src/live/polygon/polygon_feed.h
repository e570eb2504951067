#pragma once
// PolygonFeed: polygon.io's real-time stocks WebSocket (wss://socket.polygon.io/stocks) as a
// live::Feed. Its own I/O thread connects (TCP → TLS, certificates verified as by the sources'
// HTTPS client → WebSocket), answers the protocol through live::PolygonSession (connected → auth
// → subscribe to T.*/Q.*/A.*/AM.* of the chosen symbols), parses frames with simdjson and queues
// the trades for poll() (bounded: when full, new trades are dropped and counted).
//
//  - A dropped connection (read error, close, idle timeout with keep-alive pings unanswered) is
//    reconnected after an exponential back-off with jitter (backoff_delay), capped; the session
//    authenticates and subscribes again. The back-off restarts after a connection that stayed
//    subscribed for `stable_after`.
//  - auth_failed and max_connections are final: no reconnect, status mode "auth_failed" /
//    "max_connections", failure() says why (the stream command exits on it).
//  - A malformed frame (not JSON, not an array, a T/Q/A/AM event with a missing or mistyped field)
//    is dropped whole, counted and logged; unknown event kinds are counted as ignored.
//  - The API key goes only into the auth message: it is never logged, and any text logged from the
//    server has it replaced by "****".
//
// Feed time is the real clock less `lateness`: a 1-second bar closes once trades stamped in it
// can no longer be expected (polygon's SIP timestamps trail the wall clock a little).
//
// poll() is called by the pipeline thread; status(), stats() and failure() from any thread.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "live/feed.h"
#include "live/polygon_messages.h"

namespace streams::live {

struct Backoff {
  std::chrono::milliseconds initial{500};
  std::chrono::milliseconds max{30'000};
  double jitter = 0.5;  // the delay is drawn from [(1 − jitter)·d, d]
};
// The wait before reconnect attempt `attempt` (0 = the first): d = min(max, initial·2^attempt),
// less jitter·d·unit, `unit` uniform in [0, 1).
std::chrono::milliseconds backoff_delay(const Backoff& backoff, unsigned attempt, double unit);

// A wss:// URL (the only scheme accepted: the feed is always over TLS).
struct WsEndpoint {
  std::string host;  // without brackets for IPv6
  std::string port;
  std::string target;
};
Result<WsEndpoint> parse_ws_url(std::string_view url);

// "T,Q,A,AM" (case-insensitive, any order, no duplicates) → channels. Empty or unknown → error.
Result<std::vector<PolygonChannel>> parse_polygon_channels(std::string_view text);

// `text` with every occurrence of `secret` replaced by "****" (secret may be empty).
std::string redact_secret(std::string_view text, std::string_view secret);

struct PolygonFeedOptions {
  std::string url = "wss://socket.polygon.io/stocks";
  std::string api_key;
  std::vector<Symbol> symbols;
  std::vector<PolygonChannel> channels{PolygonChannel::trades};
  std::filesystem::path ca_file;                   // extra trusted CA (tests); empty = system store only
  std::chrono::milliseconds timeout{10'000};       // connect, TLS handshake, WebSocket handshake
  std::chrono::milliseconds idle_timeout{30'000};  // silence (pings unanswered) → reconnect
  std::chrono::milliseconds stable_after{5'000};   // subscribed this long → back-off restarts
  std::chrono::milliseconds lateness{1'000};       // feed time = real time − lateness
  Backoff backoff;
  std::size_t queue_capacity = 1'000'000;  // trades waiting for poll()
};

struct PolygonFeedStats {
  std::uint64_t connections = 0;      // WebSocket handshakes completed
  std::uint64_t authentications = 0;  // auth_success received
  std::uint64_t frames = 0;
  std::uint64_t trades = 0;
  std::uint64_t quotes = 0;
  std::uint64_t aggregates = 0;
  std::uint64_t ignored = 0;    // events of other kinds
  std::uint64_t malformed = 0;  // frames dropped
  std::uint64_t dropped = 0;    // trades dropped on a full queue
};

class PolygonFeed final : public Feed {
 public:
  // Validates the options (key, symbols, channels, URL, CA file) and starts the I/O thread.
  static Result<std::unique_ptr<PolygonFeed>> start(PolygonFeedOptions options);
  ~PolygonFeed() override;  // stops the thread; logs the stats

  Timestamp poll(Timestamp real_now, std::vector<Trade>& trades) override;
  // source "polygon"; mode connecting | live | reconnecting | auth_failed | max_connections.
  [[nodiscard]] FeedStatus status() const override;
  [[nodiscard]] PolygonFeedStats stats() const;
  // Why the feed gave up for good (auth_failed, max_connections); empty while it runs or retries.
  [[nodiscard]] std::string failure() const;

  struct Impl;  // polygon_feed.cc

 private:
  explicit PolygonFeed(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace streams::live
