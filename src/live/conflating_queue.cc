#include "live/conflating_queue.h"

#include <vector>

namespace streams::live {

void ConflatingQueue::push(SharedText text, MessageClass kind, std::optional<std::uint64_t> key) {
  if (key && kind == MessageClass::droppable) {
    auto found = by_key_.find(*key);
    if (found != by_key_.end() && found->second >= head_seq_) {
      Item& item = items_[found->second - head_seq_];
      if (item.text && item.key == key) {
        item.text = std::move(text);
        ++conflated_;
        return;
      }
    }
  }
  if (kind == MessageClass::droppable && live_ >= capacity_) drop_oldest();
  items_.push_back(Item{std::move(text), kind, key});
  ++live_;
  if (key && kind == MessageClass::droppable) by_key_[*key] = head_seq_ + items_.size() - 1;
}

void ConflatingQueue::drop_oldest() {
  for (; scan_ < items_.size(); ++scan_) {
    Item& item = items_[scan_];
    if (item.text && item.kind == MessageClass::droppable) {
      item.text.reset();
      if (item.key) by_key_.erase(*item.key);
      --live_;
      ++dropped_;
      ++scan_;
      return;
    }
  }
}

std::size_t ConflatingQueue::drain(std::vector<SharedText>& out) {
  std::size_t n = 0;
  for (Item& item : items_) {
    if (item.text) {
      out.push_back(std::move(item.text));
      ++n;
    }
  }
  head_seq_ += items_.size();
  items_.clear();
  by_key_.clear();
  live_ = 0;
  scan_ = 0;
  return n;
}

}  // namespace streams::live
