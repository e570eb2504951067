#pragma once
// The in-process twins of the Redis roles, for the embedded default (no Redis configured):
// InProcessIngestBuffer (same group/pending/claim semantics as Redis Streams, one process) and
// InProcessPubSub (a thread per subscription delivers in publish order).

#include <memory>

#include "cache/ingest_buffer.h"
#include "cache/pubsub.h"

namespace streams::cache {

class InProcessIngestBuffer final : public IngestBuffer {
 public:
  explicit InProcessIngestBuffer(IngestBufferOptions options = {});
  ~InProcessIngestBuffer() override;

  Result<std::string> append(std::string_view payload) override;
  Result<std::vector<BufferEntry>> read(std::string_view consumer, std::size_t max,
                                        std::chrono::milliseconds block) override;
  Status ack(const std::vector<std::string>& ids) override;
  Result<std::vector<BufferEntry>> claim_stale(std::string_view consumer, std::chrono::milliseconds min_idle,
                                               std::size_t max) override;
  Result<std::size_t> pending() override;
  Result<std::size_t> length() override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

class InProcessPubSub final : public PubSub {
 public:
  InProcessPubSub();
  ~InProcessPubSub() override;

  Result<long long> publish(std::string_view channel, std::string_view message) override;
  std::unique_ptr<Subscription> subscribe(std::string channel, MessageCallback callback) override;

  struct Hub;

 private:
  std::shared_ptr<Hub> hub_;
};

}  // namespace streams::cache
