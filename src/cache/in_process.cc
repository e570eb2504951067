#include "cache/in_process.h"

#include <charconv>
#include <condition_variable>
#include <deque>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace streams::cache {

// ---- ingest buffer -------------------------------------------------------------------------

namespace {
using Clock = std::chrono::steady_clock;

std::optional<std::uint64_t> parse_id(std::string_view id) {
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || ptr != id.data() + id.size()) return std::nullopt;
  return value;
}
}  // namespace

struct InProcessIngestBuffer::State {
  struct Pending {
    std::string consumer;
    Clock::time_point delivered;
  };
  IngestBufferOptions options;
  std::mutex mutex;
  std::condition_variable appended;
  std::map<std::uint64_t, std::string> entries;  // retained entries by id
  std::uint64_t next_id = 1;
  std::uint64_t last_delivered = 0;  // the group's cursor: ids above it were never delivered
  std::map<std::uint64_t, Pending> pending;
};

InProcessIngestBuffer::InProcessIngestBuffer(IngestBufferOptions options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
}
InProcessIngestBuffer::~InProcessIngestBuffer() = default;

Result<std::string> InProcessIngestBuffer::append(std::string_view payload) {
  std::uint64_t id = 0;
  {
    const std::lock_guard lock(state_->mutex);
    id = state_->next_id++;
    state_->entries.emplace(id, std::string(payload));
    while (state_->entries.size() > std::max<std::size_t>(state_->options.max_length, 1)) {
      state_->entries.erase(state_->entries.begin());  // oldest first, as XADD MAXLEN does
    }
  }
  state_->appended.notify_all();
  return std::to_string(id);
}

Result<std::vector<BufferEntry>> InProcessIngestBuffer::read(std::string_view consumer, std::size_t max,
                                                             std::chrono::milliseconds block) {
  std::unique_lock lock(state_->mutex);
  auto has_new = [this] {
    return !state_->entries.empty() && state_->entries.rbegin()->first > state_->last_delivered;
  };
  if (!has_new() && block.count() > 0) state_->appended.wait_for(lock, block, has_new);
  std::vector<BufferEntry> out;
  const auto now = Clock::now();
  for (auto it = state_->entries.upper_bound(state_->last_delivered); it != state_->entries.end() && out.size() < max;
       ++it) {
    out.push_back({std::to_string(it->first), it->second});
    state_->pending[it->first] = {std::string(consumer), now};
    state_->last_delivered = it->first;
  }
  return out;
}

Status InProcessIngestBuffer::ack(const std::vector<std::string>& ids) {
  const std::lock_guard lock(state_->mutex);
  for (const std::string& id : ids) {
    if (auto value = parse_id(id)) state_->pending.erase(*value);
  }
  return {};
}

Result<std::vector<BufferEntry>> InProcessIngestBuffer::claim_stale(std::string_view consumer,
                                                                    std::chrono::milliseconds min_idle,
                                                                    std::size_t max) {
  const std::lock_guard lock(state_->mutex);
  std::vector<BufferEntry> out;
  const auto now = Clock::now();
  for (auto it = state_->pending.begin(); it != state_->pending.end() && out.size() < max;) {
    if (now - it->second.delivered < min_idle) {
      ++it;
      continue;
    }
    auto entry = state_->entries.find(it->first);
    if (entry == state_->entries.end()) {  // trimmed away: nothing left to claim
      it = state_->pending.erase(it);
      continue;
    }
    it->second = {std::string(consumer), now};
    out.push_back({std::to_string(it->first), entry->second});
    ++it;
  }
  return out;
}

Result<std::size_t> InProcessIngestBuffer::pending() {
  const std::lock_guard lock(state_->mutex);
  return state_->pending.size();
}

Result<std::size_t> InProcessIngestBuffer::length() {
  const std::lock_guard lock(state_->mutex);
  return state_->entries.size();
}

// ---- pub/sub -------------------------------------------------------------------------------

namespace {

// One subscriber: a queue and the thread that drains it into the callback.
class InProcessSubscription;

}  // namespace

struct InProcessPubSub::Hub {
  std::mutex mutex;
  std::unordered_map<std::string, std::list<InProcessSubscription*>> channels;
};

namespace {

class InProcessSubscription final : public Subscription {
 public:
  InProcessSubscription(std::shared_ptr<InProcessPubSub::Hub> hub, std::string channel, MessageCallback callback)
      : hub_(std::move(hub)), channel_(std::move(channel)), callback_(std::move(callback)) {
    {
      const std::lock_guard lock(hub_->mutex);
      auto& list = hub_->channels[channel_];
      position_ = list.insert(list.end(), this);
    }
    thread_ = std::thread([this] { run(); });
  }

  ~InProcessSubscription() override {
    {
      const std::lock_guard lock(hub_->mutex);
      auto& list = hub_->channels[channel_];
      list.erase(position_);
      if (list.empty()) hub_->channels.erase(channel_);
    }
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }

  // Called with the hub's mutex held.
  void deliver(std::string_view message) {
    {
      const std::lock_guard lock(mutex_);
      if (queue_.size() >= max_queue_) queue_.pop_front();  // a stuck subscriber loses the oldest
      queue_.emplace_back(message);
    }
    ready_.notify_one();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      std::string message = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      callback_(message);
      lock.lock();
    }
  }

  static constexpr std::size_t max_queue_ = 100'000;
  std::shared_ptr<InProcessPubSub::Hub> hub_;
  std::string channel_;
  MessageCallback callback_;
  std::list<InProcessSubscription*>::iterator position_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace

InProcessPubSub::InProcessPubSub() : hub_(std::make_shared<Hub>()) {}
InProcessPubSub::~InProcessPubSub() = default;

Result<long long> InProcessPubSub::publish(std::string_view channel, std::string_view message) {
  const std::lock_guard lock(hub_->mutex);
  auto found = hub_->channels.find(std::string(channel));
  if (found == hub_->channels.end()) return 0LL;
  for (InProcessSubscription* subscription : found->second) subscription->deliver(message);
  return static_cast<long long>(found->second.size());
}

std::unique_ptr<Subscription> InProcessPubSub::subscribe(std::string channel, MessageCallback callback) {
  return std::make_unique<InProcessSubscription>(hub_, std::move(channel), std::move(callback));
}

}  // namespace streams::cache
