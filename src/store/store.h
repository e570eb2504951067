#pragma once
// The storage interface (BRIEF §2, "Storage model"). Implementations: store/embedded (SQLite, the
// default) and store/postgres (later). `api` and `ingest` use only this header; only `app` knows
// the concrete stores.
//
// Thread safety: every method may be called from any thread concurrently; implementations
// serialise writes and let reads run in parallel.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bar.h"
#include "core/instrument.h"
#include "core/result.h"
#include "core/symbol.h"
#include "core/time.h"

namespace streams::store {

// Outcome of a write, per row: new, changed, or identical to what was stored.
struct WriteStats {
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  [[nodiscard]] std::int64_t total() const { return inserted + updated + unchanged; }
  WriteStats& operator+=(const WriteStats& o) {
    inserted += o.inserted;
    updated += o.updated;
    unchanged += o.unchanged;
    return *this;
  }
};

struct BarSeries {
  Symbol symbol;
  Timespan timespan;
  std::vector<Bar> bars;  // ascending ts, unique
};

struct MacroSeries {
  std::string series;  // e.g. "CPIAUCSL"
  std::vector<MacroPoint> points;
};

// A resume point of an ingest job (polygon backfill, …), written in the same transaction as the
// data it covers so that a crash never leaves the two disagreeing.
struct IngestCheckpoint {
  std::string key;    // e.g. "polygon:AAPL:1:day"
  std::string value;  // source-defined, e.g. the last ts covered
};

// Everything one import commits: all of it or none of it.
struct WriteBatch {
  std::vector<Instrument> instruments;
  std::vector<BarSeries> bars;
  std::vector<Event> events;
  std::vector<MacroSeries> macro;
  std::vector<IngestCheckpoint> checkpoints;
};

struct WriteReport {
  WriteStats instruments;
  WriteStats bars;
  WriteStats events;
  WriteStats macro;
  [[nodiscard]] WriteStats all() const {
    WriteStats s = instruments;
    s += bars;
    s += events;
    s += macro;
    return s;
  }
};

struct InstrumentFilter {
  std::string sector;    // exact GICS sector; empty = any
  std::string industry;  // exact GICS sub-industry; empty = any
  std::string query;     // case-insensitive substring of symbol or name; empty = any
};

struct IndustryCount {
  std::string industry;
  std::int64_t count = 0;
};

struct SectorSummary {
  std::string sector;
  std::int64_t count = 0;
  std::vector<IndustryCount> industries;  // sorted by name
};

// [from, to] inclusive; unset = unbounded. For daily bars these are session-date keys.
struct TimeRange {
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
};

// Row counts per table, for `streams db status`.
struct StoreCounts {
  std::int64_t instruments = 0;
  std::int64_t bars = 0;
  std::int64_t events = 0;
  std::int64_t macro_points = 0;
  std::int64_t ingest_states = 0;
};

struct SchemaStatus {
  int version = 0;         // applied migrations
  int latest_version = 0;  // migrations this binary knows
};

class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Applies pending numbered migrations; idempotent.
  virtual Result<SchemaStatus> migrate() = 0;
  virtual Result<SchemaStatus> schema_status() = 0;

  // Commits the whole batch in one transaction, or nothing.
  virtual Result<WriteReport> write(const WriteBatch& batch) = 0;

  virtual Result<std::vector<Instrument>> instruments(const InstrumentFilter& filter) = 0;
  virtual Result<std::optional<Instrument>> instrument(const Symbol& symbol) = 0;
  virtual Result<std::vector<SectorSummary>> sectors() = 0;

  virtual Result<std::vector<Bar>> bars(const Symbol& symbol, Timespan timespan, const TimeRange& range) = 0;
  virtual Result<std::int64_t> bar_count() = 0;

  // Events of one symbol (all kinds) in [from, to] by date; unset bounds = unbounded.
  virtual Result<std::vector<Event>> events(const Symbol& symbol, std::optional<Date> from,
                                            std::optional<Date> to) = 0;

  virtual Result<std::vector<std::string>> macro_series() = 0;
  virtual Result<std::vector<MacroPoint>> macro(std::string_view series, std::optional<Date> from,
                                                std::optional<Date> to) = 0;

  virtual Result<std::optional<std::string>> ingest_state(std::string_view key) = 0;

  // Row counts of every table. The default composes the queries above (slow, and it cannot count
  // ingest states); stores override it with COUNT(*) queries.
  virtual Result<StoreCounts> counts();
};

}  // namespace streams::store
