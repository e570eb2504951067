#include "live/bus.h"

namespace streams::live {

class InProcessBus::Sub final : public BusSubscription {
 public:
  Sub(InProcessBus& bus, std::uint64_t id) : bus_(bus), id_(id) {}
  ~Sub() override {
    const std::unique_lock lock(bus_.mutex_);
    bus_.handlers_.erase(id_);
  }

 private:
  InProcessBus& bus_;
  std::uint64_t id_;
};

Status InProcessBus::publish(const LiveBatch& batch) {
  const std::shared_lock lock(mutex_);
  for (auto& [id, handler] : handlers_) handler(batch);
  return {};
}

std::unique_ptr<BusSubscription> InProcessBus::subscribe(BusHandler handler) {
  const std::unique_lock lock(mutex_);
  const std::uint64_t id = next_id_++;
  handlers_.emplace(id, std::move(handler));
  return std::make_unique<Sub>(*this, id);
}

}  // namespace streams::live
