// `streams ingest SOURCE ...`: backfill the store. One sub-subcommand per source; `csv` imports
// files and folders (src/ingest). Later sources (polygon, fred, events) add their own here.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <filesystem>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/redis_factory.h"
#include "app/store_factory.h"
#include "cache/redis/redis_buffer.h"
#include "cache/redis/redis_cache.h"
#include "cache/versioned_store.h"
#include "core/log.h"
#include "ingest/backfill.h"
#include "ingest/importer.h"
#include "sources/events/alphavantage.h"
#include "sources/fetcher.h"
#include "sources/fred/fred.h"
#include "sources/polygon/polygon.h"

namespace streams::app {
namespace {

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

double per_second(std::int64_t rows, double seconds) { return seconds > 0 ? static_cast<double>(rows) / seconds : 0; }

// Progress on stderr: a redrawn bar on a terminal, otherwise one line per committed file.
class ProgressPrinter {
 public:
  ProgressPrinter() : tty_(::isatty(::fileno(stderr)) == 1) {}

  void operator()(const ingest::ImportProgress& p) {
    if (tty_) {
      constexpr int width = 30;
      const int filled = static_cast<int>(width * p.files_done / std::max<std::size_t>(p.files_total, 1));
      std::fprintf(stderr, "\r[%s%s] %zu/%zu files  %s rows  %.0fk rows/s  %-24.24s", std::string(filled, '#').c_str(),
                   std::string(width - filled, '.').c_str(), p.files_done, p.files_total,
                   thousands(p.rows_done).c_str(), per_second(p.rows_done, p.seconds) / 1000,
                   p.file.path.filename().c_str());
      if (p.files_done == p.files_total) std::fputc('\n', stderr);
    } else {
      const auto& s = p.file.stats;
      std::fprintf(stderr, "%s: %s, %s rows: %s inserted, %s updated, %s unchanged%s\n", p.file.path.c_str(),
                   std::string(ingest::to_string(p.file.format)).c_str(), thousands(p.file.rows).c_str(),
                   thousands(s.inserted).c_str(), thousands(s.updated).c_str(), thousands(s.unchanged).c_str(),
                   p.file.skipped > 0 ? fmt::format(", {} skipped", thousands(p.file.skipped)).c_str() : "");
    }
    std::fflush(stderr);
    committed_ = p.files_done;
  }
  [[nodiscard]] std::size_t committed() const { return committed_; }
  [[nodiscard]] bool tty() const { return tty_; }

 private:
  bool tty_;
  std::size_t committed_ = 0;
};

int run_csv(const Config& config, const std::vector<std::filesystem::path>& paths, int outage_wait_seconds,
            int writers) {
  auto store = open_store(config);
  if (!store) {
    std::fprintf(stderr, "streams ingest: %s\n", store.error().message.c_str());
    return 1;
  }
  ProgressPrinter printer;
  ingest::ImportOptions options;
  options.progress = [&printer](const ingest::ImportProgress& p) { printer(p); };
  options.outage_wait = std::chrono::seconds(outage_wait_seconds);
  // A database server commits files in parallel (two transactions keep it busy while the client
  // parses); SQLite has one writer at a time anyway.
  const bool server = config.database_url.rfind("postgres", 0) == 0;
  options.writers = static_cast<std::size_t>(writers > 0 ? writers : (server ? 2 : 1));
  options.on_wait = [](const Error& error, double waited) {
    log::warn("store unavailable ({}); waiting and retrying ({:.0f} s so far)", error.message, waited);
  };
  auto summary = ingest::import_paths(**store, paths, options);
  if (!summary) {
    if (printer.tty() && printer.committed() > 0) std::fputc('\n', stderr);
    std::fprintf(stderr, "%s\n", summary.error().message.c_str());
    if (printer.committed() > 0) {
      std::fprintf(stderr, "streams ingest: stopped; the %zu file(s) committed before stay committed\n",
                   printer.committed());
    }
    return 1;
  }
  const auto& t = summary->total;
  std::printf("%zu files, %s rows: %s inserted, %s updated, %s unchanged%s (%s rows/s)\n", summary->files.size(),
              thousands(summary->rows).c_str(), thousands(t.inserted).c_str(), thousands(t.updated).c_str(),
              thousands(t.unchanged).c_str(),
              summary->skipped > 0 ? fmt::format(", {} skipped", thousands(summary->skipped)).c_str() : "",
              thousands(static_cast<std::int64_t>(per_second(summary->rows, summary->seconds))).c_str());
  return 0;
}

// The store of an ingest run. With Redis configured, writes bump the shared versions there, so
// every `streams serve` using that Redis stops serving cached answers about the changed symbols.
struct IngestStore {
  std::unique_ptr<cache::Versions> versions;
  std::unique_ptr<store::Store> store;
};

Result<IngestStore> open_ingest_store(const Config& config) {
  auto opened = open_store(config);
  if (!opened) return opened.error();
  auto redis = open_redis(config);
  if (!redis) return redis.error();
  IngestStore out;
  if (!*redis) {
    out.store = std::move(*opened);
    return out;
  }
  out.versions = std::make_unique<cache::RedisVersions>(*redis);
  out.store = std::make_unique<cache::VersionedStore>(std::move(*opened), *out.versions);
  return out;
}

sources::FetcherOptions fetcher_options(const Config& config, const Config::Source& source, std::string key_param,
                                        double per_minute) {
  sources::FetcherOptions options;
  options.http.timeout = std::chrono::milliseconds(config.http_timeout_ms);
  options.http.ca_file = config.ca_file;
  options.retry.retries = config.http_retries;
  if (const char* v = std::getenv("STREAMS_RETRY_BACKOFF_MS")) {  // tests shorten the back-off
    options.retry.backoff = std::chrono::milliseconds(std::atoi(v));
  }
  options.requests_per_minute = per_minute;
  options.key_param = std::move(key_param);
  options.api_key = source.api_key;
  return options;
}

Result<std::vector<Symbol>> parse_symbols(const std::vector<std::string>& texts) {
  std::vector<Symbol> out;
  for (const std::string& text : texts) {
    auto symbol = Symbol::parse(text);
    if (!symbol) return symbol.error();
    out.push_back(*symbol);
  }
  return out;
}

struct PolygonFlags {
  std::vector<std::string> symbols;
  std::string from;
  std::string to;
  std::string timespan = "day";
  int multiplier = 1;
  bool unadjusted = false;
  bool no_reference = false;
  bool holidays = false;
  int workers = 0;
  double rate = 0;
};

int run_polygon(const Config& config, const PolygonFlags& flags) {
  if (config.polygon.api_key.empty()) {
    std::fprintf(stderr, "streams ingest polygon: no API key (set POLYGON_API_KEY or [polygon] api_key)\n");
    return 2;
  }
  const double rate = flags.rate > 0 ? flags.rate : config.polygon_requests_per_minute;
  sources::Fetcher fetcher(fetcher_options(config, config.polygon, "apiKey", rate));
  sources::polygon::Client client(fetcher, config.polygon.base_url);
  if (flags.holidays) {
    auto holidays = client.upcoming_holidays();
    if (!holidays) {
      std::fprintf(stderr, "streams ingest polygon: %s\n", holidays.error().message.c_str());
      return 1;
    }
    for (const auto& h : *holidays) {
      std::printf("%s %-7s %-12s %s\n", h.date.iso().c_str(), h.exchange.c_str(), h.status.c_str(), h.name.c_str());
    }
    if (flags.symbols.empty()) return 0;
  }
  ingest::PolygonBackfillOptions options;
  auto symbols = parse_symbols(flags.symbols);
  auto from = Date::parse(flags.from);
  auto to = Date::parse(flags.to);
  auto unit = Timespan::parse_unit(flags.timespan);
  for (const Error* e : {symbols ? nullptr : &symbols.error(), from ? nullptr : &from.error(),
                         to ? nullptr : &to.error(), unit ? nullptr : &unit.error()}) {
    if (e != nullptr) {
      std::fprintf(stderr, "streams ingest polygon: %s\n", e->message.c_str());
      return 2;
    }
  }
  options.symbols = *symbols;
  options.from = *from;
  options.to = *to;
  options.timespan = *unit;
  options.timespan.multiplier = flags.multiplier;
  options.adjusted = !flags.unadjusted;
  options.reference = !flags.no_reference;
  options.workers = flags.workers > 0 ? flags.workers : config.polygon_workers;

  auto opened = open_ingest_store(config);
  if (!opened) {
    std::fprintf(stderr, "streams ingest: %s\n", opened.error().message.c_str());
    return 1;
  }
  // With Redis, pages travel through the Redis Streams ingest buffer to one store writer that
  // acknowledges each after its commit (a run killed anywhere leaves them for the next run).
  std::unique_ptr<cache::RedisIngestBuffer> buffer;
  if (!config.redis_url.empty()) {
    auto url = cache::parse_redis_url(config.redis_url);
    if (!url) {
      std::fprintf(stderr, "streams ingest: STREAMS_REDIS_URL: %s\n", url.error().message.c_str());
      return 2;
    }
    cache::RedisOptions redis;
    redis.url = *url;
    buffer = std::make_unique<cache::RedisIngestBuffer>(redis);
    options.buffer = buffer.get();
    log::info("pages go through the Redis ingest buffer at {}", redis.url.redacted());
  }
  log::info("polygon backfill: {} symbol(s) {} … {} {} {}, {} worker(s), {} requests/min, from {}",
            options.symbols.size(), options.from.iso(), options.to.iso(), options.timespan.multiplier,
            to_string(options.timespan.unit), options.workers, rate, config.polygon.base_url);
  auto summary = ingest::backfill_polygon(*opened->store, client, options, [](const ingest::BackfillProgress& p) {
    std::fprintf(stderr, "%s: %s%s bars in %d page(s), through %s%s\n", p.symbol.str().c_str(),
                 p.done ? "done, " : "", thousands(p.bars).c_str(), p.pages, p.through.empty() ? "-" : p.through.c_str(),
                 p.resumed ? " (resumed)" : "");
    std::fflush(stderr);
  });
  if (!summary) {
    std::fprintf(stderr, "streams ingest polygon: %s\n", summary.error().message.c_str());
    return 2;
  }
  const auto& s = summary->bar_stats;
  std::printf("%zu symbol(s), %s bars: %s inserted, %s updated, %s unchanged; %s events, %s instruments; "
              "%lld requests in %.1f s\n",
              options.symbols.size() - summary->failures.size(), thousands(summary->bars).c_str(),
              thousands(s.inserted).c_str(), thousands(s.updated).c_str(), thousands(s.unchanged).c_str(),
              thousands(summary->events).c_str(), thousands(summary->instruments).c_str(), fetcher.requests(),
              summary->seconds);
  for (const std::string& failure : summary->failures) std::fprintf(stderr, "failed: %s\n", failure.c_str());
  return summary->failures.empty() ? 0 : 1;
}

struct FredFlags {
  std::vector<std::string> series;
  std::vector<std::filesystem::path> csv_files;
};

int run_fred(const Config& config, const FredFlags& flags) {
  store::WriteBatch batch;
  std::int64_t missing = 0;
  for (const auto& path : flags.csv_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "streams ingest fred: cannot read %s\n", path.c_str());
      return 1;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto observations = sources::fred::parse_csv(text.str());
    if (!observations) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), observations.error().message.c_str());
      return 1;
    }
    std::string name = path.filename().string();
    name = name.substr(0, name.find('.'));
    batch.macro.push_back({name, std::move(observations->points)});
    missing += observations->missing;
  }
  if (!flags.series.empty()) {
    if (config.fred.api_key.empty()) {
      std::fprintf(stderr, "streams ingest fred: no API key (set FRED_API_KEY or [fred] api_key)\n");
      return 2;
    }
    sources::Fetcher fetcher(fetcher_options(config, config.fred, "api_key", 120));
    sources::fred::Client client(fetcher, config.fred.base_url);
    for (const std::string& series : flags.series) {
      auto observations = client.observations(series);
      if (!observations) {
        std::fprintf(stderr, "streams ingest fred: %s: %s\n", series.c_str(), observations.error().message.c_str());
        return 1;
      }
      batch.macro.push_back({series, std::move(observations->points)});
      missing += observations->missing;
    }
  }
  if (batch.macro.empty()) {
    std::fprintf(stderr, "streams ingest fred: give --series or --csv\n");
    return 2;
  }
  auto opened = open_ingest_store(config);
  if (!opened) {
    std::fprintf(stderr, "streams ingest: %s\n", opened.error().message.c_str());
    return 1;
  }
  auto report = opened->store->write(batch);
  if (!report) {
    std::fprintf(stderr, "streams ingest fred: %s\n", report.error().message.c_str());
    return 1;
  }
  const auto& m = report->macro;
  std::printf("%zu series, %s points: %s inserted, %s updated, %s unchanged (%s missing values skipped)\n",
              batch.macro.size(), thousands(m.total()).c_str(), thousands(m.inserted).c_str(),
              thousands(m.updated).c_str(), thousands(m.unchanged).c_str(), thousands(missing).c_str());
  return 0;
}

struct EventsFlags {
  std::vector<std::filesystem::path> files;
  std::vector<std::string> alphavantage;  // symbols
  std::vector<std::string> polygon;       // symbols: splits and dividends
};

int run_events(const Config& config, const EventsFlags& flags) {
  store::WriteBatch batch;
  for (const auto& file : flags.files) {
    // The CSV formats (symbol,date[,kind,time_of_day,value]) are src/ingest's; only events are accepted here.
    auto parsed = ingest::parse_csv_file(file);
    if (!parsed) {
      std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
      return 1;
    }
    if (parsed->format != ingest::CsvFormat::events) {
      std::fprintf(stderr, "%s: not an events file (header symbol,date[,kind,time_of_day]; this one is %s)\n",
                   file.c_str(), std::string(ingest::to_string(parsed->format)).c_str());
      return 1;
    }
    batch.events.insert(batch.events.end(), parsed->batch.events.begin(), parsed->batch.events.end());
  }
  auto av_symbols = parse_symbols(flags.alphavantage);
  auto pg_symbols = parse_symbols(flags.polygon);
  if (!av_symbols || !pg_symbols) {
    std::fprintf(stderr, "streams ingest events: %s\n", (av_symbols ? pg_symbols.error() : av_symbols.error()).message.c_str());
    return 2;
  }
  if (!av_symbols->empty()) {
    if (config.alphavantage.api_key.empty()) {
      std::fprintf(stderr, "streams ingest events: no Alpha Vantage key (set ALPHAVANTAGE_API_KEY or [alphavantage] api_key)\n");
      return 2;
    }
    sources::Fetcher fetcher(fetcher_options(config, config.alphavantage, "apikey", 5));
    sources::alphavantage::Client client(fetcher, config.alphavantage.base_url);
    for (const Symbol& symbol : *av_symbols) {
      auto events = client.earnings(symbol);
      if (!events) {
        std::fprintf(stderr, "streams ingest events: %s: %s\n", symbol.str().c_str(), events.error().message.c_str());
        return 1;
      }
      batch.events.insert(batch.events.end(), events->begin(), events->end());
    }
  }
  if (!pg_symbols->empty()) {
    if (config.polygon.api_key.empty()) {
      std::fprintf(stderr, "streams ingest events: no polygon key (set POLYGON_API_KEY or [polygon] api_key)\n");
      return 2;
    }
    sources::Fetcher fetcher(fetcher_options(config, config.polygon, "apiKey", config.polygon_requests_per_minute));
    sources::polygon::Client client(fetcher, config.polygon.base_url);
    for (const Symbol& symbol : *pg_symbols) {
      for (auto fetch : {&sources::polygon::Client::splits, &sources::polygon::Client::dividends}) {
        auto events = (client.*fetch)(symbol);
        if (!events) {
          std::fprintf(stderr, "streams ingest events: %s: %s\n", symbol.str().c_str(), events.error().message.c_str());
          return 1;
        }
        for (const Event& e : *events) {
          if (e.symbol == symbol) batch.events.push_back(e);
        }
      }
    }
  }
  if (batch.events.empty() && flags.files.empty() && av_symbols->empty() && pg_symbols->empty()) {
    std::fprintf(stderr, "streams ingest events: give FILE, --alphavantage SYMBOLS or --polygon SYMBOLS\n");
    return 2;
  }
  auto opened = open_ingest_store(config);
  if (!opened) {
    std::fprintf(stderr, "streams ingest: %s\n", opened.error().message.c_str());
    return 1;
  }
  auto report = opened->store->write(batch);
  if (!report) {
    std::fprintf(stderr, "streams ingest events: %s\n", report.error().message.c_str());
    return 1;
  }
  const auto& e = report->events;
  std::printf("%s events: %s inserted, %s updated, %s unchanged\n", thousands(e.total()).c_str(),
              thousands(e.inserted).c_str(), thousands(e.updated).c_str(), thousands(e.unchanged).c_str());
  return 0;
}

}  // namespace

void add_ingest_command(CLI::App& app, Config& config) {
  CLI::App* ingest = app.add_subcommand("ingest", "backfill the store from a source");
  ingest->require_subcommand(1);

  CLI::App* csv = ingest->add_subcommand(
      "csv", "import CSV files or folders (prices, Yahoo, Stooq, intraday, instruments, events, macro; .csv.gz too)");
  auto paths = std::make_shared<std::vector<std::filesystem::path>>();
  csv->add_option("paths", *paths, "files or folders (searched recursively for *.csv and *.csv.gz)")->required();
  add_store_options(*csv, config);
  auto outage_wait = std::make_shared<int>(120);
  csv->add_option("--wait", *outage_wait,
                  "seconds to wait for an unreachable store before giving up (default 120; 0 = fail at once)")
      ->check(CLI::Range(0, 86400));
  auto writers = std::make_shared<int>(0);
  csv->add_option("--writers", *writers,
                  "files written at once, one transaction each (default: 2 on PostgreSQL, 1 on SQLite)")
      ->check(CLI::Range(1, 16));
  csv->callback([&config, paths, outage_wait, writers] {
    if (const int status = run_csv(config, *paths, *outage_wait, *writers); status != 0) {
      throw CLI::RuntimeError(status);
    }
  });

  auto pf = std::make_shared<PolygonFlags>();
  CLI::App* polygon = ingest->add_subcommand(
      "polygon", "backfill aggregates (and ticker details, splits, dividends) from polygon.io REST; resumable");
  polygon->add_option("--symbols", pf->symbols, "tickers, comma-separated")->delimiter(',');
  polygon->add_option("--from", pf->from, "first date YYYY-MM-DD");
  polygon->add_option("--to", pf->to, "last date YYYY-MM-DD");
  polygon->add_option("--timespan", pf->timespan, "day or minute (default day)")->check(CLI::IsMember({"day", "minute"}));
  polygon->add_option("--multiplier", pf->multiplier, "bar width in timespans (default 1)")->check(CLI::Range(1, 1440));
  polygon->add_flag("--unadjusted", pf->unadjusted, "bars as traded (default: split-adjusted)");
  polygon->add_flag("--no-reference", pf->no_reference, "skip ticker details, splits and dividends");
  polygon->add_flag("--holidays", pf->holidays, "print the upcoming market holidays");
  polygon->add_option("--workers", pf->workers, "concurrent symbols (default [polygon] workers = 2)")->check(CLI::Range(1, 64));
  polygon->add_option("--rate", pf->rate, "requests per minute (default [polygon] requests_per_minute = 5)");
  add_store_options(*polygon, config);
  polygon->callback([&config, pf] {
    if (!pf->holidays && (pf->symbols.empty() || pf->from.empty() || pf->to.empty())) {
      throw CLI::ValidationError("streams ingest polygon", "--symbols, --from and --to are required");
    }
    if (const int status = run_polygon(config, *pf); status != 0) throw CLI::RuntimeError(status);
  });

  auto ff = std::make_shared<FredFlags>();
  CLI::App* fred = ingest->add_subcommand("fred", "macro series from FRED (observations API, or FRED CSV files)");
  fred->add_option("--series", ff->series, "FRED series ids, comma-separated (needs FRED_API_KEY)")->delimiter(',');
  fred->add_option("--csv", ff->csv_files, "FRED CSV exports (DATE,<SERIES>); the series is the file name");
  add_store_options(*fred, config);
  fred->callback([&config, ff] {
    if (const int status = run_fred(config, *ff); status != 0) throw CLI::RuntimeError(status);
  });

  auto ef = std::make_shared<EventsFlags>();
  CLI::App* events = ingest->add_subcommand(
      "events", "earnings/dividend/split events: CSV files (symbol,date,kind,time_of_day), Alpha Vantage, polygon");
  events->add_option("files", ef->files, "events CSV files");
  events->add_option("--alphavantage", ef->alphavantage, "earnings dates from Alpha Vantage for these symbols")->delimiter(',');
  events->add_option("--polygon", ef->polygon, "splits and dividends from polygon for these symbols")->delimiter(',');
  add_store_options(*events, config);
  events->callback([&config, ef] {
    if (const int status = run_events(config, *ef); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace streams::app
