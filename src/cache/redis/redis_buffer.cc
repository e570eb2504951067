#include "cache/redis/redis_buffer.h"

#include <fmt/format.h>

#include <optional>
#include <thread>

#include "cache/errc.h"
#include "core/log.h"

namespace streams::cache {
namespace {

bool is_nogroup(const Error& e) { return e.message.find("NOGROUP") != std::string::npos; }

// [id, [field, value, …]] → entry (the payload is the value of field "p").
std::optional<BufferEntry> to_entry(const RedisReply& r) {
  if (r.type != RedisReply::Type::array || r.elements.size() != 2) return std::nullopt;
  BufferEntry entry{r.elements[0].str, {}};
  const auto& fields = r.elements[1].elements;
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    if (fields[i].str == "p") entry.payload = fields[i + 1].str;
  }
  return entry;
}

}  // namespace

RedisIngestBuffer::RedisIngestBuffer(const RedisOptions& redis, IngestBufferOptions options)
    : options_(std::move(options)), writer_(redis), reader_(redis) {}

Status RedisIngestBuffer::ensure_group(RedisConnection& connection) {
  auto reply = connection.command({"XGROUP", "CREATE", options_.stream, options_.group, "0", "MKSTREAM"});
  if (!reply && reply.error().message.find("BUSYGROUP") == std::string::npos) return reply.error();
  return {};
}

Result<RedisReply> RedisIngestBuffer::retrying(RedisConnection& connection, const std::vector<std::string>& args) {
  const auto deadline = std::chrono::steady_clock::now() + options_.max_wait;
  std::chrono::milliseconds pause{20};
  for (;;) {
    auto reply = connection.command(args);
    if (reply) return reply;
    if (is_nogroup(reply.error())) {
      if (Status created = ensure_group(connection); created) continue;
    } else if (reply.error().code != errc::unavailable) {
      return reply;
    }
    if (std::chrono::steady_clock::now() + pause > deadline) {
      return make_error(errc::timed_out, fmt::format("ingest buffer: redis did not come back within {} ms: {}",
                                                     options_.max_wait.count(), reply.error().message));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(1000));
  }
}

Result<std::string> RedisIngestBuffer::append(std::string_view payload) {
  auto reply = retrying(writer_, {"XADD", options_.stream, "MAXLEN", "~", std::to_string(options_.max_length), "*",
                                  "p", std::string(payload)});
  if (!reply) return reply.error();
  return std::move(reply->str);
}

Result<std::vector<BufferEntry>> RedisIngestBuffer::read(std::string_view consumer, std::size_t max,
                                                         std::chrono::milliseconds block) {
  const std::vector<std::string> args{"XREADGROUP", "GROUP", options_.group, std::string(consumer), "COUNT",
                                      std::to_string(std::max<std::size_t>(max, 1)), "BLOCK",
                                      std::to_string(block.count()), "STREAMS", options_.stream, ">"};
  auto reply = reader_.command_with_timeout(args, block + std::chrono::milliseconds(1000));
  if (!reply && is_nogroup(reply.error())) {
    if (Status created = ensure_group(reader_); !created) return created.error();
    reply = reader_.command_with_timeout(args, block + std::chrono::milliseconds(1000));
  }
  if (!reply) {
    if (reply.error().code == errc::unavailable) {  // wait out the block time, then report nothing
      std::this_thread::sleep_for(block);
      return std::vector<BufferEntry>{};
    }
    return reply.error();
  }
  std::vector<BufferEntry> out;
  if (reply->is_nil()) return out;
  for (const RedisReply& stream : reply->elements) {
    if (stream.elements.size() != 2) return make_error(errc::protocol, "XREADGROUP: unexpected reply shape");
    for (const RedisReply& e : stream.elements[1].elements) {
      if (auto entry = to_entry(e)) out.push_back(std::move(*entry));
    }
  }
  return out;
}

Status RedisIngestBuffer::ack(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  std::vector<std::string> args{"XACK", options_.stream, options_.group};
  args.insert(args.end(), ids.begin(), ids.end());
  auto reply = retrying(writer_, args);
  if (!reply) return reply.error();
  return {};
}

Result<std::vector<BufferEntry>> RedisIngestBuffer::claim_stale(std::string_view consumer,
                                                                std::chrono::milliseconds min_idle,
                                                                std::size_t max) {
  std::vector<BufferEntry> out;
  std::string start = "0-0";
  // XAUTOCLAIM scans the pending list from `start`; loop until the cursor wraps or we have enough.
  for (int round = 0; round < 100 && out.size() < max; ++round) {
    auto reply = retrying(reader_, {"XAUTOCLAIM", options_.stream, options_.group, std::string(consumer),
                                    std::to_string(min_idle.count()), start, "COUNT",
                                    std::to_string(max - out.size())});
    if (!reply) return reply.error();
    if (reply->elements.size() < 2) return make_error(errc::protocol, "XAUTOCLAIM: unexpected reply shape");
    for (const RedisReply& e : reply->elements[1].elements) {
      if (auto entry = to_entry(e)) out.push_back(std::move(*entry));
    }
    start = reply->elements[0].str;
    if (start == "0-0") break;
  }
  return out;
}

Result<std::size_t> RedisIngestBuffer::pending() {
  auto reply = retrying(reader_, {"XPENDING", options_.stream, options_.group});
  if (!reply) return reply.error();
  if (reply->elements.empty()) return make_error(errc::protocol, "XPENDING: unexpected reply shape");
  return static_cast<std::size_t>(reply->elements[0].integer);
}

Result<std::size_t> RedisIngestBuffer::length() {
  auto reply = retrying(reader_, {"XLEN", options_.stream});
  if (!reply) return reply.error();
  return static_cast<std::size_t>(reply->integer);
}

}  // namespace streams::cache
