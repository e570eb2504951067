#include "cache/redis/redis_pubsub.h"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <atomic>
#include <thread>

#include "core/log.h"

namespace streams::cache {
namespace {

class RedisSubscription final : public Subscription {
 public:
  RedisSubscription(RedisOptions options, std::string channel, MessageCallback callback)
      : options_(std::move(options)), channel_(std::move(channel)), callback_(std::move(callback)) {
    thread_ = std::thread([this] { run(); });
  }
  ~RedisSubscription() override {
    stopping_.store(true);
    thread_.join();
  }

  // Blocks until the first SUBSCRIBE is confirmed (or `timeout`), so tests can publish right after.
  bool wait_subscribed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!subscribed_.load() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return subscribed_.load();
  }

 private:
  void run() {
    std::chrono::milliseconds backoff = options_.backoff_min;
    while (!stopping_.load()) {
      auto opened = open_redis_context(options_);
      if (!opened) {
        sleep_interruptibly(backoff);
        backoff = std::min(backoff * 2, options_.backoff_max);
        continue;
      }
      backoff = options_.backoff_min;
      redisContext* context = *opened;
      listen(context);
      redisFree(context);
      if (!stopping_.load()) sleep_interruptibly(backoff);
    }
  }

  void sleep_interruptibly(std::chrono::milliseconds total) {
    const auto deadline = std::chrono::steady_clock::now() + total;
    while (!stopping_.load() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  // Subscribes and delivers until the connection breaks or the subscription is destroyed. Polls
  // the socket with a short timeout so the destructor never waits long.
  void listen(redisContext* context) {
    const char* argv[] = {"SUBSCRIBE", channel_.c_str()};
    const std::size_t lengths[] = {9, channel_.size()};
    if (redisAppendCommandArgv(context, 2, argv, lengths) != REDIS_OK) return;
    int done = 0;
    while (done == 0) {
      if (redisBufferWrite(context, &done) != REDIS_OK) return;
    }
    while (!stopping_.load()) {
      void* raw = nullptr;
      if (redisGetReplyFromReader(context, &raw) != REDIS_OK) return;
      if (raw == nullptr) {
        pollfd fd{context->fd, POLLIN, 0};
        const int ready = ::poll(&fd, 1, 100);
        if (ready < 0) return;
        if (ready == 0) continue;
        if (redisBufferRead(context) != REDIS_OK) {
          subscribed_.store(false);
          return;
        }
        continue;
      }
      RedisReply reply = convert_reply(raw);
      freeReplyObject(raw);
      if (reply.elements.size() == 3 && reply.elements[0].str == "message") {
        callback_(reply.elements[2].str);
      } else if (reply.elements.size() == 3 && reply.elements[0].str == "subscribe") {
        subscribed_.store(true);
      }
    }
  }

  RedisOptions options_;
  std::string channel_;
  MessageCallback callback_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> subscribed_{false};
  std::thread thread_;
};

}  // namespace

RedisPubSub::RedisPubSub(std::shared_ptr<RedisConnection> connection, RedisOptions options)
    : connection_(std::move(connection)), options_(std::move(options)) {}

Result<long long> RedisPubSub::publish(std::string_view channel, std::string_view message) {
  auto reply = connection_->command({"PUBLISH", channel, message});
  if (!reply) return reply.error();
  return reply->integer;
}

std::unique_ptr<Subscription> RedisPubSub::subscribe(std::string channel, MessageCallback callback) {
  auto subscription = std::make_unique<RedisSubscription>(options_, std::move(channel), std::move(callback));
  subscription->wait_subscribed(std::chrono::milliseconds(2000));
  return subscription;
}

}  // namespace streams::cache
