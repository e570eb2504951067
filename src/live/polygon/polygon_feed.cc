#include "live/polygon/polygon_feed.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>

#include "core/log.h"
#include "live/errc.h"
#include "sources/tls.h"
#include "sources/url.h"

namespace streams::live {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

std::chrono::milliseconds backoff_delay(const Backoff& backoff, unsigned attempt, double unit) {
  const double initial = static_cast<double>(backoff.initial.count());
  const double cap = static_cast<double>(backoff.max.count());
  const double d = std::min(cap, initial * std::pow(2.0, static_cast<double>(std::min(attempt, 62u))));
  const double jitter = std::clamp(backoff.jitter, 0.0, 1.0);
  const double u = std::clamp(unit, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(d - jitter * d * u)));
}

Result<WsEndpoint> parse_ws_url(std::string_view url) {
  std::string lower(url.substr(0, std::min<std::size_t>(url.size(), 6)));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!lower.starts_with("wss://")) {
    return make_error(errc::feed_unavailable, fmt::format("polygon WebSocket URL '{}': only wss:// (TLS) is supported",
                                                          sources::redact_url(url)));
  }
  auto parsed = sources::parse_url("https://" + std::string(url.substr(6)));
  if (!parsed)
    return make_error(errc::feed_unavailable, fmt::format("polygon WebSocket URL: {}", parsed.error().message));
  return WsEndpoint{parsed->host, parsed->port, parsed->target};
}

Result<std::vector<PolygonChannel>> parse_polygon_channels(std::string_view text) {
  std::vector<PolygonChannel> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    std::string name(text.substr(begin, comma - begin));
    std::erase_if(name, [](unsigned char c) { return std::isspace(c); });
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
    PolygonChannel channel{};
    if (name == "T") {
      channel = PolygonChannel::trades;
    } else if (name == "Q") {
      channel = PolygonChannel::quotes;
    } else if (name == "A") {
      channel = PolygonChannel::second_aggregates;
    } else if (name == "AM") {
      channel = PolygonChannel::minute_aggregates;
    } else {
      return make_error(errc::unknown_channel, fmt::format("polygon channel '{}': expected T, Q, A or AM", name));
    }
    if (std::find(out.begin(), out.end(), channel) != out.end()) {
      return make_error(errc::unknown_channel, fmt::format("polygon channel '{}' given twice", name));
    }
    out.push_back(channel);
    begin = comma + 1;
  }
  return out;
}

std::string redact_secret(std::string_view text, std::string_view secret) {
  std::string out(text);
  if (secret.empty()) return out;
  for (std::size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 4)) {
    out.replace(at, secret.size(), "****");
  }
  return out;
}

struct PolygonFeed::Impl {
  PolygonFeedOptions options;
  WsEndpoint endpoint;
  std::string shown_url;  // for log lines
  ssl::context tls{ssl::context::tls_client};
  asio::io_context io;  // after tls: destroyed first, with the connection it may still hold
  std::thread thread;

  mutable std::mutex mutex;  // guards the fields below
  std::vector<Trade> queue;
  std::string mode = "connecting";
  std::string failure;
  Timestamp feed_time;
  PolygonFeedStats stats;

  void set_mode(std::string m) {
    std::lock_guard lock(mutex);
    mode = std::move(m);
  }
  [[nodiscard]] std::string redact(std::string_view text) const { return redact_secret(text, options.api_key); }

  struct Ended {
    std::string why;
    bool stable = false;  // was subscribed for stable_after
  };
  asio::awaitable<Ended> connect_once(PolygonSession& session);
  asio::awaitable<void> run();
};

namespace {

std::string describe(const beast::error_code& ec) {
  if (ec == beast::error::timeout) return "timed out";
  if (ec == websocket::error::closed) return "closed by the server";
  if (ec == asio::error::eof || ec == ssl::error::stream_truncated) return "connection dropped by the server";
  return ec.message();
}

std::string preview(std::string_view text) {
  constexpr std::size_t k_preview_chars = 120;
  std::string out(text.substr(0, k_preview_chars));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  if (text.size() > k_preview_chars) out += "…";
  return out;
}

}  // namespace

asio::awaitable<PolygonFeed::Impl::Ended> PolygonFeed::Impl::connect_once(PolygonSession& session) {
  auto executor = co_await asio::this_coro::executor;
  beast::error_code ec;
  tcp::resolver resolver(executor);
  auto endpoints =
      co_await resolver.async_resolve(endpoint.host, endpoint.port, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return Ended{fmt::format("resolving {}: {}", endpoint.host, describe(ec))};

  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws(executor, tls);
  beast::get_lowest_layer(ws).expires_after(options.timeout);
  co_await beast::get_lowest_layer(ws).async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return Ended{fmt::format("connecting: {}", describe(ec))};
  sources::set_tls_peer(ws.next_layer().native_handle(), endpoint.host);
  beast::get_lowest_layer(ws).expires_after(options.timeout);
  co_await ws.next_layer().async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return Ended{fmt::format("TLS handshake: {}", describe(ec))};
  beast::get_lowest_layer(ws).expires_never();  // the WebSocket's own timeouts from here
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = options.timeout;
  timeouts.idle_timeout = options.idle_timeout;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::request_type& request) { request.set(beast::http::field::user_agent, "streams/0.1"); }));
  ws.read_message_max(64u << 20);
  // A named local, not a temporary inside the co_await expression (GCC 12 mis-destroys those).
  std::string host = endpoint.host.find(':') != std::string::npos ? "[" + endpoint.host + "]" : endpoint.host;
  if (endpoint.port != "443") host += ":" + endpoint.port;
  co_await ws.async_handshake(host, endpoint.target, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return Ended{fmt::format("WebSocket handshake: {}", describe(ec))};
  {
    std::lock_guard lock(mutex);
    ++stats.connections;
  }
  log::info("polygon: connected to {}", shown_url);

  session.on_connected();
  std::optional<std::chrono::steady_clock::time_point> subscribed_at;
  auto stable = [&] {
    return subscribed_at && std::chrono::steady_clock::now() - *subscribed_at >= options.stable_after;
  };
  beast::flat_buffer buffer;
  std::vector<std::string> outgoing;
  for (;;) {
    buffer.clear();
    co_await ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return Ended{describe(ec), stable()};
    const std::string text = beast::buffers_to_string(buffer.data());
    outgoing.clear();
    PolygonFrame data;
    const auto state_before = session.state();
    auto handled = session.on_frame(text, outgoing, data);
    if (!handled) {
      if (!session.retryable()) co_return Ended{redact(handled.error().message), false};
      std::uint64_t malformed = 0;
      {
        std::lock_guard lock(mutex);
        ++stats.frames;
        malformed = ++stats.malformed;
      }
      log::warn("polygon: malformed frame dropped ({} so far): {}: {}", malformed, handled.error().message,
                redact(preview(text)));
      continue;
    }
    for (const PolygonStatus& s : data.statuses) {
      if (s.status == "auth_success") {
        log::info("polygon: authenticated; subscribing to {} symbols", options.symbols.size());
      } else if (s.status == "connected" || s.status == "success") {
        log::debug("polygon: status {}: {}", s.status, redact(s.message));
      } else {
        log::warn("polygon: status {}: {}", s.status, redact(s.message));  // force_disconnect, slow_consumer, error …
      }
    }
    bool now_live = false;
    {
      std::lock_guard lock(mutex);
      ++stats.frames;
      stats.trades += data.trades.size();
      stats.quotes += data.quotes.size();
      stats.aggregates += data.bars.size();
      stats.ignored += data.ignored;
      for (const PolygonStatus& s : data.statuses) {
        if (s.status == "auth_success") ++stats.authentications;
      }
      const std::size_t room = options.queue_capacity > queue.size() ? options.queue_capacity - queue.size() : 0;
      const std::size_t take = std::min(room, data.trades.size());
      queue.insert(queue.end(), data.trades.begin(), data.trades.begin() + static_cast<std::ptrdiff_t>(take));
      stats.dropped += data.trades.size() - take;
      if (state_before != PolygonSession::State::subscribed && session.state() == PolygonSession::State::subscribed) {
        mode = "live";
        now_live = true;
      }
    }
    if (now_live) subscribed_at = std::chrono::steady_clock::now();
    for (const std::string& message : outgoing) {  // never logged: the first one carries the key
      co_await ws.async_write(asio::buffer(message), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return Ended{fmt::format("sending: {}", describe(ec)), stable()};
    }
  }
}

asio::awaitable<void> PolygonFeed::Impl::run() {
  PolygonSession session(options.api_key, options.symbols, options.channels);
  std::mt19937_64 rng(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  asio::steady_timer timer(co_await asio::this_coro::executor);
  unsigned attempt = 0;
  for (;;) {
    Ended ended = co_await connect_once(session);
    if (!session.retryable()) {
      const bool auth = ended.why.find("auth_failed") != std::string::npos;
      {
        std::lock_guard lock(mutex);
        mode = auth ? "auth_failed" : "max_connections";
        failure = ended.why;
      }
      log::error("polygon: {} — not reconnecting ({})", ended.why,
                 auth ? "check POLYGON_API_KEY / [polygon] api_key" : "close the other connections of this key");
      co_return;
    }
    if (ended.stable) attempt = 0;
    const auto delay = backoff_delay(options.backoff, attempt, unit(rng));
    ++attempt;
    set_mode("reconnecting");
    log::warn("polygon: {}: {}; reconnecting in {} ms", shown_url, ended.why, delay.count());
    timer.expires_after(delay);
    beast::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

PolygonFeed::PolygonFeed(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<PolygonFeed>> PolygonFeed::start(PolygonFeedOptions options) {
  if (options.api_key.empty()) {
    return make_error(errc::feed_unavailable, "polygon feed: no API key (POLYGON_API_KEY or [polygon] api_key)");
  }
  if (options.symbols.empty()) return make_error(errc::feed_unavailable, "polygon feed: no symbols to subscribe to");
  if (options.channels.empty()) return make_error(errc::feed_unavailable, "polygon feed: no channels to subscribe to");
  auto endpoint = parse_ws_url(options.url);
  if (!endpoint) return endpoint.error();
  auto impl = std::make_unique<Impl>();
  if (auto s = sources::configure_tls_client(impl->tls.native_handle(), options.ca_file); !s) {
    return make_error(errc::feed_unavailable, "polygon feed: " + s.error().message);
  }
  impl->shown_url = sources::redact_url(options.url);
  impl->options = std::move(options);
  impl->endpoint = std::move(*endpoint);
  Impl* raw = impl.get();
  asio::co_spawn(raw->io, raw->run(), asio::detached);
  raw->thread = std::thread([raw] { raw->io.run(); });
  log::info("polygon: feed of {} symbols from {}", raw->options.symbols.size(), raw->shown_url);
  return std::unique_ptr<PolygonFeed>(new PolygonFeed(std::move(impl)));
}

PolygonFeed::~PolygonFeed() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  const PolygonFeedStats s = stats();
  log::info(
      "polygon: {} connections, {} authentications, {} frames, {} trades, {} quotes, {} aggregates, "
      "{} ignored events, {} malformed frames, {} trades dropped",
      s.connections, s.authentications, s.frames, s.trades, s.quotes, s.aggregates, s.ignored, s.malformed, s.dropped);
}

Timestamp PolygonFeed::poll(Timestamp real_now, std::vector<Trade>& trades) {
  const Timestamp feed_now = Timestamp::from_millis(real_now.millis() - impl_->options.lateness.count());
  std::lock_guard lock(impl_->mutex);
  trades.insert(trades.end(), std::make_move_iterator(impl_->queue.begin()),
                std::make_move_iterator(impl_->queue.end()));
  impl_->queue.clear();
  impl_->feed_time = feed_now;
  return feed_now;
}

FeedStatus PolygonFeed::status() const {
  std::lock_guard lock(impl_->mutex);
  return FeedStatus{"polygon", impl_->mode, impl_->feed_time, impl_->options.symbols};
}

PolygonFeedStats PolygonFeed::stats() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->stats;
}

std::string PolygonFeed::failure() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->failure;
}

}  // namespace streams::live
