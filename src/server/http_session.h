#pragma once
// Internal to server/: one HTTP connection (http_session.cc) and what every connection shares
// with the listener (server.cc). Asio only — Beast stays inside http_session.cc.

#include <utility>  // before Asio (Boost 1.74 with g++ 12)

#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <cstdint>
#include <memory>

#include "server/server.h"

namespace streams::api {
class Api;
}
namespace streams::live {
class Hub;
}

namespace streams::server {

class StaticFiles;

namespace detail {

class HttpSession;

// Implemented by the server: the session registry that graceful shutdown walks.
class SessionHost {
 public:
  virtual ~SessionHost() = default;
  [[nodiscard]] virtual const ServerOptions& options() const = 0;
  [[nodiscard]] virtual api::Api& api() = 0;
  [[nodiscard]] virtual const StaticFiles& files() const = 0;
  [[nodiscard]] virtual live::Hub* hub() = 0;  // null: live streams disabled
  [[nodiscard]] virtual bool stopping() const = 0;
  virtual void add(const std::shared_ptr<HttpSession>& session) = 0;
  virtual void remove(const HttpSession* session) = 0;
};

// Starts serving a connection on the socket's executor (a strand). The session registers itself
// with the host and removes itself when the connection is closed.
void start_session(boost::asio::ip::tcp::socket socket, SessionHost& host);

// Asks a session to close: at once when it waits for a request, else after the response in flight.
void request_close(const std::shared_ptr<HttpSession>& session);

}  // namespace detail
}  // namespace streams::server
