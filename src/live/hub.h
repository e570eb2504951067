#pragma once
// Hub: the live fan-out of one server, without a transport (server/ moves its frames over
// WebSocket, like api/ for HTTP). It subscribes to the bus, keeps the recent bars of every
// symbol, runs streaming indicators (analytics/indicators/streaming.h) on the bars clients ask
// for, and fills each client's bounded, conflating outbox (conflating_queue.h).
//
// Protocol (documented in src/api/schema/openapi.json under /api/v1/live and in live/README.md):
//  client → server, one JSON object per text message:
//    {"type":"subscribe","symbols":["AAPL"],"channels":["trades","bars1s","bars1m"],
//     "indicators":["rsi(timeperiod=14)"]}      (indicators: optional; replaces the client's set)
//    {"type":"unsubscribe","symbols":["AAPL"],"channels":["trades"]}   (channels optional = all)
//    {"type":"ping"}
//  server → client: every frame is a JSON array of messages, each with a "type":
//    status, snapshot, trade, bar, heartbeat, error (fields in live/README.md).
//
// Threads: on_batch runs on the bus publisher's thread; receive()/take_frame() on the client's
// connection thread; heartbeats on the hub's own thread. One mutex guards the subscription and
// series state; each client's outbox has its own. The wake callback of a client is called (from
// any of those threads) when its outbox becomes non-empty and must only schedule a write.
//
// Life cycle: the Hub outlives its clients. A client unregisters in its destructor.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "live/bus.h"
#include "live/conflating_queue.h"
#include "live/indicators.h"

namespace streams::live {

struct HubOptions {
  std::size_t queue_capacity = 10'000;     // messages per client outbox
  std::size_t max_subscriptions = 200;     // (symbol, channel) pairs per client
  std::size_t max_indicators = 8;          // indicator specs per client
  std::size_t history = 500;               // bars kept per symbol and channel (snapshots, warm-up)
  std::chrono::milliseconds heartbeat{5'000};
  std::size_t max_message_bytes = 64 * 1024;  // client → server
};

struct HubStats {
  std::uint64_t clients = 0;
  std::uint64_t trades_in = 0;
  std::uint64_t bars_in = 0;
  std::uint64_t messages_out = 0;  // queued for clients
};

class HubClient;
using WakeFn = std::function<void()>;

class Hub {
 public:
  explicit Hub(Bus& bus, HubOptions options = {});
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // A new client; its outbox starts with a "connected" status message.
  std::shared_ptr<HubClient> connect(WakeFn wake);
  [[nodiscard]] HubStats stats() const;
  [[nodiscard]] const HubOptions& options() const { return options_; }
  // The feed's last status (source empty until one arrived).
  [[nodiscard]] FeedStatus feed_status() const;

  // For tests and the pipeline of `serve`: what the bus delivers (public so a test can feed it).
  void on_batch(const LiveBatch& batch);
  // Queues a heartbeat to every client now (the hub's thread does it every options.heartbeat).
  void heartbeat_now();

 private:
  friend class HubClient;
  struct Indicator {
    std::string spec;  // as the client wrote it
    std::vector<std::string> outputs;
    std::unique_ptr<LiveIndicator> state;
    std::vector<double> last;  // outputs at the last final bar
    int refs = 0;
  };
  struct Series {
    std::deque<Bar> history;
    std::vector<Indicator> indicators;
  };
  struct Subscriber {
    HubClient* client;
    std::uint8_t channels;
  };
  struct SymbolState {
    std::vector<Subscriber> subscribers;
    Series series[2];
  };

  void remove(HubClient* client);
  void handle_subscribe(HubClient& client, const struct ClientRequest& request);
  void handle_unsubscribe(HubClient& client, const struct ClientRequest& request);
  void set_channels(HubClient& client, const Symbol& symbol, std::uint8_t channels);
  Status acquire(Series& series, const std::string& spec);
  void release(Series& series, const std::string& spec);
  std::string snapshot(const Symbol& symbol, BarInterval interval, const Series& series,
                       const std::vector<std::string>& specs) const;
  std::string render_bar(const LiveBar& bar, const Series* series) const;
  std::string status_message(std::string_view status, const HubClient* client) const;
  void heartbeat_loop();

  Bus& bus_;
  HubOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<Symbol, SymbolState> symbols_;
  std::unordered_set<HubClient*> clients_;
  FeedStatus feed_;
  std::unordered_set<Symbol> known_;
  std::atomic<std::uint64_t> trades_in_{0};
  std::atomic<std::uint64_t> bars_in_{0};
  std::atomic<std::uint64_t> messages_out_{0};

  std::mutex heartbeat_mutex_;
  std::condition_variable heartbeat_wake_;
  bool stopping_ = false;
  std::thread heartbeat_thread_;
  std::unique_ptr<BusSubscription> subscription_;
};

class HubClient {
 public:
  HubClient(Hub& hub, WakeFn wake, std::size_t capacity) : hub_(hub), wake_(std::move(wake)), queue_(capacity) {}
  ~HubClient();
  HubClient(const HubClient&) = delete;
  HubClient& operator=(const HubClient&) = delete;

  // A message from the client (one text frame). Replies (status, snapshots, errors) are queued.
  void receive(std::string_view text);
  // Replaces `frame` with a JSON array of every queued message; false when nothing is queued.
  bool take_frame(std::string& frame);
  [[nodiscard]] std::uint64_t dropped() const;
  [[nodiscard]] std::uint64_t conflated() const;

 private:
  friend class Hub;
  struct Staged {
    SharedText text;
    MessageClass kind;
    std::optional<std::uint64_t> key;
  };
  void push(SharedText text, MessageClass kind, std::optional<std::uint64_t> key = std::nullopt);
  void push_error(std::string_view code, std::string_view message);
  void flush_staged();

  Hub& hub_;
  WakeFn wake_;
  mutable std::mutex outbox_mutex_;
  ConflatingQueue queue_;
  bool notified_ = false;
  std::vector<SharedText> drained_;

  // Guarded by hub_.mutex_.
  std::unordered_map<Symbol, std::uint8_t> channels_;
  std::size_t subscription_count_ = 0;
  std::vector<std::string> indicators_;
  std::vector<Staged> staged_;
};

}  // namespace streams::live
