#include "store/embedded/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <thread>

#include "store/errc.h"

// Designated initializers that leave fields at their defaults are the point here.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace streams::store::embedded {
namespace {

namespace fs = std::filesystem;

Symbol sym(std::string_view text) { return Symbol::parse(text).value(); }
Date day(std::string_view text) { return Date::parse(text).value(); }

Bar daily(std::string_view date, double close, double volume = 1000) {
  return Bar{.ts = day(date).key(), .open = close, .high = close + 1, .low = close - 1, .close = close,
             .volume = volume};
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("streams_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto opened = open_sqlite_store(dir_ / "nested" / "streams.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  static WriteBatch sample_batch() {
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
                    Event{.symbol = sym("AAPL"), .date = day("2020-08-07"), .kind = EventKind::dividend,
                          .value = 0.82},
                    Event{.symbol = sym("AAPL"), .date = day("2020-07-30"), .kind = EventKind::earnings,
                          .value = std::nan(""), .time_of_day = "amc"}};
    batch.macro.push_back(MacroSeries{.series = "FEDFUNDS",
                                      .points = {{day("2020-01-01"), 1.55}, {day("2020-02-01"), 1.58}}});
    batch.checkpoints.push_back(IngestCheckpoint{.key = "polygon:AAPL:1:day", .value = "1598832000000"});
    return batch;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, MigrationsAreIdempotentAndVersioned) {
  auto status = store_->schema_status();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->version, SqliteStore::latest_schema_version());
  EXPECT_EQ(status->latest_version, SqliteStore::latest_schema_version());
  for (int i = 0; i < 3; ++i) {
    auto again = store_->migrate();
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->version, SqliteStore::latest_schema_version());
  }
  // Reopening an existing file migrates nothing and keeps the data.
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  store_.reset();
  auto reopened = open_sqlite_store(dir_ / "nested" / "streams.db");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->bar_count().value(), 3);
}

TEST_F(SqliteStoreTest, RefusesASchemaNewerThanTheBinary) {
  store_.reset();
  const fs::path file = dir_ / "nested" / "streams.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version VALUES (999, 'future', 'now')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reopened = open_sqlite_store(file);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code, errc::schema_too_new);
  EXPECT_NE(reopened.error().message.find("999"), std::string::npos) << reopened.error().message;
}

TEST_F(SqliteStoreTest, WriteReportsInsertedThenUnchangedThenUpdated) {
  auto first = store_->write(sample_batch());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->instruments.inserted, 4);
  EXPECT_EQ(first->bars.inserted, 3);
  EXPECT_EQ(first->events.inserted, 3);
  EXPECT_EQ(first->macro.inserted, 2);
  EXPECT_EQ(first->all().updated, 0);

  auto second = store_->write(sample_batch());
  ASSERT_TRUE(second.ok());
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
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->instruments.updated, 1);
  EXPECT_EQ(third->instruments.unchanged, 3);
  EXPECT_EQ(third->bars.inserted, 1);
  EXPECT_EQ(third->bars.updated, 1);
  EXPECT_EQ(third->bars.unchanged, 2);
  EXPECT_EQ(third->events.updated, 1);
  EXPECT_EQ(third->macro.updated, 1);
  EXPECT_EQ(third->macro.unchanged, 1);

  auto bars = store_->bars(sym("AAPL"), Timespan::daily(), {});
  ASSERT_TRUE(bars.ok());
  ASSERT_EQ(bars->size(), 4U);
  EXPECT_DOUBLE_EQ((*bars)[1].close, 499.24);
  EXPECT_EQ(store_->instrument(sym("MSFT")).value()->name, "Microsoft Corporation");
}

TEST_F(SqliteStoreTest, AFailingRowRollsBackTheWholeBatch) {
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
  // The store still works after the rollback.
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  EXPECT_EQ(store_->bar_count().value(), 3);
}

TEST_F(SqliteStoreTest, BarQueriesHonourRangesAndTimespans) {
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
  auto ranged = store_->bars(sym("AAPL"), Timespan::daily(), {day("2020-08-28").key(), day("2020-08-31").key()});
  ASSERT_EQ(ranged->size(), 2U);
  EXPECT_EQ((*ranged)[0].ts, day("2020-08-28").key());
  EXPECT_DOUBLE_EQ((*ranged)[1].close, 129.04);
  auto from_only = store_->bars(sym("AAPL"), Timespan::daily(), {day("2020-08-29").key(), std::nullopt});
  ASSERT_EQ(from_only->size(), 1U);
  auto to_only = store_->bars(sym("AAPL"), Timespan::daily(), {std::nullopt, day("2020-08-27").key()});
  ASSERT_EQ(to_only->size(), 1U);

  auto intraday = store_->bars(sym("AAPL"), Timespan::minutes(1),
                               {Timestamp::from_millis(start.millis() + 60'000), std::nullopt});
  ASSERT_EQ(intraday->size(), 4U);
  EXPECT_DOUBLE_EQ((*intraday)[0].vwap, 171.5);
  EXPECT_EQ((*intraday)[3].trades, 14);
  EXPECT_TRUE(store_->bars(sym("AAPL"), Timespan::minutes(5), {})->empty());
  EXPECT_TRUE(store_->bars(sym("MSFT"), Timespan::daily(), {})->empty());
  EXPECT_EQ(store_->bar_count().value(), 8);
}

TEST_F(SqliteStoreTest, InstrumentFiltersAndSectors) {
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  auto all = store_->instruments({});
  ASSERT_EQ(all->size(), 4U);
  EXPECT_EQ((*all)[0].symbol.view(), "AAPL");  // ordered by symbol
  EXPECT_EQ((*all)[0].currency, "USD");

  auto tech = store_->instruments({.sector = "Information Technology"});
  EXPECT_EQ(tech->size(), 3U);
  auto software = store_->instruments({.industry = "Systems Software"});
  ASSERT_EQ(software->size(), 2U);
  EXPECT_EQ((*software)[1].symbol.view(), "ORCL");
  auto by_name = store_->instruments({.query = "cHaSe"});
  ASSERT_EQ(by_name->size(), 1U);
  EXPECT_EQ((*by_name)[0].symbol.view(), "JPM");
  auto by_symbol = store_->instruments({.query = "msf"});
  ASSERT_EQ(by_symbol->size(), 1U);
  auto combined = store_->instruments({.sector = "Financials", .query = "apple"});
  EXPECT_TRUE(combined->empty());
  auto percent = store_->instruments({.query = "%"});  // no LIKE wildcards
  EXPECT_TRUE(percent->empty());

  auto sectors = store_->sectors();
  ASSERT_TRUE(sectors.ok());
  ASSERT_EQ(sectors->size(), 2U);
  EXPECT_EQ((*sectors)[0].sector, "Financials");
  EXPECT_EQ((*sectors)[0].count, 1);
  const SectorSummary& it = (*sectors)[1];
  EXPECT_EQ(it.sector, "Information Technology");
  EXPECT_EQ(it.count, 3);
  ASSERT_EQ(it.industries.size(), 2U);
  EXPECT_EQ(it.industries[0].industry, "Systems Software");
  EXPECT_EQ(it.industries[0].count, 2);
  EXPECT_EQ(it.industries[1].count, 1);

  EXPECT_FALSE(store_->instrument(sym("XOM")).value().has_value());
}

TEST_F(SqliteStoreTest, EventsMacroAndIngestState) {
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  auto events = store_->events(sym("AAPL"), std::nullopt, std::nullopt);
  ASSERT_EQ(events->size(), 3U);
  EXPECT_EQ((*events)[0].kind, EventKind::earnings);
  EXPECT_TRUE(std::isnan((*events)[0].value));
  EXPECT_EQ((*events)[0].time_of_day, "amc");
  EXPECT_EQ((*events)[2].kind, EventKind::split);
  EXPECT_DOUBLE_EQ((*events)[2].value, 4);
  auto august = store_->events(sym("AAPL"), day("2020-08-01"), day("2020-08-30"));
  ASSERT_EQ(august->size(), 1U);
  EXPECT_DOUBLE_EQ((*august)[0].value, 0.82);
  EXPECT_TRUE(store_->events(sym("MSFT"), std::nullopt, std::nullopt)->empty());

  EXPECT_EQ(store_->macro_series().value(), std::vector<std::string>{"FEDFUNDS"});
  auto points = store_->macro("FEDFUNDS", day("2020-02-01"), std::nullopt);
  ASSERT_EQ(points->size(), 1U);
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
  EXPECT_EQ(counts->events, 3);
  EXPECT_EQ(counts->macro_points, 2);
  EXPECT_EQ(counts->ingest_states, 1);
}

TEST_F(SqliteStoreTest, ParallelReadersSeeConsistentDataWhileWriting) {
  ASSERT_TRUE(store_->write(sample_batch()).ok());
  std::atomic<bool> failed{false};
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        auto bars = store_->bars(sym("AAPL"), Timespan::daily(), {});
        if (!bars || bars->size() < 3) failed = true;
        if (!store_->instruments({.query = "a"}).ok()) failed = true;
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    WriteBatch batch;
    batch.bars.push_back(BarSeries{.symbol = sym("AAPL"), .timespan = Timespan::daily(),
                                   .bars = {daily("2021-01-04", 100 + i)}});
    ASSERT_TRUE(store_->write(batch).ok());
  }
  stop = true;
  for (auto& reader : readers) reader.join();
  EXPECT_FALSE(failed);
  EXPECT_DOUBLE_EQ(store_->bars(sym("AAPL"), Timespan::daily(), {day("2021-01-04").key(), std::nullopt})
                       ->at(0)
                       .close,
                   149);
}

TEST_F(SqliteStoreTest, ManyBarsGoInChunksAndCountExactly) {
  // 100 bars: three chunks of 32 and four single rows.
  BarSeries series{.symbol = sym("XOM"), .timespan = Timespan::daily(), .bars = {}};
  for (int i = 0; i < 100; ++i) {
    Bar bar = daily("2020-01-01", 50 + i * 0.25, 1000 + i);
    bar.ts = (day("2020-01-01") + i).key();
    series.bars.push_back(bar);
  }
  WriteBatch batch;
  batch.bars.push_back(series);
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

  // Re-write with one change inside a chunk and one in the tail, and two new bars.
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

  // A bad bar inside a chunk fails the batch, names that bar, and changes nothing.
  WriteBatch bad = batch;
  bad.bars[0].bars[50].low = 1000;
  auto failed = store_->write(bad);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, errc::constraint);
  EXPECT_NE(failed.error().message.find("XOM day 2020-02-20"), std::string::npos) << failed.error().message;
  EXPECT_EQ(store_->bar_count().value(), 102);
  EXPECT_DOUBLE_EQ(store_->bars(sym("XOM"), Timespan::daily(), {})->at(50).low, 50 + 50 * 0.25 - 1);
}

TEST(SqliteStoreOpen, ReportsAnUnopenableFile) {
  auto store = open_sqlite_store("/proc/streams-cannot-create/streams.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, errc::unavailable);
}

}  // namespace
}  // namespace streams::store::embedded
