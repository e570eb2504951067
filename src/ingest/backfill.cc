#include "ingest/backfill.h"

#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <mutex>
#include <thread>

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
          store::WriteBatch batch;
          batch.bars.push_back(store::BarSeries{symbol, options.timespan, page.bars});
          batch.checkpoints.push_back({key, std::to_string(page.bars.back().ts.millis())});
          auto report = store.write(batch);
          if (!report) return report.error();
          state.bars += static_cast<std::int64_t>(page.bars.size());
          state.pages += 1;
          state.through = show_ts(page.bars.back().ts, options.timespan);
          const std::lock_guard lock(mutex);
          summary.bars += static_cast<std::int64_t>(page.bars.size());
          summary.bar_stats += report->bars;
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
  const int threads = std::clamp(options.workers, 1, static_cast<int>(options.symbols.size()));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace streams::ingest
