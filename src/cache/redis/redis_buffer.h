#pragma once
// RedisIngestBuffer: the ingest buffer on a Redis Stream (see cache/ingest_buffer.h):
// XADD <stream> MAXLEN ~ <max_length> * p <payload>; XREADGROUP GROUP <group> <consumer> … '>';
// XACK after the commit; XAUTOCLAIM for entries pending longer than min_idle. The group is created
// (XGROUP CREATE … MKSTREAM) on first use and again when Redis comes back empty (NOGROUP).
// Appends and reads use separate connections so a blocking read never delays a producer.

#include <memory>

#include "cache/ingest_buffer.h"
#include "cache/redis/connection.h"

namespace streams::cache {

class RedisIngestBuffer final : public IngestBuffer {
 public:
  RedisIngestBuffer(const RedisOptions& redis, IngestBufferOptions options = {});

  Result<std::string> append(std::string_view payload) override;
  Result<std::vector<BufferEntry>> read(std::string_view consumer, std::size_t max,
                                        std::chrono::milliseconds block) override;
  Status ack(const std::vector<std::string>& ids) override;
  Result<std::vector<BufferEntry>> claim_stale(std::string_view consumer, std::chrono::milliseconds min_idle,
                                               std::size_t max) override;
  Result<std::size_t> pending() override;
  Result<std::size_t> length() override;

 private:
  Status ensure_group(RedisConnection& connection);
  // Runs `args` on `connection`, waiting through outages up to max_wait and re-creating the group
  // when Redis lost it.
  Result<RedisReply> retrying(RedisConnection& connection, const std::vector<std::string>& args);

  IngestBufferOptions options_;
  RedisConnection writer_;
  RedisConnection reader_;
};

}  // namespace streams::cache
