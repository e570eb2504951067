#pragma once
// The ingest buffer (BRIEF §2, "Redis … 1. Cache for incoming data"): sources append batches,
// the store writer reads them as a member of one consumer group and acknowledges each entry only
// after the batch it carried is committed. Entries read but never acknowledged (the writer died,
// the database was down) stay pending and are re-claimed by claim_stale(), so a crash loses
// nothing; since store writes are idempotent, a batch committed twice changes nothing.
//
// Implementations: InProcessIngestBuffer (here, the embedded default) and RedisIngestBuffer
// (cache/redis, Redis Streams: XADD MAXLEN ~, XREADGROUP, XACK, XAUTOCLAIM). Both keep at most
// about max_length entries: the oldest are dropped first, acknowledged or not, so the bound must
// sit well above how far the writer may fall behind.
//
// Thread safety: every method may be called from any thread.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace streams::cache {

struct BufferEntry {
  std::string id;       // ordered: "<ms>-<seq>" as Redis Streams name entries
  std::string payload;  // opaque to the buffer
};

struct IngestBufferOptions {
  std::string stream = "streams:ingest";  // Redis key of the stream
  std::string group = "writers";          // the consumer group
  std::size_t max_length = 100'000;       // approximate bound on retained entries
  // How long append()/ack() keep retrying while the backend is unreachable before failing.
  std::chrono::milliseconds max_wait{std::chrono::minutes(10)};
};

class IngestBuffer {
 public:
  virtual ~IngestBuffer() = default;
  IngestBuffer() = default;
  IngestBuffer(const IngestBuffer&) = delete;
  IngestBuffer& operator=(const IngestBuffer&) = delete;

  // Appends one entry; returns its id. While the backend is down it waits (with back-off) and
  // resumes, failing with errc::timed_out after max_wait.
  virtual Result<std::string> append(std::string_view payload) = 0;
  // Up to `max` entries never delivered to any consumer of the group; they become pending for
  // `consumer`. Waits up to `block` when there are none (returns an empty vector then, also while
  // the backend is down).
  virtual Result<std::vector<BufferEntry>> read(std::string_view consumer, std::size_t max,
                                                std::chrono::milliseconds block) = 0;
  // The caller committed these entries: they leave the pending list.
  virtual Status ack(const std::vector<std::string>& ids) = 0;
  // Entries pending for longer than `min_idle` (delivered to any consumer, never acknowledged),
  // transferred to `consumer`; entries trimmed away meanwhile are dropped from the pending list.
  virtual Result<std::vector<BufferEntry>> claim_stale(std::string_view consumer, std::chrono::milliseconds min_idle,
                                                       std::size_t max) = 0;
  // Entries delivered and not yet acknowledged.
  virtual Result<std::size_t> pending() = 0;
  // Entries retained (acknowledged ones included, until trimmed).
  virtual Result<std::size_t> length() = 0;
};

}  // namespace streams::cache
