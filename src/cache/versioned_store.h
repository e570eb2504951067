#pragma once
// VersionedStore: a store::Store decorator that bumps Versions after every committed write made
// through it, so caches keyed on those versions never serve what the write replaced. `streams
// serve` wraps its store in one; everything in the process writes through the wrapper.
//
// Life cycle: owns the wrapped store. Thread safety: as store::Store.

#include <memory>

#include "cache/versions.h"
#include "store/store.h"

namespace streams::cache {

class VersionedStore final : public store::Store {
 public:
  VersionedStore(std::unique_ptr<store::Store> inner, Versions& versions);

  Result<store::SchemaStatus> migrate() override;
  Result<store::SchemaStatus> schema_status() override { return inner_->schema_status(); }
  Result<store::WriteReport> write(const store::WriteBatch& batch) override;

  Result<std::vector<Instrument>> instruments(const store::InstrumentFilter& filter) override {
    return inner_->instruments(filter);
  }
  Result<std::optional<Instrument>> instrument(const Symbol& symbol) override { return inner_->instrument(symbol); }
  Result<std::vector<store::SectorSummary>> sectors() override { return inner_->sectors(); }
  Result<std::vector<Bar>> bars(const Symbol& symbol, Timespan timespan, const store::TimeRange& range) override {
    return inner_->bars(symbol, timespan, range);
  }
  Result<std::int64_t> bar_count() override { return inner_->bar_count(); }
  Result<std::vector<Event>> events(const Symbol& symbol, std::optional<Date> from, std::optional<Date> to) override {
    return inner_->events(symbol, from, to);
  }
  Result<std::vector<std::string>> macro_series() override { return inner_->macro_series(); }
  Result<std::vector<MacroPoint>> macro(std::string_view series, std::optional<Date> from,
                                        std::optional<Date> to) override {
    return inner_->macro(series, from, to);
  }
  Result<std::optional<std::string>> ingest_state(std::string_view key) override { return inner_->ingest_state(key); }
  Result<store::StoreCounts> counts() override { return inner_->counts(); }

  [[nodiscard]] store::Store& inner() { return *inner_; }

 private:
  std::unique_ptr<store::Store> inner_;
  Versions& versions_;
};

}  // namespace streams::cache
