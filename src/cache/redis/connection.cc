#include "cache/redis/connection.h"

#include <fmt/format.h>
#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <charconv>
#include <thread>

#include "cache/errc.h"
#include "core/log.h"

namespace streams::cache {
namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

Error url_error(std::string_view text, std::string_view why) {
  // The text may hold a password: name only what is wrong, never echo the whole URL.
  (void)text;
  return make_error(errc::bad_url, fmt::format("redis URL: {}", why));
}

bool parse_int(std::string_view text, int& out, int lo, int hi) {
  if (text.empty()) return false;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < lo || value > hi) return false;
  out = value;
  return true;
}

}  // namespace

std::string RedisUrl::redacted() const {
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::string auth;
  if (!user.empty() || !password.empty()) auth = fmt::format("{}:{}@", user, password.empty() ? "" : "****");
  return fmt::format("redis://{}{}:{}/{}", auth, shown_host, port, db);
}

Result<RedisUrl> parse_redis_url(std::string_view text) {
  constexpr std::string_view scheme = "redis://";
  if (text.substr(0, scheme.size()) != scheme) return url_error(text, "must start with redis://");
  std::string_view rest = text.substr(scheme.size());
  RedisUrl url;
  // Path: /db
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (rest.find_first_of("?#") != std::string_view::npos || path.find_first_of("?#") != std::string_view::npos) {
    return url_error(text, "query strings and fragments are not supported");
  }
  if (!path.empty() && !parse_int(path, url.db, 0, 1'000'000)) {
    return url_error(text, fmt::format("database '{}' is not a number", path));
  }
  // Userinfo: the last '@' separates it from the host (a password may contain '@').
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
      url.password = std::string(userinfo);  // redis://secret@host: the password alone
    } else {
      url.user = std::string(userinfo.substr(0, colon));
      url.password = std::string(userinfo.substr(colon + 1));
    }
    if (url.password.empty() && url.user.empty()) return url_error(text, "empty credentials before '@'");
  }
  // Host[:port], IPv6 in brackets.
  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return url_error(text, "unterminated '[' in the host");
    url.host = std::string(rest.substr(1, close - 1));
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return url_error(text, "junk after the ']' of the host");
      port_text = after.substr(1);
      if (port_text.empty()) return url_error(text, "empty port");
    }
  } else {
    auto colon = rest.find(':');
    url.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = rest.substr(colon + 1);
      if (port_text.empty()) return url_error(text, "empty port");
    }
  }
  if (url.host.empty()) return url_error(text, "no host");
  if (!port_text.empty() && !parse_int(port_text, url.port, 1, 65535)) {
    return url_error(text, fmt::format("port '{}' is not a number in 1-65535", port_text));
  }
  return url;
}

RedisReply convert_reply(const void* hiredis_reply) {
  const auto* r = static_cast<const redisReply*>(hiredis_reply);
  RedisReply out;
  if (r == nullptr) return out;
  switch (r->type) {
    case REDIS_REPLY_NIL: out.type = RedisReply::Type::nil; break;
    case REDIS_REPLY_STATUS: out.type = RedisReply::Type::status; out.str.assign(r->str, r->len); break;
    case REDIS_REPLY_ERROR: out.type = RedisReply::Type::error; out.str.assign(r->str, r->len); break;
    case REDIS_REPLY_INTEGER: out.type = RedisReply::Type::integer; out.integer = r->integer; break;
    case REDIS_REPLY_STRING: out.type = RedisReply::Type::string; out.str.assign(r->str, r->len); break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::array;
      out.elements.reserve(r->elements);
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert_reply(r->element[i]));
      break;
    default: out.type = RedisReply::Type::nil; break;
  }
  return out;
}

Result<redisContext*> open_redis_context(const RedisOptions& options) {
  const RedisUrl& url = options.url;
  redisContext* context = redisConnectWithTimeout(url.host.c_str(), url.port, to_timeval(options.connect_timeout));
  if (context == nullptr) return make_error(errc::unavailable, "redis: out of memory allocating a context");
  if (context->err != 0) {
    std::string why = fmt::format("redis at {}:{}: {}", url.host, url.port, context->errstr);
    redisFree(context);
    return make_error(errc::unavailable, std::move(why));
  }
  redisSetTimeout(context, to_timeval(options.command_timeout));
  redisEnableKeepAlive(context);
  auto run = [context](std::vector<std::string> args) -> Status {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
    if (reply == nullptr) return make_error(errc::unavailable, fmt::format("redis: {}", context->errstr));
    const bool failed = reply->type == REDIS_REPLY_ERROR;
    std::string message = failed ? std::string(reply->str, reply->len) : std::string();
    freeReplyObject(reply);
    if (failed) return make_error(errc::command_failed, "redis: " + message);
    return {};
  };
  Status status;
  if (!url.password.empty()) {
    status = url.user.empty() ? run({"AUTH", url.password}) : run({"AUTH", url.user, url.password});
  }
  if (status && url.db != 0) status = run({"SELECT", std::to_string(url.db)});
  if (!status) {
    redisFree(context);
    return status.error();
  }
  return context;
}

RedisConnection::RedisConnection(RedisOptions options) : options_(std::move(options)) {}

RedisConnection::~RedisConnection() {
  if (context_ != nullptr) redisFree(context_);
}

void RedisConnection::drop_locked(std::string reason) {
  if (context_ != nullptr) {
    redisFree(context_);
    context_ = nullptr;
  }
  if (last_error_.empty()) log::warn("redis {} unavailable: {}", options_.url.redacted(), reason);
  last_error_ = std::move(reason);
  backoff_ = backoff_.count() == 0 ? options_.backoff_min : std::min(backoff_ * 2, options_.backoff_max);
  next_attempt_ = std::chrono::steady_clock::now() + backoff_;
}

Status RedisConnection::ensure_connected_locked() {
  if (context_ != nullptr) return {};
  if (std::chrono::steady_clock::now() < next_attempt_) {
    return make_error(errc::unavailable, fmt::format("redis {} unavailable: {}", options_.url.redacted(), last_error_));
  }
  auto opened = open_redis_context(options_);
  if (!opened) {
    drop_locked(opened.error().message);
    return make_error(errc::unavailable, opened.error().message);
  }
  context_ = *opened;
  if (!last_error_.empty()) log::info("redis {} reachable again", options_.url.redacted());
  last_error_.clear();
  backoff_ = std::chrono::milliseconds(0);
  return {};
}

Result<RedisReply> RedisConnection::command(std::initializer_list<std::string_view> args) {
  std::vector<std::string> owned;
  owned.reserve(args.size());
  for (std::string_view a : args) owned.emplace_back(a);
  return command(owned);
}

Result<RedisReply> RedisConnection::command(const std::vector<std::string>& args) {
  return command_with_timeout(args, std::chrono::milliseconds(0));
}

Result<RedisReply> RedisConnection::command_with_timeout(const std::vector<std::string>& args,
                                                         std::chrono::milliseconds timeout) {
  const std::lock_guard lock(mutex_);
  if (Status status = ensure_connected_locked(); !status) return status.error();
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const auto& a : args) {
    argv.push_back(a.data());
    lengths.push_back(a.size());
  }
  if (timeout.count() > 0) redisSetTimeout(context_, to_timeval(timeout));
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (reply == nullptr) {
    std::string why = context_->errstr;
    drop_locked(why);
    return make_error(errc::unavailable, fmt::format("redis {}: {}", options_.url.redacted(), why));
  }
  if (timeout.count() > 0) redisSetTimeout(context_, to_timeval(options_.command_timeout));
  RedisReply out = convert_reply(reply);
  freeReplyObject(reply);
  if (out.type == RedisReply::Type::error) {
    return make_error(errc::command_failed, fmt::format("redis {}: {}", args.empty() ? "" : args[0], out.str));
  }
  return out;
}

bool RedisConnection::ping() {
  auto reply = command({"PING"});
  return reply.ok() && reply->str == "PONG";
}

}  // namespace streams::cache
