#include "cache/versions.h"

#include <algorithm>
#include <mutex>

namespace streams::cache {

std::uint64_t Versions::symbol(const Symbol& symbol) const {
  const std::uint64_t floor = floor_.load(std::memory_order_acquire);
  const std::shared_lock lock(mutex_);
  auto found = symbols_.find(symbol.str());
  return found == symbols_.end() ? floor : std::max(found->second, floor);
}

void Versions::bump_symbol(const Symbol& symbol) {
  const std::uint64_t next = generation_.fetch_add(1, std::memory_order_acq_rel) + 1;
  const std::unique_lock lock(mutex_);
  symbols_[symbol.str()] = next;
}

void Versions::bump_reference() {
  const std::uint64_t next = generation_.fetch_add(1, std::memory_order_acq_rel) + 1;
  reference_.store(next, std::memory_order_release);
}

void Versions::bump_all() {
  const std::uint64_t next = generation_.fetch_add(1, std::memory_order_acq_rel) + 1;
  reference_.store(next, std::memory_order_release);
  floor_.store(next, std::memory_order_release);
}

}  // namespace streams::cache
