#pragma once
// ConflatingQueue: the bounded outbox of one live client (BRIEF §2: slow consumers must not be
// buffered forever).
//
//  - A message pushed with a conflation key (a bar: symbol + channel) replaces the queued message
//    with the same key in place: a slow client gets the latest bar of each series, never a backlog.
//  - A message without a key (a trade) is appended; when the queue is full the oldest droppable
//    message is dropped to make room and counted.
//  - Control messages (status, error, heartbeat) are never dropped and never conflated.
//
// Not thread-safe: the owner (HubClient) locks around it.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace streams::live {

using SharedText = std::shared_ptr<const std::string>;

enum class MessageClass : std::uint8_t { control, droppable };

class ConflatingQueue {
 public:
  explicit ConflatingQueue(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  void push(SharedText text, MessageClass kind, std::optional<std::uint64_t> key = std::nullopt);
  // Appends every queued message to `out` (in order) and empties the queue; returns how many.
  std::size_t drain(std::vector<SharedText>& out);

  [[nodiscard]] std::size_t size() const { return live_; }
  [[nodiscard]] bool empty() const { return live_ == 0; }
  [[nodiscard]] std::uint64_t dropped() const { return dropped_; }
  [[nodiscard]] std::uint64_t conflated() const { return conflated_; }

 private:
  struct Item {
    SharedText text;  // null once dropped
    MessageClass kind;
    std::optional<std::uint64_t> key;
  };
  void drop_oldest();

  std::size_t capacity_;
  std::deque<Item> items_;
  std::uint64_t head_seq_ = 0;  // sequence number of items_.front()
  std::unordered_map<std::uint64_t, std::uint64_t> by_key_;  // key → sequence number
  std::size_t live_ = 0;        // items with text
  std::size_t scan_ = 0;        // index before which no droppable item is left
  std::uint64_t dropped_ = 0;
  std::uint64_t conflated_ = 0;
};

}  // namespace streams::live
