#include "ingest/backfill.h"

#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <mutex>
#include <thread>

#include <unistd.h>

#include <limits>

#include "core/log.h"
#include "ingest/errc.h"

namespace streams::ingest {
namespace {

std::optional<std::int64_t> parse_ms(std::string_view text) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string show_ts(Timestamp ts, Timespan timespan) {
  return timespan.intraday() ? ts.iso() : Date::from_key(ts).iso();
}

// The instrument to write: the store's, with polygon filling only what it lacks.
Instrument merge(const std::optional<Instrument>& existing, const Instrument& fetched) {
  if (!existing) return fetched;
  Instrument out = *existing;
  if (out.name.empty()) out.name = fetched.name;
  if (out.industry.empty()) out.industry = fetched.industry;
  if (out.exchange.empty()) out.exchange = fetched.exchange;
  return out;
}

}  // namespace

// Line 1: "page\t<symbol>\t<unit>\t<multiplier>\t<state key>\t<state value>"; then one line per bar:
// "<ts ms> <o> <h> <l> <c> <v> <vw> <n>" with doubles in shortest round-trip form.
std::string encode_page(const store::BarSeries& series, const store::IngestCheckpoint& checkpoint) {
  std::string out = fmt::format("page\t{}\t{}\t{}\t{}\t{}\n", series.symbol.str(), to_string(series.timespan.unit),
                                series.timespan.multiplier, checkpoint.key, checkpoint.value);
  for (const Bar& b : series.bars) {
    fmt::format_to(std::back_inserter(out), "{} {} {} {} {} {} {} {}\n", b.ts.millis(), b.open, b.high, b.low, b.close,
                   b.volume, b.vwap, b.trades);
  }
  return out;
}

Result<store::WriteBatch> decode_page(std::string_view payload) {
  auto fail = [](std::string_view why) { return make_error(errc::malformed_row, fmt::format("buffered page: {}", why)); };
  auto next_line = [&payload]() {
    const auto end = payload.find('\n');
    std::string_view line = payload.substr(0, end);
    payload = end == std::string_view::npos ? std::string_view() : payload.substr(end + 1);
    return line;
  };
  std::string_view head = next_line();
  std::vector<std::string_view> fields;
  while (true) {
    const auto tab = head.find('\t');
    fields.push_back(head.substr(0, tab));
    if (tab == std::string_view::npos) break;
    head = head.substr(tab + 1);
  }
  if (fields.size() != 6 || fields[0] != "page") return fail("bad header");
  auto symbol = Symbol::parse(fields[1]);
  auto unit = Timespan::parse_unit(fields[2]);
  auto multiplier = parse_ms(fields[3]);
  if (!symbol || !unit || !multiplier || *multiplier < 1) return fail("bad symbol, unit or multiplier");
  Timespan timespan = *unit;
  timespan.multiplier = static_cast<int>(*multiplier);
  store::BarSeries series{*symbol, timespan, {}};
  while (!payload.empty()) {
    std::string_view line = next_line();
    if (line.empty()) continue;
    Bar bar;
    std::int64_t ts = 0;
    double* reals[] = {&bar.open, &bar.high, &bar.low, &bar.close, &bar.volume, &bar.vwap};
    const char* p = line.data();
    const char* end = line.data() + line.size();
    auto r = std::from_chars(p, end, ts);
    if (r.ec != std::errc()) return fail("bad timestamp");
    p = r.ptr;
    for (double* real : reals) {
      if (p == end || *p != ' ') return fail("short bar line");
      ++p;
      if (std::string_view(p, static_cast<std::size_t>(end - p)).substr(0, 3) == "nan") {
        *real = std::numeric_limits<double>::quiet_NaN();
        p += 3;
        continue;
      }
      auto rr = std::from_chars(p, end, *real);
      if (rr.ec != std::errc()) return fail("bad number");
      p = rr.ptr;
    }
    if (p == end || *p != ' ') return fail("short bar line");
    auto rn = std::from_chars(p + 1, end, bar.trades);
    if (rn.ec != std::errc() || rn.ptr != end) return fail("bad trade count");
    bar.ts = Timestamp::from_millis(ts);
    series.bars.push_back(bar);
  }
  store::WriteBatch batch;
  batch.bars.push_back(std::move(series));
  batch.checkpoints.push_back({std::string(fields[4]), std::string(fields[5])});
  return batch;
}

std::string polygon_state_key(const Symbol& symbol, Timespan timespan, bool adjusted) {
  return fmt::format("polygon:{}:{}:{}:{}", symbol.str(), timespan.multiplier, to_string(timespan.unit),
                     adjusted ? "adj" : "raw");
}

Result<BackfillSummary> backfill_polygon(store::Store& store, sources::polygon::Client& client,
                                         const PolygonBackfillOptions& options,
                                         const std::function<void(const BackfillProgress&)>& progress) {
  if (options.symbols.empty()) return make_error(errc::invalid_argument, "no symbols to backfill");
  if (options.to < options.from) {
    return make_error(errc::invalid_argument, fmt::format("--to {} is before --from {}", options.to.iso(), options.from.iso()));
  }
  const auto started = std::chrono::steady_clock::now();
  BackfillSummary summary;
  std::mutex mutex;  // guards summary and progress calls
  std::atomic<std::size_t> next{0};
  std::atomic<std::int64_t> appended{0};

  auto one_symbol = [&](const Symbol& symbol) -> Status {
    BackfillProgress state{symbol, 0, 0, {}, false, false};
    if (options.reference) {
      store::WriteBatch batch;
      auto details = client.ticker(symbol);
      if (!details) return details.error();
      auto existing = store.instrument(symbol);
      if (!existing) return existing.error();
      batch.instruments.push_back(merge(*existing, *details));
      auto splits = client.splits(symbol);
      if (!splits) return splits.error();
      auto dividends = client.dividends(symbol);
      if (!dividends) return dividends.error();
      for (const auto* list : {&*splits, &*dividends}) {
        for (const Event& e : *list) {
          if (e.symbol == symbol) batch.events.push_back(e);
        }
      }
      auto report = store.write(batch);
      if (!report) return report.error();
      const std::lock_guard lock(mutex);
      summary.instruments += 1;
      summary.events += static_cast<std::int64_t>(batch.events.size());
    }

    const std::string key = polygon_state_key(symbol, options.timespan, options.adjusted);
    std::string from = options.from.iso();
    const std::string to = options.to.iso();
    auto saved = store.ingest_state(key);
    if (!saved) return saved.error();
    if (*saved) {
      if (auto ms = parse_ms(**saved); ms && Timestamp::from_millis(*ms) >= options.from.key()) {
        // Start again at the last committed bar (inclusive: rewriting it changes nothing).
        from = options.timespan.intraday() ? std::to_string(*ms) : Date::from_key(Timestamp::from_millis(*ms)).iso();
        state.resumed = true;
        state.through = show_ts(Timestamp::from_millis(*ms), options.timespan);
      }
    }
    Status fetched = client.aggregates(
        symbol, options.timespan, from, to, options.adjusted, [&](const sources::polygon::AggsPage& page) -> Status {
          if (page.bars.empty()) return {};
          store::BarSeries series{symbol, options.timespan, page.bars};
          store::IngestCheckpoint checkpoint{key, std::to_string(page.bars.back().ts.millis())};
          store::WriteStats stats;
          if (options.buffer != nullptr) {
            // The writer thread commits it; a page in the buffer is as safe as a committed one.
            auto id = options.buffer->append(encode_page(series, checkpoint));
            if (!id) return id.error();
            appended.fetch_add(1);
          } else {
            store::WriteBatch batch;
            batch.bars.push_back(std::move(series));
            batch.checkpoints.push_back(std::move(checkpoint));
            auto report = store.write(batch);
            if (!report) return report.error();
            stats = report->bars;
          }
          state.bars += static_cast<std::int64_t>(page.bars.size());
          state.pages += 1;
          state.through = show_ts(page.bars.back().ts, options.timespan);
          const std::lock_guard lock(mutex);
          summary.bars += static_cast<std::int64_t>(page.bars.size());
          summary.bar_stats += stats;
          if (progress) progress(state);
          return {};
        });
    if (!fetched) return fetched;
    state.done = true;
    const std::lock_guard lock(mutex);
    if (progress) progress(state);
    return {};
  };

  auto worker = [&] {
    for (;;) {
      const std::size_t index = next.fetch_add(1);
      if (index >= options.symbols.size()) return;
      const Symbol& symbol = options.symbols[index];
      Status status = one_symbol(symbol);
      if (!status) {
        const std::lock_guard lock(mutex);
        summary.failures.push_back(fmt::format("{}: {}", symbol.str(), status.error().message));
      }
    }
  };
  // The store writer of the buffered path: commits entries, acknowledges each after its commit.
  std::atomic<bool> producing{true};
  std::atomic<std::int64_t> committed{0};
  std::string writer_error;
  auto commit_entries = [&](const std::vector<cache::BufferEntry>& entries, bool count) -> Status {
    for (const cache::BufferEntry& entry : entries) {
      auto batch = decode_page(entry.payload);
      if (batch) {
        auto report = store.write(*batch);
        if (!report) return report.error();  // not acknowledged: re-claimed by the next run
        const std::lock_guard lock(mutex);
        summary.bar_stats += report->bars;
      } else {
        log::error("ingest buffer entry {} dropped: {}", entry.id, batch.error().message);
      }
      if (Status acked = options.buffer->ack({entry.id}); !acked) return acked;
      if (count) committed.fetch_add(1);
    }
    return {};
  };
  std::thread writer;
  if (options.buffer != nullptr) {
    const std::string consumer = fmt::format("backfill-{}", static_cast<long long>(::getpid()));
    // Pages a dead run left pending (read, never acknowledged) come first.
    auto stale = options.buffer->claim_stale(consumer, options.stale_after, 100'000);
    if (!stale) return stale.error();
    if (!stale->empty()) log::info("ingest buffer: re-claimed {} page(s) left pending by an earlier run", stale->size());
    if (Status s = commit_entries(*stale, false); !s) return s.error();
    writer = std::thread([&, consumer] {
      for (;;) {
        const bool last_round = !producing.load();  // everything was appended before this read
        auto entries = options.buffer->read(consumer, 16, std::chrono::milliseconds(100));
        if (entries && entries->empty() && last_round) return;
        Status s = entries ? commit_entries(*entries, true) : Status(entries.error());
        if (!s) {
          const std::lock_guard lock(mutex);
          writer_error = s.error().message;
          return;
        }
      }
    });
  }

  const int threads = std::clamp(options.workers, 1, static_cast<int>(options.symbols.size()));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  producing.store(false);
  if (writer.joinable()) writer.join();
  if (!writer_error.empty()) summary.failures.push_back("store writer: " + writer_error);
  if (options.buffer != nullptr && committed.load() < appended.load()) {
    // Pages that vanished from the buffer (Redis restarted without persistence) or that it could
    // not deliver: their bars are not committed, the resume points stayed behind them.
    summary.failures.push_back(fmt::format("{} of {} page(s) were not committed from the ingest buffer; run the "
                                           "same command again to fetch them", appended.load() - committed.load(),
                                           appended.load()));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace streams::ingest
