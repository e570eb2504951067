#include "sources/http_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include <charconv>

#include "sources/errc.h"
#include "sources/tls.h"
#include "sources/url.h"

namespace streams::sources {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct HttpClient::Impl {
  HttpOptions options;
  ssl::context tls{ssl::context::tls_client};
  std::string tls_error;  // set when the CA file could not be loaded
};

HttpClient::HttpClient(HttpOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (auto s = configure_tls_client(impl_->tls.native_handle(), impl_->options.ca_file); !s) {
    impl_->tls_error = s.error().message;
  }
}

HttpClient::~HttpClient() = default;

namespace {

Error network_error(const std::string& url, std::string_view step, const beast::error_code& ec) {
  std::string why = ec.message();
  if (ec == beast::error::timeout) why = "timed out";
  if (ec == http::error::partial_message || ec == http::error::end_of_stream || ec == ssl::error::stream_truncated) {
    why = "connection closed before the response was complete";
  }
  return make_error(errc::network, fmt::format("GET {}: {}: {}", redact_url(url), step, why));
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || ptr != value.data() + value.size() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(seconds);
}

template <class Stream>
asio::awaitable<Result<HttpResponse>> exchange(Stream& stream, const Url& url, const std::string& full,
                                               const HttpOptions& options) {
  beast::error_code ec;
  http::request<http::empty_body> request{http::verb::get, url.target, 11};
  const bool default_port = (url.scheme == "https" && url.port == "443") || (url.scheme == "http" && url.port == "80");
  const std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  request.set(http::field::host, default_port ? host : host + ":" + url.port);
  request.set(http::field::user_agent, options.user_agent);
  request.set(http::field::accept, "application/json, text/csv, */*");
  request.set(http::field::connection, "close");
  beast::get_lowest_layer(stream).expires_after(options.timeout);
  co_await http::async_write(stream, request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return network_error(full, "sending the request", ec);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(options.max_body_bytes);
  beast::get_lowest_layer(stream).expires_after(options.timeout);
  co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return network_error(full, "reading the response", ec);
  auto& message = parser.get();
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  response.body = std::move(message.body());
  if (auto found = message.find(http::field::retry_after); found != message.end()) {
    response.retry_after = parse_retry_after(std::string_view(found->value().data(), found->value().size()));
  }
  co_return response;
}

asio::awaitable<void> fetch(HttpClient::Impl& impl, Url url, std::string full, Result<HttpResponse>& out) {
  auto executor = co_await asio::this_coro::executor;
  beast::error_code ec;
  tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(url.host, url.port, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    out = network_error(full, "resolving the host", ec);
    co_return;
  }
  beast::tcp_stream tcp_stream(executor);
  tcp_stream.expires_after(impl.options.timeout);
  co_await tcp_stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    out = network_error(full, "connecting", ec);
    co_return;
  }
  if (url.scheme == "http") {
    out = co_await exchange(tcp_stream, url, full, impl.options);
    tcp_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), impl.tls);
  // SNI for names; the certificate must match the host name, or the IP address for a literal.
  set_tls_peer(stream.native_handle(), url.host);
  beast::get_lowest_layer(stream).expires_after(impl.options.timeout);
  co_await stream.async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    out = network_error(full, "TLS handshake", ec);
    co_return;
  }
  out = co_await exchange(stream, url, full, impl.options);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
  co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));  // errors do not matter here
}

}  // namespace

Result<HttpResponse> HttpClient::get(std::string_view url_text) {
  if (!impl_->tls_error.empty()) return make_error(errc::network, impl_->tls_error);
  auto url = parse_url(url_text);
  if (!url) return url.error();
  Result<HttpResponse> out = make_error(errc::network, "not run");
  asio::io_context io;
  asio::co_spawn(io, fetch(*impl_, std::move(*url), std::string(url_text), out), asio::detached);
  io.run();
  return out;
}

}  // namespace streams::sources
