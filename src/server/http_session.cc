// One HTTP/1.1 connection: read a request, answer it, repeat while kept alive.
#include "server/http_session.h"

#include <utility>  // before Asio (Boost 1.74 with g++ 12)

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>

#include "api/api.h"
#include "api/errc.h"
#include "core/log.h"
#include "server/content_type.h"
#include "server/encoding.h"
#include "server/live_session.h"
#include "server/static_files.h"

namespace streams::server::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, SessionHost& host) : stream_(std::move(socket)), host_(host) {
    beast::error_code ec;
    const tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      address_ = remote.address().to_string();
      peer_ = address_ + ":" + std::to_string(remote.port());
    }
  }

  asio::awaitable<void> run();

  // On the session's strand.
  void close_now_or_after_response() {
    close_requested_ = true;
    if (close_live_) {
      close_live_();
    } else if (idle_) {
      stream_.cancel();
    }
  }

  asio::any_io_executor executor() { return stream_.get_executor(); }

 private:
  using Response = http::response<http::string_body>;

  Response answer(const http::request<http::string_body>& request, std::size_t& route);
  Response error_reply(int status, std::string_view code, std::string_view message, unsigned version);
  asio::awaitable<bool> write(Response& response);
  asio::awaitable<void> linger();
  void access_log(std::string_view method, std::string_view target, unsigned status, std::size_t bytes,
                  Clock::time_point start, std::size_t route);

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  SessionHost& host_;
  std::string peer_ = "?";
  std::string address_;
  bool idle_ = true;
  bool close_requested_ = false;
  std::function<void()> close_live_;  // set while the connection is a live WebSocket
};

namespace {

bool expected_close(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::error::broken_pipe ||
         ec == http::error::partial_message;
}

}  // namespace

HttpSession::Response HttpSession::error_reply(int status, std::string_view code, std::string_view message,
                                               unsigned version) {
  Response response{static_cast<http::status>(status), version};
  response.set(http::field::server, "streams");
  response.set(http::field::content_type, "application/json");
  response.body() = api::error_body(code, message);
  response.keep_alive(false);
  response.prepare_payload();
  return response;
}

HttpSession::Response HttpSession::answer(const http::request<http::string_body>& request, std::size_t& route) {
  const std::string method(request.method_string());
  const std::string_view target(request.target().data(), request.target().size());
  api::Response reply;
  api::Api& api = host_.api();
  const auto header = [&](http::field field) {
    auto found = request.find(field);
    return found == request.end() ? std::string_view() : std::string_view(found->value().data(), found->value().size());
  };
  try {
    const std::string_view raw_path = target.substr(0, target.find('?'));
    auto parsed = api::make_request(method, target);
    if (!parsed) {
      reply = api::error_response(parsed.error());
      route = api.unmatched_route();
    } else if (api::Api::owns(parsed->path)) {
      parsed->headers.emplace("accept-encoding", header(http::field::accept_encoding));
      parsed->headers.emplace("content-type", header(http::field::content_type));
      parsed->headers.emplace("cookie", header(http::field::cookie));
      if (auto csrf = request.find("X-CSRF-Token"); csrf != request.end()) {
        parsed->headers.emplace("x-csrf-token", std::string(csrf->value().data(), csrf->value().size()));
      }
      parsed->remote_address = address_;
      parsed->body = request.body();
      api::Api::Handled handled = api.handle(std::move(*parsed));
      reply = std::move(handled.response);
      route = handled.route;
    } else {
      reply = host_.files().serve(StaticRequest{method, raw_path, header(http::field::accept_encoding),
                                                header(http::field::if_none_match)});
      route = api.static_route();
    }
    // gzip what is worth it, unless the body is already encoded (precompressed static files).
    bool encoded = false;
    for (const auto& [name, value] : reply.headers) encoded = encoded || name == "Content-Encoding";
    if (!encoded && reply.body.size() >= host_.options().gzip_min_bytes && compressible(reply.content_type)) {
      reply.headers.emplace_back("Vary", "Accept-Encoding");
      if (accepts_encoding(header(http::field::accept_encoding), "gzip")) {
        // A cached body's gzip is cached beside it (same key, so the same invalidation).
        cache::Cache* cache = reply.cache_key.empty() ? nullptr : api.response_cache();
        const std::string gzip_key = cache != nullptr ? "gzip|" + reply.cache_key : std::string();
        std::shared_ptr<const std::string> zipped = cache != nullptr ? cache->get(gzip_key) : nullptr;
        if (!zipped) {
          zipped = std::make_shared<const std::string>(gzip_compress(reply.body));
          if (cache != nullptr) cache->put(gzip_key, zipped);
        }
        reply.body = *zipped;
        reply.headers.emplace_back("Content-Encoding", "gzip");
      }
    }
  } catch (const std::exception& e) {
    // The one catch boundary of a request.
    log::error("{} {}: unhandled exception: {}", method, target, e.what());
    reply = api::json_response(api::error_body("internal", "internal error"), 500);
  } catch (...) {
    log::error("{} {}: unhandled non-standard exception", method, target);
    reply = api::json_response(api::error_body("internal", "internal error"), 500);
  }

  Response response{static_cast<http::status>(reply.status), request.version()};
  response.set(http::field::server, "streams");
  if (!reply.content_type.empty()) response.set(http::field::content_type, reply.content_type);
  for (auto& [name, value] : reply.headers) response.insert(name, value);
  response.keep_alive(request.keep_alive() && !close_requested_ && !host_.stopping());
  const bool head = request.method() == http::verb::head;
  const std::size_t length = reply.body.size();
  if (!head) response.body() = std::move(reply.body);
  if (reply.status == 304 || reply.status == 204) {
    response.body().clear();
  } else {
    response.content_length(length);
  }
  return response;
}

asio::awaitable<bool> HttpSession::write(Response& response) {
  beast::error_code ec;
  stream_.expires_after(host_.options().write_timeout);
  co_await http::async_write(stream_, response, asio::redirect_error(asio::use_awaitable, ec));
  if (ec && !expected_close(ec)) log::debug("{}: write: {}", peer_, ec.message());
  co_return !ec;
}

// After answering a request whose body was not read (413), read and drop what the client still
// sends for a moment, so that it sees the answer instead of a connection reset.
asio::awaitable<void> HttpSession::linger() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.expires_after(std::chrono::seconds(2));
  std::array<char, 16384> sink{};
  std::size_t drained = 0;
  while (!ec && drained < (8u << 20)) {
    drained += co_await stream_.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
  }
}

void HttpSession::access_log(std::string_view method, std::string_view target, unsigned status, std::size_t bytes,
                             Clock::time_point start, std::size_t route) {
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  host_.api().record(route, static_cast<int>(status), elapsed);
  if (host_.options().access_log) {
    log::info("{} {} {} {} {}B {}us", peer_, method, target, status, bytes, elapsed.count());
  }
}

asio::awaitable<void> HttpSession::run() {
  auto self = shared_from_this();
  // However the coroutine ends, the registry forgets this session.
  struct Unregister {
    SessionHost& host;
    const HttpSession* session;
    ~Unregister() { host.remove(session); }
  } unregister{host_, this};
  const ServerOptions& options = host_.options();
  beast::error_code ec;
  bool first = true;
  bool lingering = false;
  while (!close_requested_ && !host_.stopping()) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);

    idle_ = true;
    stream_.expires_after(first || buffer_.size() > 0 ? options.read_timeout : options.idle_timeout);
    first = false;
    co_await http::async_read_header(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
    idle_ = false;
    const Clock::time_point start = Clock::now();
    if (!ec && !parser.is_done()) {
      if (parser.get()[http::field::expect] == "100-continue") {
        http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
        stream_.expires_after(options.write_timeout);
        co_await http::async_write(stream_, go_on, asio::redirect_error(asio::use_awaitable, ec));
      }
      if (!ec) {
        stream_.expires_after(options.read_timeout);
        co_await http::async_read(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
      }
    }
    if (ec) {
      std::optional<Response> reply;
      if (ec == http::error::body_limit) {
        reply = error_reply(413, "payload_too_large",
                            fmt::format("request body larger than {} bytes", options.body_limit), 11);
        lingering = true;
      } else if (ec == http::error::header_limit) {
        reply = error_reply(431, "header_too_large",
                            fmt::format("request header larger than {} bytes", options.header_limit), 11);
        lingering = true;
      } else if (!expected_close(ec) && ec.category() == beast::error_code(http::error::bad_target).category()) {
        reply = error_reply(400, "bad_request", fmt::format("malformed HTTP request: {}", ec.message()), 11);
      } else if (!expected_close(ec)) {
        log::debug("{}: read: {}", peer_, ec.message());
      }
      if (reply) {
        const unsigned status = reply->result_int();
        const std::size_t bytes = reply->body().size();
        co_await write(*reply);
        access_log("-", "-", status, bytes, start, host_.api().unmatched_route());
      }
      break;
    }

    if (beast::websocket::is_upgrade(parser.get())) {
      const std::string_view target(parser.get().target().data(), parser.get().target().size());
      if (target.substr(0, target.find('?')) == "/api/v1/live") {
        if (live::Hub* hub = host_.hub(); hub != nullptr) {
          log::info("{} GET {} 101 (live WebSocket)", peer_, target);
          const std::size_t frames =
              co_await serve_live(std::move(stream_), parser.release(), *hub,
                                  [this](std::function<void()> close) { close_live_ = std::move(close); });
          access_log("GET", "/api/v1/live", 101, frames, start, host_.api().unmatched_route());
          co_return;  // the WebSocket owned the connection and closed it
        }
        Response refused = error_reply(503, "live_disabled", "live streams are disabled on this server (--no-live)", 11);
        co_await write(refused);
        access_log("GET", target, 503, refused.body().size(), start, host_.api().unmatched_route());
        break;
      }
    }

    const http::request<http::string_body>& request = parser.get();
    std::size_t route = 0;
    Response response = answer(request, route);
    const unsigned status = response.result_int();
    const std::size_t bytes = response.body().size();
    const bool keep_alive = response.keep_alive();
    const bool written = co_await write(response);
    access_log(std::string_view(request.method_string().data(), request.method_string().size()),
               std::string_view(request.target().data(), request.target().size()), status, bytes, start, route);
    if (!written || !keep_alive) break;
  }
  if (lingering) {
    co_await linger();
  } else {
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }
  stream_.socket().close(ec);
}

void start_session(tcp::socket socket, SessionHost& host) {
  auto session = std::make_shared<HttpSession>(std::move(socket), host);
  host.add(session);
  asio::co_spawn(session->executor(), session->run(), [session](const std::exception_ptr& error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      log::error("connection {}: {}", static_cast<const void*>(session.get()), e.what());
    }
  });
}

void request_close(const std::shared_ptr<HttpSession>& session) {
  asio::post(session->executor(), [session] { session->close_now_or_after_response(); });
}

}  // namespace streams::server::detail
