#pragma once
// Internal to server/: one upgraded GET /api/v1/live connection (live_session.cc), started by
// http_session.cc. Beast is included here, so only those two files include this header.

#include <utility>  // before Asio (Boost 1.74 with g++ 12)

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>
#include <string>

namespace streams::live {
class Hub;
}

namespace streams::server::detail {

// Accepts the WebSocket handshake of `request` on `stream` and serves the hub's protocol until the
// connection closes: a reader (client messages → HubClient::receive) and a writer (one frame in
// flight: whatever the client's outbox holds, as one JSON array) on the connection's strand.
// `set_close` receives a function that closes the connection; the caller runs it on the
// connection's strand at shutdown. Returns the number of frames written.
boost::asio::awaitable<std::size_t> serve_live(boost::beast::tcp_stream stream,
                                               boost::beast::http::request<boost::beast::http::string_body> request,
                                               live::Hub& hub, const std::function<void(std::function<void()>)>& set_close);

}  // namespace streams::server::detail
