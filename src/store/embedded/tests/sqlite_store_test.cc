// What only the SQLite store does: chunked multi-row statements and its file errors. The behaviour
// every store shares (migrations, idempotent writes, rollback, queries, events, concurrency) is in
// store/tests/store_contract_test.cc, which runs on SQLite as store_contract_sqlite.
#include "store/embedded/sqlite_store.h"

#include <gtest/gtest.h>

#include <filesystem>

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

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

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
