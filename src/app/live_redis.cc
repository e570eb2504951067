#include "app/live_redis.h"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <utility>

#include "core/log.h"
#include "live/bar_writer.h"

namespace streams::app {

namespace {

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// PEXPIRE the key only while it still names this holder: a holder whose lease ran out and was
// taken must not extend the new holder's.
constexpr const char* k_renew_script =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

}  // namespace

std::string process_identity() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return fmt::format("{}:{}", host.data(), ::getpid());
}

// ---- PubSubTransport ----------------------------------------------------------------------------

Status PubSubTransport::publish(std::string_view channel, std::string_view message) {
  auto sent = pubsub_.publish(channel, message);
  if (!sent) return sent.error();
  return {};
}

std::shared_ptr<void> PubSubTransport::subscribe(std::string channel, std::function<void(std::string_view)> callback) {
  return std::shared_ptr<cache::Subscription>(pubsub_.subscribe(std::move(channel), std::move(callback)));
}

// ---- FeedLease ----------------------------------------------------------------------------------

FeedLease::FeedLease(std::shared_ptr<cache::RedisConnection> connection, std::string key, std::string holder,
                     std::chrono::milliseconds ttl)
    : connection_(std::move(connection)), key_(std::move(key)), holder_(std::move(holder)), ttl_(ttl) {
  try_hold();
  thread_ = std::thread([this] { run(); });
}

FeedLease::~FeedLease() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  // Hand over at once rather than after the TTL: delete the key if it is still ours.
  if (held()) {
    (void)connection_->command({"EVAL",
                                "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) "
                                "else return 0 end",
                                "1", key_, holder_});
  }
}

bool FeedLease::held() const {
  return steady_ms() < held_until_ms_.load();
}

bool FeedLease::try_hold() {
  const std::int64_t asked = steady_ms();
  const std::string ttl = std::to_string(ttl_.count());
  bool ok = false;
  if (was_held_) {
    auto renewed = connection_->command({"EVAL", k_renew_script, "1", key_, holder_, ttl});
    ok = renewed && renewed->type == cache::RedisReply::Type::integer && renewed->integer == 1;
  }
  if (!ok) {
    auto taken = connection_->command({"SET", key_, holder_, "NX", "PX", ttl});
    ok = taken && taken->type == cache::RedisReply::Type::status;
  }
  if (ok) {
    // Counted from before the request and only half the TTL: the key outlives our belief.
    held_until_ms_.store(asked + ttl_.count() / 2);
    if (!was_held_) log::info("live: this worker ({}) holds the feed lease and publishes", holder_);
  } else if (was_held_) {
    log::warn("live: the feed lease was lost; standing by");
  }
  was_held_ = ok;
  return ok;
}

void FeedLease::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, ttl_ / 6, [&] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    try_hold();
    lock.lock();
  }
}

// ---- LeaderPublisher ----------------------------------------------------------------------------

LeaderPublisher::LeaderPublisher(FeedLease& lease, live::Bus& fanout, cache::IngestBuffer& minutes,
                                 std::chrono::minutes backlog)
    : lease_(lease), fanout_(fanout), minutes_(minutes), backlog_span_(backlog) {}

Status LeaderPublisher::append(std::vector<live::LiveBar> bars) {
  live::LiveBatch batch;
  batch.bars = std::move(bars);
  auto id = minutes_.append(live::encode_batch(batch));
  if (!id) return id.error();
  return {};
}

Status LeaderPublisher::publish(const live::LiveBatch& batch) {
  std::vector<live::LiveBar> minutes;
  for (const live::LiveBar& bar : batch.bars) {
    if (bar.final && bar.interval == live::BarInterval::minute) minutes.push_back(bar);
  }
  const std::lock_guard lock(mutex_);
  if (!lease_.held()) {
    ++stats_.standby_batches;
    backlog_.insert(backlog_.end(), minutes.begin(), minutes.end());
    if (!backlog_.empty()) {
      const std::int64_t horizon = backlog_.back().bar.ts.millis() - std::chrono::milliseconds(backlog_span_).count();
      while (!backlog_.empty() && backlog_.front().bar.ts.millis() < horizon) backlog_.pop_front();
    }
    return {};
  }
  // The bars of the minutes this worker saw close while standing by first (a holder that died
  // may not have sent them); then this batch's.
  minutes.insert(minutes.begin(), backlog_.begin(), backlog_.end());
  if (!minutes.empty()) {
    const std::size_t count = minutes.size();
    if (auto s = append(std::move(minutes)); !s) {
      log::warn("live: appending {} minute bars to the stream failed (kept for the next batch): {}", count,
                s.error().message);
    } else {
      backlog_.clear();
      ++stats_.minute_entries;
    }
  }
  ++stats_.batches;
  return fanout_.publish(batch);
}

std::unique_ptr<live::BusSubscription> LeaderPublisher::subscribe(live::BusHandler handler) {
  return fanout_.subscribe(std::move(handler));
}

PublisherStats LeaderPublisher::stats() const {
  const std::lock_guard lock(mutex_);
  return stats_;
}

// ---- MinuteStreamConsumer -----------------------------------------------------------------------

MinuteStreamConsumer::MinuteStreamConsumer(cache::IngestBuffer& minutes, store::Store& store, std::string consumer,
                                           std::chrono::milliseconds flush, std::chrono::milliseconds min_idle)
    : minutes_(minutes), store_(store), consumer_(std::move(consumer)), flush_(flush), min_idle_(min_idle) {
  thread_ = std::thread([this] { run(); });
}

MinuteStreamConsumer::~MinuteStreamConsumer() {
  stopping_.store(true);
  thread_.join();
}

ConsumerStats MinuteStreamConsumer::stats() const {
  const std::lock_guard lock(mutex_);
  return stats_;
}

// One store transaction for every bar the held entries carry; acknowledged only once committed.
bool MinuteStreamConsumer::write(std::vector<cache::BufferEntry>& held) {
  if (held.empty()) return true;
  std::vector<live::LiveBar> bars;
  std::vector<std::string> ids;
  for (const cache::BufferEntry& entry : held) {
    ids.push_back(entry.id);
    auto batch = live::decode_batch(entry.payload);
    if (!batch) {
      log::warn("live: minute-stream entry {} is not a batch ({}); acknowledged and skipped", entry.id,
                batch.error().message);
      continue;
    }
    bars.insert(bars.end(), batch->bars.begin(), batch->bars.end());
  }
  const store::WriteBatch batch = live::minute_bars_batch(bars);
  std::size_t count = 0;
  for (const auto& series : batch.bars) count += series.bars.size();
  if (count > 0) {
    auto written = store_.write(batch);
    if (!written) {
      const std::lock_guard lock(mutex_);
      ++stats_.failures;
      log::warn("live: writing {} minute bars failed (the entries stay pending): {}", count, written.error().message);
      return false;
    }
  }
  if (auto acked = minutes_.ack(ids); !acked) {
    // Committed but not acknowledged: the entries will be written again (an upsert) and acked then.
    log::warn("live: acknowledging {} minute-stream entries failed: {}", ids.size(), acked.error().message);
    return false;
  }
  const std::lock_guard lock(mutex_);
  stats_.entries += ids.size();
  stats_.bars += count;
  held.clear();
  return true;
}

void MinuteStreamConsumer::run() {
  std::vector<cache::BufferEntry> held;
  auto first_held = std::chrono::steady_clock::now();
  auto next_claim = std::chrono::steady_clock::now();
  auto backoff = std::chrono::milliseconds(100);
  while (!stopping_.load()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_claim) {
      next_claim = now + min_idle_ / 2;
      auto claimed = minutes_.claim_stale(consumer_, min_idle_, 1000);
      if (claimed && !claimed->empty()) {
        log::info("live: re-claimed {} minute-stream entries left pending by a stopped worker", claimed->size());
        {
          const std::lock_guard lock(mutex_);
          stats_.reclaimed += claimed->size();
        }
        if (held.empty()) first_held = now;
        held.insert(held.end(), claimed->begin(), claimed->end());
      }
    }
    auto read = minutes_.read(consumer_, 1000, std::chrono::milliseconds(200));
    if (!read) {  // not an outage (that waits inside read): e.g. the key is of another type
      log::warn("live: reading the minute stream failed: {}", read.error().message);
      std::this_thread::sleep_for(std::chrono::seconds(1));
    } else if (!read->empty()) {
      if (held.empty()) first_held = std::chrono::steady_clock::now();
      held.insert(held.end(), read->begin(), read->end());
    }
    if (!held.empty() && std::chrono::steady_clock::now() - first_held >= flush_) {
      if (write(held)) {
        backoff = std::chrono::milliseconds(100);
      } else {
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
      }
    }
  }
  (void)write(held);  // what was read, committed before stopping (else re-claimed by another)
}

}  // namespace streams::app
