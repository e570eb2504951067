// The real server on a free loopback port, over plain sockets: keep-alive, limits, timeouts,
// gzip, HEAD, the catch boundary and graceful shutdown.
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "api/api.h"
#include "api/tests/fake_store.h"
#include "cache/lru_cache.h"

namespace streams::server {
namespace {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  [[nodiscard]] bool connected() const { return connected_; }
  bool send(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // Reads one response (Content-Length framed; `head` = no body expected).
  std::optional<HttpReply> read(bool head = false) {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    HttpReply reply;
    const std::string head_text = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    std::size_t line_end = head_text.find("\r\n");
    const std::string status_line = head_text.substr(0, line_end);
    reply.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      const std::string line = head_text.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = line.substr(colon + 2);
    }
    std::size_t length = 0;
    if (reply.headers.count("content-length")) length = std::stoul(reply.headers["content-length"]);
    if (head || reply.status == 304) length = 0;
    while (buffer_.size() < length) {
      if (!fill()) return std::nullopt;
    }
    reply.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return reply;
  }
  // Whether the server closed the connection (recv returns 0) within the receive timeout.
  bool closed_by_peer() {
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool fill() {
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

std::string get(std::string_view target, std::string_view extra = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra) + "\r\n";
}

std::string gunzip(const std::string& data) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    api::testing::fill_demo(store_);
    api_ = std::make_unique<api::Api>(store_, &cache_, &versions_);
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.web_root = "/nonexistent/web/dist";
    options.idle_timeout = std::chrono::milliseconds(400);
    options.gzip_min_bytes = 100;
    options.access_log = false;
    options.handle_signals = false;
    options.shutdown_grace = std::chrono::milliseconds(2000);
    server_ = std::make_unique<Server>(options, *api_);
    auto port = server_->listen();
    ASSERT_TRUE(port.ok()) << port.error().message;
    port_ = *port;
    ASSERT_NE(port_, 0);
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  api::testing::FakeStore store_;
  cache::LruCache cache_;
  cache::Versions versions_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Client client(port_);
  ASSERT_TRUE(client.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.send(get("/healthz")));
    auto reply = client.read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, R"({"status":"ok"})");
    EXPECT_EQ(reply->headers["content-type"], "application/json");
  }
  // Pipelined: two requests in one write, two answers in order.
  ASSERT_TRUE(client.send(get("/healthz") + get("/api/v1/macro/NOPE")));
  EXPECT_EQ(client.read()->status, 200);
  EXPECT_EQ(client.read()->status, 404);
}

TEST_F(ServerTest, ApiAnswersWithRealValues) {
  Client client(port_);
  ASSERT_TRUE(client.send(get("/api/v1/bars?symbols=AAPL&from=2020-08-28&to=2020-08-31&adjust=none")));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_NE(reply->body.find("\"close\":[499.23,129.04]"), std::string::npos) << reply->body;
  ASSERT_TRUE(client.send(get("/api/v1/bars?symbols=AAPL&bogus=1")));
  reply = client.read();
  EXPECT_EQ(reply->status, 400);
  EXPECT_NE(reply->body.find("unknown parameter 'bogus'"), std::string::npos);
  ASSERT_TRUE(client.send("DELETE /api/v1/bars HTTP/1.1\r\nHost: t\r\n\r\n"));
  reply = client.read();
  EXPECT_EQ(reply->status, 405);
  EXPECT_EQ(reply->headers["allow"], "GET, HEAD");
}

TEST_F(ServerTest, GzipWhenAcceptedAndLargeEnough) {
  Client client(port_);
  ASSERT_TRUE(client.send(get("/api/v1/instruments", "Accept-Encoding: gzip, br\r\n")));
  auto zipped = client.read();
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->headers["content-encoding"], "gzip");
  EXPECT_EQ(zipped->headers["vary"], "Accept-Encoding");
  ASSERT_TRUE(client.send(get("/api/v1/instruments")));
  auto plain = client.read();
  EXPECT_EQ(plain->headers.count("content-encoding"), 0u);
  EXPECT_EQ(gunzip(zipped->body), plain->body);
  EXPECT_NE(plain->body.find("\"count\":4"), std::string::npos);
  // Small bodies stay as they are.
  ASSERT_TRUE(client.send(get("/healthz", "Accept-Encoding: gzip\r\n")));
  EXPECT_EQ(client.read()->headers.count("content-encoding"), 0u);
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  Client client(port_);
  ASSERT_TRUE(client.send("HEAD /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto reply = client.read(true);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers["content-length"], "15");
  // The connection is still in sync: the next answer is the next request's.
  ASSERT_TRUE(client.send(get("/api/v1/macro/NOPE")));
  EXPECT_EQ(client.read()->status, 404);
}

TEST_F(ServerTest, BodyOverTheLimitIs413) {
  Client client(port_);
  ASSERT_TRUE(client.send("POST /api/v1/bars HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n"));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_NE(reply->body.find("payload_too_large"), std::string::npos);
  EXPECT_EQ(reply->headers["connection"], "close");
}

TEST_F(ServerTest, HeaderOverTheLimitIs431) {
  Client client(port_);
  ASSERT_TRUE(client.send("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n"));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 431);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  Client client(port_);
  ASSERT_TRUE(client.send("THIS IS NOT HTTP\r\n\r\n"));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_NE(reply->body.find("bad_request"), std::string::npos);
}

TEST_F(ServerTest, MalformedTargetEncodingIsJson400) {
  Client client(port_);
  ASSERT_TRUE(client.send(get("/api/v1/bars?symbols=%zz")));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_NE(reply->body.find("\"code\":\"bad_request\""), std::string::npos) << reply->body;
}

TEST_F(ServerTest, ExceptionInAHandlerIs500AndTheServerGoesOn) {
  store_.throw_on_instruments = true;
  Client client(port_);
  ASSERT_TRUE(client.send(get("/api/v1/instruments?q=zzz")));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  EXPECT_EQ(reply->body, R"({"error":{"code":"internal","message":"internal error"}})");
  ASSERT_TRUE(client.send(get("/healthz")));
  EXPECT_EQ(client.read()->status, 200);
}

TEST_F(ServerTest, StaticPathsAndTraversal) {
  Client client(port_);
  ASSERT_TRUE(client.send(get("/favicon.ico")));
  auto reply = client.read();
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers["content-type"], "image/x-icon");
  ASSERT_TRUE(client.send(get("/%2e%2e/%2e%2e/etc/passwd")));
  reply = client.read();
  EXPECT_EQ(reply->status, 400);
  EXPECT_EQ(reply->body.find("root:"), std::string::npos);
}

TEST_F(ServerTest, IdleConnectionsAreClosed) {
  Client client(port_);
  ASSERT_TRUE(client.send(get("/healthz")));
  ASSERT_TRUE(client.read());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_peer());
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(300));
  EXPECT_LT(waited, std::chrono::milliseconds(3000));
}

TEST_F(ServerTest, MetricsCountWhatWasServed) {
  Client client(port_);
  ASSERT_TRUE(client.send(get("/api/v1/sectors")));
  ASSERT_TRUE(client.read());
  ASSERT_TRUE(client.send(get("/metrics")));
  auto reply = client.read();
  ASSERT_TRUE(reply);
  EXPECT_NE(reply->body.find("streams_http_requests_total{route=\"/api/v1/sectors\",status=\"200\"} 1"),
            std::string::npos)
      << reply->body;
}

TEST(ServerShutdownTest, StopClosesIdleConnectionsAndReturnsPromptly) {
  api::testing::FakeStore store;
  api::Api api(store, nullptr, nullptr);
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.handle_signals = false;
  options.access_log = false;
  Server server(options, api);
  auto port = server.listen();
  ASSERT_TRUE(port.ok());
  std::thread runner([&] { server.run(); });
  Client idle(*port);
  ASSERT_TRUE(idle.send(get("/healthz")));
  ASSERT_TRUE(idle.read());
  const auto start = std::chrono::steady_clock::now();
  server.stop();
  runner.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(idle.closed_by_peer());
  // No longer accepting.
  Client late(*port);
  EXPECT_FALSE(late.connected());
}

TEST(ServerListenTest, BusyPortIsAnError) {
  api::testing::FakeStore store;
  api::Api api(store, nullptr, nullptr);
  ServerOptions options;
  options.port = 0;
  options.handle_signals = false;
  Server first(options, api);
  auto port = first.listen();
  ASSERT_TRUE(port.ok());
  options.port = *port;
  Server second(options, api);
  auto again = second.listen();
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find(std::to_string(*port)), std::string::npos);
}

}  // namespace
}  // namespace streams::server
