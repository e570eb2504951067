#pragma once
// A Redis connection (hiredis, RESP2) with timeouts and reconnection with back-off, and the
// redis:// URL it is configured from. hiredis stays inside connection.cc and redis_pubsub.cc.
//
// Thread safety: RedisConnection serialises its commands with a mutex (one request in flight).
// Roles that block (XREADGROUP … BLOCK, SUBSCRIBE) use a connection of their own.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct redisContext;

namespace streams::cache {

// redis://[[user]:password@]host[:port][/db]   (port 6379, db 0 by default; IPv6 as [::1])
struct RedisUrl {
  std::string host;
  int port = 6379;
  std::string user;
  std::string password;
  int db = 0;
  // The URL with the password masked, for log lines.
  [[nodiscard]] std::string redacted() const;
};

Result<RedisUrl> parse_redis_url(std::string_view text);

struct RedisOptions {
  RedisUrl url;
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{1000};
  std::chrono::milliseconds backoff_min{50};   // after the first failure, wait this long…
  std::chrono::milliseconds backoff_max{2000};  // …doubling up to this, before connecting again
};

// One reply, owned (RESP2 types).
struct RedisReply {
  enum class Type : std::uint8_t { nil, status, error, integer, string, array };
  Type type = Type::nil;
  long long integer = 0;
  std::string str;  // status, error, string
  std::vector<RedisReply> elements;

  [[nodiscard]] bool is_nil() const { return type == Type::nil; }
};

// Converts one hiredis reply tree (a redisReply*) into a RedisReply.
RedisReply convert_reply(const void* hiredis_reply);

class RedisConnection {
 public:
  explicit RedisConnection(RedisOptions options);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command and waits for its reply. An error reply becomes errc::command_failed; a
  // connection that cannot be made (or is in its back-off window) or breaks errc::unavailable,
  // and the next call reconnects. Commands are never re-sent automatically (INCR, XADD are not
  // idempotent): callers decide.
  Result<RedisReply> command(const std::vector<std::string>& args);
  Result<RedisReply> command(std::initializer_list<std::string_view> args);
  // As command(), with a longer read timeout for this one call (XREADGROUP … BLOCK).
  Result<RedisReply> command_with_timeout(const std::vector<std::string>& args, std::chrono::milliseconds timeout);

  // PING; true when answered.
  bool ping();
  [[nodiscard]] const RedisOptions& options() const { return options_; }

 private:
  Status ensure_connected_locked();
  void drop_locked(std::string reason);

  RedisOptions options_;
  std::mutex mutex_;
  redisContext* context_ = nullptr;
  std::chrono::steady_clock::time_point next_attempt_{};
  std::chrono::milliseconds backoff_{0};
  std::string last_error_;
};

// Opens a raw hiredis context (connected, authenticated, database selected) for the roles that
// drive the socket themselves (pub/sub). The caller frees it with redisFree().
Result<redisContext*> open_redis_context(const RedisOptions& options);

}  // namespace streams::cache
