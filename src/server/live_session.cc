// One live WebSocket connection: the hub's frames out, client messages in.
#include "server/live_session.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <memory>

#include "core/log.h"
#include "live/hub.h"

namespace streams::server::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

constexpr int send_buffer_bytes = 256 * 1024;

class LiveSession : public std::enable_shared_from_this<LiveSession> {
 public:
  explicit LiveSession(beast::tcp_stream stream) : ws_(std::move(stream)), wake_(ws_.get_executor()) {}

  asio::awaitable<bool> accept(const beast::http::request<beast::http::string_body>& request, std::size_t max_message) {
    beast::get_lowest_layer(ws_).expires_never();  // the websocket stream keeps its own timeouts
    // A modest kernel send buffer: a slow client backs up into its conflating outbox (latest bar
    // per series) rather than into megabytes of stale frames in the kernel.
    beast::error_code option_ec;
    beast::get_lowest_layer(ws_).socket().set_option(asio::socket_base::send_buffer_size(send_buffer_bytes), option_ec);
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(beast::http::field::server, "streams"); }));
    ws_.read_message_max(max_message);
    beast::error_code ec;
    co_await ws_.async_accept(request, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) log::debug("live: handshake: {}", ec.message());
    co_return !ec;
  }

  void attach(std::shared_ptr<live::HubClient> client) { client_ = std::move(client); }

  // On the strand: wakes the writer.
  void wake() { wake_.cancel(); }

  // On the strand: shutdown.
  void close() {
    closed_ = true;
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
    wake_.cancel();
  }

  asio::awaitable<void> write_loop() {
    auto self = shared_from_this();
    beast::error_code ec;
    ws_.text(true);
    while (!closed_) {
      if (client_->take_frame(frame_)) {
        co_await ws_.async_write(asio::buffer(frame_), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        ++frames_;
      } else {
        wake_.expires_at(asio::steady_timer::time_point::max());
        co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
    }
    closed_ = true;
  }

  asio::awaitable<void> read_loop() {
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (!closed_) {
      co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec != websocket::error::closed && ec != asio::error::operation_aborted && ec != asio::error::eof &&
            ec != asio::error::connection_reset) {
          log::debug("live: read: {}", ec.message());
        }
        break;
      }
      const auto data = buffer.cdata();
      client_->receive(std::string_view(static_cast<const char*>(data.data()), data.size()));
      buffer.consume(buffer.size());
    }
    closed_ = true;
    wake_.cancel();
  }

  [[nodiscard]] std::size_t frames() const { return frames_; }

 private:
  websocket::stream<beast::tcp_stream> ws_;
  asio::steady_timer wake_;
  std::shared_ptr<live::HubClient> client_;
  std::string frame_;
  std::size_t frames_ = 0;
  bool closed_ = false;
};

}  // namespace

asio::awaitable<std::size_t> serve_live(beast::tcp_stream stream, beast::http::request<beast::http::string_body> request,
                                        live::Hub& hub, const std::function<void(std::function<void()>)>& set_close) {
  auto executor = stream.get_executor();
  auto session = std::make_shared<LiveSession>(std::move(stream));
  if (!co_await session->accept(request, hub.options().max_message_bytes)) co_return 0;
  std::weak_ptr<LiveSession> weak = session;
  session->attach(hub.connect([weak, executor] {
    asio::post(executor, [weak] {
      if (auto s = weak.lock()) s->wake();
    });
  }));
  set_close([weak] {
    if (auto s = weak.lock()) s->close();
  });
  asio::co_spawn(executor, session->write_loop(), asio::detached);
  co_await session->read_loop();
  co_return session->frames();
}

}  // namespace streams::server::detail
