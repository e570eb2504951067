// MinuteBarWriter against the real SQLite store: final minute bars only, batched, idempotent.
#include "live/bar_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/embedded/sqlite_store.h"

namespace streams::live {
namespace {

namespace fs = std::filesystem;

TEST(MinuteBarWriterTest, WritesFinalMinuteBarsAsTimespanMinute) {
  const fs::path dir = fs::temp_directory_path() / ("streams-live-writer-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    auto store = store::embedded::open_sqlite_store(dir / "s.db");
    ASSERT_TRUE(store.ok()) << store.error().message;
    const Symbol aapl = *Symbol::parse("AAPL");
    const std::int64_t t0 = 1'709'303'400'000;
    std::vector<LiveBar> bars;
    for (int i = 0; i < 5; ++i) {
      Bar b{Timestamp::from_millis(t0 + 60'000LL * i), 10.0 + i, 11.0 + i, 9.0 + i, 10.5 + i, 100.0 * (i + 1), 10.2 + i, i + 1};
      bars.push_back(LiveBar{aapl, BarInterval::minute, b, true});
    }
    bars.push_back(LiveBar{aapl, BarInterval::minute, bars[0].bar, false});  // partial: ignored
    bars.push_back(LiveBar{aapl, BarInterval::second, bars[0].bar, true});   // 1 s: ignored
    {
      MinuteBarWriter writer(**store, BarWriterOptions{.max_batch = 2, .flush_interval = std::chrono::hours(1)});
      writer.add(bars);
      writer.flush();
      EXPECT_EQ(writer.stats().written, 5u);
      EXPECT_EQ(writer.stats().batches, 3u);  // batches of at most 2
      writer.add(std::span<const LiveBar>(bars).first(2));  // replayed: an upsert, no duplicate
    }  // the destructor flushes
    auto stored = (*store)->bars(aapl, Timespan::minutes(1), {});
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 5u);
    EXPECT_EQ((*stored)[3].ts.millis(), t0 + 180'000);
    EXPECT_EQ((*stored)[3].close, 13.5);
    EXPECT_EQ((*stored)[3].volume, 400);
    EXPECT_EQ((*stored)[3].trades, 4);
    EXPECT_DOUBLE_EQ((*stored)[3].vwap, 13.2);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace streams::live
