#pragma once
// RedisPubSub: PUBLISH on a shared command connection; each subscription owns a connection and a
// thread that SUBSCRIBEs, delivers messages to its callback, and — when Redis drops — reconnects
// with back-off and subscribes again (messages published meanwhile are missed, as Redis does).

#include <memory>

#include "cache/pubsub.h"
#include "cache/redis/connection.h"

namespace streams::cache {

class RedisPubSub final : public PubSub {
 public:
  RedisPubSub(std::shared_ptr<RedisConnection> connection, RedisOptions options);

  Result<long long> publish(std::string_view channel, std::string_view message) override;
  std::unique_ptr<Subscription> subscribe(std::string channel, MessageCallback callback) override;

 private:
  std::shared_ptr<RedisConnection> connection_;
  RedisOptions options_;
};

}  // namespace streams::cache
