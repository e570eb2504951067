#pragma once
// polygon.io's WebSocket protocol without a transport (wss://socket.polygon.io/stocks; documented
// in ../shared/data/polygon/websocket/websocket-spec.json): the frames it sends — JSON arrays of
// events `status`, `T` (trade), `Q` (quote), `A` (second aggregate), `AM` (minute aggregate) —
// parsed with simdjson into live's types, the client's messages (auth, subscribe, unsubscribe), and
// PolygonSession, the client's state machine: connected → send auth → auth_success → send the
// subscription; auth_failed / max_connections → fail without retrying the key.
//
// The Beast/TLS transport that carries these (and reconnects with back-off, resubscribing through
// PolygonSession::on_connected) is live/polygon/polygon_feed.h.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "live/tick.h"

namespace streams::live {

struct PolygonStatus {
  std::string status;   // connected, auth_success, auth_failed, success, max_connections, error …
  std::string message;
};

struct PolygonFrame {
  std::vector<PolygonStatus> statuses;
  std::vector<Trade> trades;
  std::vector<Quote> quotes;
  std::vector<LiveBar> bars;  // A → 1 s, AM → 1 min; final
  std::size_t ignored = 0;    // events of other kinds (LULD, NOI, …)
};

// Errors (errc::bad_message) name the event index and field: malformed JSON, not an array, an
// event without "ev", a T/Q/A/AM event missing a required field or with an invalid symbol.
Result<PolygonFrame> parse_polygon_frame(std::string_view text);

enum class PolygonChannel : std::uint8_t { trades, quotes, second_aggregates, minute_aggregates };

// {"action":"auth","params":"<key>"} — the key is never logged.
std::string polygon_auth_message(std::string_view api_key);
// {"action":"subscribe","params":"T.AAPL,Q.AAPL,…"} (or "unsubscribe").
std::string polygon_subscription_message(std::string_view action, std::span<const Symbol> symbols,
                                         std::span<const PolygonChannel> channels);

// The client side of one connection. Feed it every frame; it says what to send and what it got.
class PolygonSession {
 public:
  enum class State { connecting, authenticating, subscribed, failed };

  PolygonSession(std::string api_key, std::vector<Symbol> symbols, std::vector<PolygonChannel> channels);

  // A new connection (first or after a reconnect): back to `connecting`.
  void on_connected();
  // One frame from the server. Messages to send go to `outgoing`; data to `data`. An error means the
  // session failed (bad auth, too many connections, malformed frame) and names why.
  Status on_frame(std::string_view text, std::vector<std::string>& outgoing, PolygonFrame& data);

  [[nodiscard]] State state() const { return state_; }
  // Whether reconnecting can help: false after auth_failed / max_connections.
  [[nodiscard]] bool retryable() const { return retryable_; }

 private:
  std::string api_key_;
  std::vector<Symbol> symbols_;
  std::vector<PolygonChannel> channels_;
  State state_ = State::connecting;
  bool retryable_ = true;
};

}  // namespace streams::live
