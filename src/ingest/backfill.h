#pragma once
// Backfill from polygon.io REST into a store, resumable (BRIEF §2, `streams ingest polygon`).
//
// Per symbol: optionally the reference data first (ticker details → instrument name, industry and
// exchange where the store has none yet; splits and dividends → events), then the aggregates of
// [from, to] page by page. Every page is committed as one WriteBatch together with the symbol's
// resume point (ingest_state `polygon:<SYM>:<multiplier>:<unit>:<adj|raw>` = ms of the last bar), so
// a run stopped anywhere — killed, network gone — starts again at the last committed bar; since
// writes are idempotent, the overlap changes nothing. Symbols are spread over `workers` threads
// that share the Fetcher's rate limiter.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/bar.h"
#include "core/result.h"
#include "core/symbol.h"
#include "cache/ingest_buffer.h"
#include "core/time.h"
#include "sources/polygon/polygon.h"
#include "store/store.h"

namespace streams::ingest {

struct PolygonBackfillOptions {
  std::vector<Symbol> symbols;
  Date from;
  Date to;
  Timespan timespan = Timespan::daily();
  bool adjusted = true;
  bool reference = true;  // ticker details, splits and dividends too
  int workers = 2;
  // With a buffer (Redis Streams when Redis is configured), fetched pages are appended to it and
  // one writer thread commits them, acknowledging each entry only after its commit; entries left
  // pending by a run that died are re-claimed first (after `stale_after`). Without, workers write.
  cache::IngestBuffer* buffer = nullptr;
  std::chrono::milliseconds stale_after{std::chrono::seconds(30)};
};

// A page as it travels through the ingest buffer (text, exact doubles): encode/decode.
std::string encode_page(const store::BarSeries& series, const store::IngestCheckpoint& checkpoint);
Result<store::WriteBatch> decode_page(std::string_view payload);

struct BackfillProgress {
  Symbol symbol;
  std::int64_t bars = 0;      // committed for this symbol in this run
  int pages = 0;
  std::string through;        // the last committed bar's time (ISO)
  bool done = false;          // the symbol is finished
  bool resumed = false;       // it started from a resume point
};

struct BackfillSummary {
  std::int64_t bars = 0;
  std::int64_t events = 0;
  std::int64_t instruments = 0;
  store::WriteStats bar_stats;
  std::vector<std::string> failures;  // one message per failed symbol (URLs redacted)
  double seconds = 0;
};

std::string polygon_state_key(const Symbol& symbol, Timespan timespan, bool adjusted);

// Returns the summary even when some symbols failed (listed in failures); an error only when the
// options are unusable.
Result<BackfillSummary> backfill_polygon(store::Store& store, sources::polygon::Client& client,
                                         const PolygonBackfillOptions& options,
                                         const std::function<void(const BackfillProgress&)>& progress);

}  // namespace streams::ingest
