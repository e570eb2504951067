#include "cache/versioned_store.h"

#include <set>

namespace streams::cache {

VersionedStore::VersionedStore(std::unique_ptr<store::Store> inner, Versions& versions)
    : inner_(std::move(inner)), versions_(versions) {}

Result<store::SchemaStatus> VersionedStore::migrate() {
  auto status = inner_->migrate();
  versions_.bump_all();
  return status;
}

Result<store::WriteReport> VersionedStore::write(const store::WriteBatch& batch) {
  auto report = inner_->write(batch);
  // Bumped even on failure: a failed write changes nothing, and an extra bump only costs a miss.
  std::set<Symbol> touched;
  for (const store::BarSeries& series : batch.bars) touched.insert(series.symbol);
  for (const Event& event : batch.events) touched.insert(event.symbol);
  for (const Symbol& symbol : touched) versions_.bump_symbol(symbol);
  if (!batch.instruments.empty() || !batch.macro.empty()) versions_.bump_reference();
  return report;
}

}  // namespace streams::cache
