#pragma once
// LiveBatch on the wire: the encoding a bus between processes (Redis pub/sub or Streams) carries,
// and TransportBus, a Bus over any string transport — so the Redis bus is a thin adapter over the
// cache module's PubSub (cache/pubsub.h: publish(channel, text) / subscribe(channel, callback)).
//
// Encoding: one JSON object {"v":1,"trades":[[sym,t,price,size],…],"quotes":[[sym,t,bp,bs,ap,as],…],
// "bars":[[sym,"s"|"m",t,o,h,l,c,v,vwap,trades,final],…],"status":{source,mode,time,symbols:[…]}}
// — arrays, not objects, to keep 100k trades/s small; reals in their shortest exact form, so a
// decoded batch equals the encoded one.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "live/bus.h"

namespace streams::live {

std::string encode_batch(const LiveBatch& batch);
// errc::bad_message naming what is wrong.
Result<LiveBatch> decode_batch(std::string_view text);

// What TransportBus needs from a message transport (Redis pub/sub, or a test double).
class MessageTransport {
 public:
  virtual ~MessageTransport() = default;
  virtual Status publish(std::string_view channel, std::string_view message) = 0;
  // Destroying the returned handle unsubscribes.
  virtual std::shared_ptr<void> subscribe(std::string channel, std::function<void(std::string_view)> callback) = 0;
};

// A Bus whose batches travel encoded through a transport: every process subscribed to the channel
// receives them (the fan-out of BRIEF §2, "Redis … 3"). Undecodable messages are counted and skipped.
class TransportBus final : public Bus {
 public:
  TransportBus(MessageTransport& transport, std::string channel = "streams:live");
  Status publish(const LiveBatch& batch) override;
  std::unique_ptr<BusSubscription> subscribe(BusHandler handler) override;
  [[nodiscard]] std::uint64_t undecodable() const { return undecodable_.load(); }

 private:
  class Sub;
  MessageTransport& transport_;
  std::string channel_;
  std::atomic<std::uint64_t> undecodable_{0};
};

}  // namespace streams::live
