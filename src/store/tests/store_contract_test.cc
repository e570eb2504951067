// The store contract, one test body per behaviour, run against every store (BRIEF §2 "Storage
// model"): the embedded SQLite store, PostgreSQL directly, and PostgreSQL through PgBouncer in
// transaction pooling mode.
//
//   store_contract_test --backend=sqlite
//   store_contract_test --backend=postgres  --services-dir=DIR   (DIR/postgres.env)
//   store_contract_test --backend=pgbouncer --services-dir=DIR   (DIR/postgres.env, DIR/pgbouncer.env)
//
// Exit status 77 (skipped) when a service's env file is missing. Each PostgreSQL test starts from
// an empty schema in its own database (postgres: streams_store, pgbouncer: streams_bouncer).

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "store/embedded/sqlite_store.h"
#include "store/errc.h"
#include "store/postgres/pg_store.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace streams::store {
namespace {

namespace fs = std::filesystem;

std::string g_backend = "sqlite";
fs::path g_services_dir;

std::map<std::string, std::string> read_env(const fs::path& file) {
  std::map<std::string, std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

// postgresql://user:pw@host:port/db → the same URL naming `database`.
std::string with_database(const std::string& url, const std::string& database) {
  return url.substr(0, url.rfind('/') + 1) + database;
}

// The URLs of the backend under test: where the store connects, and a direct one for resets.
struct PgUrls {
  std::string store;
  std::string admin;
};

PgUrls pg_urls() {
  const auto pg = read_env(g_services_dir / "postgres.env");
  if (g_backend == "pgbouncer") {
    const auto bouncer = read_env(g_services_dir / "pgbouncer.env");
    return {with_database(bouncer.at("STREAMS_TEST_PGBOUNCER_URL"), "streams_bouncer"),
            with_database(pg.at("STREAMS_TEST_PG_URL"), "streams_bouncer")};
  }
  return {with_database(pg.at("STREAMS_TEST_PG_URL"), "streams_store"),
          with_database(pg.at("STREAMS_TEST_PG_URL"), "streams_store")};
}

// Runs literal SQL on a fresh direct connection (test set-up only).
void admin_exec(const std::string& url, const char* sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* result = PQexec(conn, sql);
  const auto status = PQresultStatus(result);
  EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
}

Symbol sym(std::string_view text) { return Symbol::parse(text).value(); }
Date day(std::string_view text) { return Date::parse(text).value(); }

Bar daily(std::string_view date, double close, double volume = 1000) {
  return Bar{.ts = day(date).key(), .open = close, .high = close + 1, .low = close - 1, .close = close,
             .volume = volume};
}

WriteBatch sample_batch() {
  WriteBatch batch;
  batch.instruments = {
      Instrument{.symbol = sym("AAPL"), .name = "Apple Inc.", .sector = "Information Technology",
                 .industry = "Technology Hardware, Storage & Peripherals"},
      Instrument{.symbol = sym("MSFT"), .name = "Microsoft Corp.", .sector = "Information Technology",
                 .industry = "Systems Software"},
      Instrument{.symbol = sym("ORCL"), .name = "Oracle Corp.", .sector = "Information Technology",
                 .industry = "Systems Software"},
      Instrument{.symbol = sym("JPM"), .name = "JPMorgan Chase & Co.", .sector = "Financials",
                 .industry = "Diversified Banks"},
  };
  batch.bars.push_back(BarSeries{.symbol = sym("AAPL"), .timespan = Timespan::daily(),
                                 .bars = {daily("2020-08-27", 500), daily("2020-08-28", 499.23),
                                          daily("2020-08-31", 129.04)}});
  batch.events = {Event{.symbol = sym("AAPL"), .date = day("2020-08-31"), .kind = EventKind::split, .value = 4},
                  Event{.symbol = sym("AAPL"), .date = day("2020-08-07"), .kind = EventKind::dividend, .value = 0.82},
                  Event{.symbol = sym("AAPL"), .date = day("2020-07-30"), .kind = EventKind::earnings,
                        .value = std::nan(""), .time_of_day = "amc"}};
  batch.macro.push_back(
      MacroSeries{.series = "FEDFUNDS", .points = {{day("2020-01-01"), 1.55}, {day("2020-02-01"), 1.58}}});
  batch.checkpoints.push_back(IngestCheckpoint{.key = "polygon:AAPL:1:day", .value = "1598832000000"});
  return batch;
}

BarSeries daily_series(std::string_view symbol, int n, double base) {
  BarSeries series{.symbol = sym(symbol), .timespan = Timespan::daily(), .bars = {}};
  for (int i = 0; i < n; ++i) {
    Bar bar = daily("2020-01-01", base + i * 0.25, 1000 + i);
    bar.ts = (day("2020-01-01") + i).key();
    series.bars.push_back(bar);
  }
  return series;
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      dir_ = fs::temp_directory_path() / ("streams_contract_" + std::to_string(::getpid()) + "_" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
      fs::remove_all(dir_);
    } else {
      urls_ = pg_urls();
      admin_exec(urls_.admin, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }
    store_ = open();
    ASSERT_TRUE(store_);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Opens (and migrates) another store on the same database.
  std::unique_ptr<Store> open() {
    Result<std::unique_ptr<Store>> opened =
        GetParam() == "sqlite" ? embedded::open_sqlite_store(dir_ / "streams.db")
                               : postgres::open_pg_store(postgres::PgOptions{.url = urls_.store, .pool_size = 4});
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }
  [[nodiscard]] bool postgres() const { return GetParam() != "sqlite"; }

  fs::path dir_;
  PgUrls urls_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContract, MigrationsAreIdempotentAndVersioned) {
  auto status = store_->schema_status();
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->version, status->latest_version);
  EXPECT_GE(status->version, 1);
  for (int i = 0; i < 3; ++i) {
    auto again = store_->migrate();
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->version, status->latest_version);
  }
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  store_.reset();
  auto reopened = open();
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->bar_count().value(), 3);
  EXPECT_EQ(reopened->schema_status()->version, status->latest_version);
}

TEST_P(StoreContract, RefusesASchemaNewerThanTheBinary) {
  store_.reset();
  if (postgres()) {
    admin_exec(urls_.admin, "INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    auto reopened = postgres::open_pg_store(postgres::PgOptions{.url = urls_.store});
    ASSERT_FALSE(reopened.ok());
    EXPECT_EQ(reopened.error().code, errc::schema_too_new);
    EXPECT_NE(reopened.error().message.find("999"), std::string::npos) << reopened.error().message;
  } else {
    GTEST_SKIP() << "covered by store_embedded_test (needs raw SQLite access)";
  }
}

TEST_P(StoreContract, WriteReportsInsertedThenUnchangedThenUpdated) {
  auto first = store_->write(sample_batch());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->instruments.inserted, 4);
  EXPECT_EQ(first->bars.inserted, 3);
  EXPECT_EQ(first->events.inserted, 3);
  EXPECT_EQ(first->macro.inserted, 2);
  EXPECT_EQ(first->all().updated, 0);

  auto second = store_->write(sample_batch());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->all().inserted, 0);
  EXPECT_EQ(second->all().updated, 0);
  EXPECT_EQ(second->all().unchanged, 4 + 3 + 3 + 2);

  WriteBatch corrected = sample_batch();
  corrected.instruments[1].name = "Microsoft Corporation";
  corrected.bars[0].bars[1].close = 499.24;
  corrected.bars[0].bars.push_back(daily("2020-09-01", 134.18));
  corrected.events[2].time_of_day = "bmo";
  corrected.macro[0].points[1].value = 1.59;
  auto third = store_->write(corrected);
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_EQ(third->instruments.updated, 1);
  EXPECT_EQ(third->instruments.unchanged, 3);
  EXPECT_EQ(third->bars.inserted, 1);
  EXPECT_EQ(third->bars.updated, 1);
  EXPECT_EQ(third->bars.unchanged, 2);
  EXPECT_EQ(third->events.updated, 1);
  EXPECT_EQ(third->events.unchanged, 2);
  EXPECT_EQ(third->macro.updated, 1);
  EXPECT_EQ(third->macro.unchanged, 1);

  auto bars = store_->bars(sym("AAPL"), Timespan::daily(), {});
  ASSERT_TRUE(bars.ok());
  ASSERT_EQ(bars->size(), 4U);
  EXPECT_DOUBLE_EQ((*bars)[1].close, 499.24);
  EXPECT_EQ(store_->instrument(sym("MSFT")).value()->name, "Microsoft Corporation");
  EXPECT_EQ(store_->events(sym("AAPL"), std::nullopt, std::nullopt)->at(0).time_of_day, "bmo");
}

TEST_P(StoreContract, AFailingRowRollsBackTheWholeBatch) {
  WriteBatch batch = sample_batch();
  Bar bad = daily("2020-09-02", 100);
  bad.high = 90;  // high < low violates the table's CHECK
  batch.bars.push_back(BarSeries{.symbol = sym("MSFT"), .timespan = Timespan::daily(), .bars = {bad}});
  auto result = store_->write(batch);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::constraint);
  EXPECT_NE(result.error().message.find("MSFT"), std::string::npos) << result.error().message;
  auto counts = store_->counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->instruments, 0);
  EXPECT_EQ(counts->bars, 0);
  EXPECT_EQ(counts->events, 0);
  EXPECT_EQ(counts->macro_points, 0);
  EXPECT_EQ(counts->ingest_states, 0);
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  EXPECT_EQ(store_->bar_count().value(), 3);
}

TEST_P(StoreContract, BarQueriesHonourRangesAndTimespans) {
  WriteBatch batch = sample_batch();
  const Timestamp start = Timestamp::parse("2019-02-11T14:30:00Z").value();
  BarSeries minutes{.symbol = sym("AAPL"), .timespan = Timespan::minutes(1), .bars = {}};
  for (int i = 0; i < 5; ++i) {
    Bar bar = daily("2019-02-11", 170 + i);
    bar.ts = Timestamp::from_millis(start.millis() + i * 60'000LL);
    bar.vwap = 170.5 + i;
    bar.trades = 10 + i;
    minutes.bars.push_back(bar);
  }
  batch.bars.push_back(minutes);
  ASSERT_TRUE(store_->write(batch).ok());

  auto all_daily = store_->bars(sym("AAPL"), Timespan::daily(), {});
  ASSERT_EQ(all_daily->size(), 3U);
  EXPECT_TRUE(std::isnan((*all_daily)[0].vwap));
  EXPECT_EQ((*all_daily)[2].ts, day("2020-08-31").key());
  auto ranged = store_->bars(sym("AAPL"), Timespan::daily(), {day("2020-08-28").key(), day("2020-08-31").key()});
  ASSERT_EQ(ranged->size(), 2U);
  EXPECT_EQ((*ranged)[0].ts, day("2020-08-28").key());
  EXPECT_DOUBLE_EQ((*ranged)[1].close, 129.04);
  EXPECT_EQ(store_->bars(sym("AAPL"), Timespan::daily(), {day("2020-08-29").key(), std::nullopt})->size(), 1U);
  EXPECT_EQ(store_->bars(sym("AAPL"), Timespan::daily(), {std::nullopt, day("2020-08-27").key()})->size(), 1U);

  auto intraday = store_->bars(sym("AAPL"), Timespan::minutes(1),
                               {Timestamp::from_millis(start.millis() + 60'000), std::nullopt});
  ASSERT_EQ(intraday->size(), 4U);
  EXPECT_EQ((*intraday)[0].ts.millis(), start.millis() + 60'000);
  EXPECT_DOUBLE_EQ((*intraday)[0].vwap, 171.5);
  EXPECT_EQ((*intraday)[3].trades, 14);
  EXPECT_TRUE(store_->bars(sym("AAPL"), Timespan::minutes(5), {})->empty());
  EXPECT_TRUE(store_->bars(sym("MSFT"), Timespan::daily(), {})->empty());
  EXPECT_EQ(store_->bar_count().value(), 8);
}

TEST_P(StoreContract, InstrumentFiltersAndSectors) {
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  auto all = store_->instruments({});
  ASSERT_EQ(all->size(), 4U);
  EXPECT_EQ((*all)[0].symbol.view(), "AAPL");
  EXPECT_EQ((*all)[0].currency, "USD");
  EXPECT_TRUE((*all)[0].active);
  EXPECT_EQ(store_->instruments({.sector = "Information Technology"})->size(), 3U);
  auto software = store_->instruments({.industry = "Systems Software"});
  ASSERT_EQ(software->size(), 2U);
  EXPECT_EQ((*software)[1].symbol.view(), "ORCL");
  auto by_name = store_->instruments({.query = "cHaSe"});
  ASSERT_EQ(by_name->size(), 1U);
  EXPECT_EQ((*by_name)[0].symbol.view(), "JPM");
  EXPECT_EQ(store_->instruments({.query = "msf"})->size(), 1U);
  EXPECT_TRUE(store_->instruments({.sector = "Financials", .query = "apple"})->empty());
  EXPECT_TRUE(store_->instruments({.query = "%"})->empty());  // no LIKE wildcards

  auto sectors = store_->sectors();
  ASSERT_TRUE(sectors.ok());
  ASSERT_EQ(sectors->size(), 2U);
  EXPECT_EQ((*sectors)[0].sector, "Financials");
  EXPECT_EQ((*sectors)[0].count, 1);
  const SectorSummary& it = (*sectors)[1];
  EXPECT_EQ(it.count, 3);
  ASSERT_EQ(it.industries.size(), 2U);
  EXPECT_EQ(it.industries[0].industry, "Systems Software");
  EXPECT_EQ(it.industries[0].count, 2);
  EXPECT_EQ(it.industries[1].count, 1);
  EXPECT_FALSE(store_->instrument(sym("XOM")).value().has_value());
}

TEST_P(StoreContract, EventsMacroAndIngestState) {
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  auto events = store_->events(sym("AAPL"), std::nullopt, std::nullopt);
  ASSERT_EQ(events->size(), 3U);
  EXPECT_EQ((*events)[0].kind, EventKind::earnings);
  EXPECT_EQ((*events)[0].date, day("2020-07-30"));
  EXPECT_TRUE(std::isnan((*events)[0].value));
  EXPECT_EQ((*events)[0].time_of_day, "amc");
  EXPECT_EQ((*events)[2].kind, EventKind::split);
  EXPECT_DOUBLE_EQ((*events)[2].value, 4);
  auto august = store_->events(sym("AAPL"), day("2020-08-01"), day("2020-08-30"));
  ASSERT_EQ(august->size(), 1U);
  EXPECT_DOUBLE_EQ((*august)[0].value, 0.82);
  EXPECT_TRUE(store_->events(sym("MSFT"), std::nullopt, std::nullopt)->empty());

  // More events of a symbol that has some: the merge path, counted exactly.
  WriteBatch more;
  more.events = {Event{.symbol = sym("AAPL"), .date = day("2020-10-29"), .kind = EventKind::earnings,
                       .value = std::nan(""), .time_of_day = "amc"},
                 sample_batch().events[0]};
  auto merged = store_->write(more);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged->events.inserted, 1);
  EXPECT_EQ(merged->events.unchanged, 1);

  EXPECT_EQ(store_->macro_series().value(), std::vector<std::string>{"FEDFUNDS"});
  auto points = store_->macro("FEDFUNDS", day("2020-02-01"), std::nullopt);
  ASSERT_EQ(points->size(), 1U);
  EXPECT_EQ((*points)[0].date, day("2020-02-01"));
  EXPECT_DOUBLE_EQ((*points)[0].value, 1.58);
  EXPECT_TRUE(store_->macro("CPIAUCSL", std::nullopt, std::nullopt)->empty());

  EXPECT_EQ(store_->ingest_state("polygon:AAPL:1:day").value(), std::optional<std::string>("1598832000000"));
  EXPECT_FALSE(store_->ingest_state("missing").value().has_value());
  WriteBatch resume;
  resume.checkpoints.push_back({.key = "polygon:AAPL:1:day", .value = "1598918400000"});
  ASSERT_TRUE(store_->write(resume).ok());
  EXPECT_EQ(store_->ingest_state("polygon:AAPL:1:day").value(), std::optional<std::string>("1598918400000"));

  auto counts = store_->counts();
  EXPECT_EQ(counts->instruments, 4);
  EXPECT_EQ(counts->bars, 3);
  EXPECT_EQ(counts->events, 4);
  EXPECT_EQ(counts->macro_points, 2);
  EXPECT_EQ(counts->ingest_states, 1);
}

TEST_P(StoreContract, ParallelReadersSeeConsistentDataWhileWriting) {
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  std::atomic<bool> failed{false};
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        auto bars = store_->bars(sym("AAPL"), Timespan::daily(), {});
        if (!bars || bars->size() < 3) failed = true;
        if (!store_->instruments({.query = "a"}).ok()) failed = true;
      }
    });
  }
  for (int i = 0; i < 30; ++i) {
    WriteBatch batch;
    batch.bars.push_back(
        BarSeries{.symbol = sym("AAPL"), .timespan = Timespan::daily(), .bars = {daily("2021-01-04", 100 + i)}});
    ASSERT_TRUE(store_->write(batch).ok());
  }
  stop = true;
  for (auto& reader : readers) reader.join();
  EXPECT_FALSE(failed);
  EXPECT_DOUBLE_EQ(
      store_->bars(sym("AAPL"), Timespan::daily(), {day("2021-01-04").key(), std::nullopt})->at(0).close, 129);
}

TEST_P(StoreContract, ReplayedBatchesNeverDuplicateAndCountExactly) {
  WriteBatch batch;
  batch.bars.push_back(daily_series("XOM", 100, 50));
  auto first = store_->write(batch);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->bars.inserted, 100);
  auto stored = store_->bars(sym("XOM"), Timespan::daily(), {});
  ASSERT_EQ(stored->size(), 100U);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ((*stored)[static_cast<std::size_t>(i)].ts, (day("2020-01-01") + i).key());
    EXPECT_DOUBLE_EQ((*stored)[static_cast<std::size_t>(i)].close, 50 + i * 0.25);
    EXPECT_DOUBLE_EQ((*stored)[static_cast<std::size_t>(i)].volume, 1000 + i);
  }
  auto replay = store_->write(batch);
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(replay->bars.unchanged, 100);
  EXPECT_EQ(store_->bar_count().value(), 100);

  // One change early, one late, two new bars.
  batch.bars[0].bars[40].close += 0.01;
  batch.bars[0].bars[98].volume = 7;
  for (int i = 100; i < 102; ++i) {
    Bar bar = daily("2020-01-01", 80);
    bar.ts = (day("2020-01-01") + i).key();
    batch.bars[0].bars.push_back(bar);
  }
  auto second = store_->write(batch);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->bars.inserted, 2);
  EXPECT_EQ(second->bars.updated, 2);
  EXPECT_EQ(second->bars.unchanged, 98);
  EXPECT_DOUBLE_EQ(store_->bars(sym("XOM"), Timespan::daily(), {})->at(98).volume, 7);

  // A bad bar fails the batch, names that bar, and changes nothing.
  WriteBatch bad = batch;
  bad.bars[0].bars[50].low = 1000;
  auto failed = store_->write(bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, errc::constraint);
  EXPECT_NE(failed.error().message.find("XOM day 2020-02-20"), std::string::npos) << failed.error().message;
  EXPECT_EQ(store_->bar_count().value(), 102);
  EXPECT_DOUBLE_EQ(store_->bars(sym("XOM"), Timespan::daily(), {})->at(50).low, 50 + 50 * 0.25 - 1);
}

TEST_P(StoreContract, ABatchNamingASeriesTwiceKeepsTheLaterBars) {
  WriteBatch batch;
  batch.bars.push_back(daily_series("IBM", 3, 100));
  BarSeries again = daily_series("IBM", 4, 200);  // overlaps all three, adds one
  batch.bars.push_back(again);
  auto report = store_->write(batch);
  ASSERT_TRUE(report.ok()) << report.error().message;
  auto stored = store_->bars(sym("IBM"), Timespan::daily(), {});
  ASSERT_EQ(stored->size(), 4U);
  EXPECT_DOUBLE_EQ((*stored)[0].close, 200);
  EXPECT_DOUBLE_EQ((*stored)[3].close, 200.75);
  EXPECT_EQ(report->bars.inserted, 4);
  EXPECT_EQ(report->bars.total(), 7);
}

TEST_P(StoreContract, ConcurrentWritersOfTheSameBatchNeverDuplicate) {
  WriteBatch batch;
  batch.bars.push_back(daily_series("CVX", 500, 90));
  batch.bars.push_back(daily_series("XOM", 500, 60));
  std::atomic<int> inserted{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      auto report = store_->write(batch);
      if (report) {
        inserted += static_cast<int>(report->bars.inserted);
      } else {
        ++errors;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(inserted.load(), 1000);
  EXPECT_EQ(store_->bar_count().value(), 1000);
}

// PostgreSQL only: the pool replaces connections the server closed (a restart, PgBouncer or the
// tunnel dropping them) and the read is retried once on a fresh one.
TEST_P(StoreContract, ReadsSurviveTheServerClosingEveryConnection) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only";
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  // Warm the pool with several connections.
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) readers.emplace_back([&] { (void)store_->bars(sym("AAPL"), Timespan::daily(), {}); });
  for (auto& reader : readers) reader.join();
  admin_exec(urls_.admin,
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
             " WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename = current_user"
             " AND backend_type = 'client backend'");  // not autovacuum: that needs a superuser
  for (int i = 0; i < 3; ++i) {
    auto bars = store_->bars(sym("AAPL"), Timespan::daily(), {});
    ASSERT_TRUE(bars.ok()) << bars.error().message;
    EXPECT_EQ(bars->size(), 3U);
  }
  auto report = store_->write(sample_batch());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->all().unchanged, 12);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreContract, ::testing::Values("sqlite", "postgres", "pgbouncer"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

}  // namespace
}  // namespace streams::store

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--backend=")) streams::store::g_backend = std::string(arg.substr(10));
    if (arg.starts_with("--services-dir=")) streams::store::g_services_dir = std::string(arg.substr(15));
  }
  namespace fs = std::filesystem;
  const std::string& backend = streams::store::g_backend;
  if (backend != "sqlite" && backend != "postgres" && backend != "pgbouncer") {
    std::fprintf(stderr, "unknown --backend=%s (sqlite, postgres, pgbouncer)\n", backend.c_str());
    return 2;
  }
  for (const char* needed : {"postgres.env", "pgbouncer.env"}) {
    if (backend == "sqlite" || (backend == "postgres" && std::string_view(needed) == "pgbouncer.env")) continue;
    if (!fs::exists(streams::store::g_services_dir / needed)) {
      std::fprintf(stderr, "skipped: %s not found in '%s' (start the fixture)\n", needed,
                   streams::store::g_services_dir.c_str());
      return 77;
    }
  }
  ::testing::GTEST_FLAG(filter) = "Stores/StoreContract.*/" + backend;
  return RUN_ALL_TESTS();
}
