#pragma once
// Pub/sub fan-out (BRIEF §2, "Redis … 3. Fan-out"): strings published on a channel reach every
// subscriber of that channel, in every process sharing the backend. Delivery is at most once and
// in order per publisher; a subscriber that is disconnected misses what is published meanwhile.
// Callbacks run on a thread owned by the subscription, never on the publisher's thread.
//
// Implementations: InProcessPubSub (here) and RedisPubSub (cache/redis: PUBLISH / SUBSCRIBE).

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace streams::cache {

// Destroying it unsubscribes; after the destructor returns the callback is never called again.
class Subscription {
 public:
  virtual ~Subscription() = default;
  Subscription() = default;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
};

using MessageCallback = std::function<void(std::string_view message)>;

class PubSub {
 public:
  virtual ~PubSub() = default;
  PubSub() = default;
  PubSub(const PubSub&) = delete;
  PubSub& operator=(const PubSub&) = delete;

  // Returns how many subscribers received it (in this process for the in-process twin; across
  // the Redis server for Redis).
  virtual Result<long long> publish(std::string_view channel, std::string_view message) = 0;
  virtual std::unique_ptr<Subscription> subscribe(std::string channel, MessageCallback callback) = 0;
};

}  // namespace streams::cache
