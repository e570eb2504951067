// Loads the bundled demo data (data/demo) into a fresh embedded store, as `streams serve` does on
// first start, and checks what arrived and how long it took (bar: < 10 s in a release build).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>

#include "ingest/importer.h"
#include "store/embedded/sqlite_store.h"

namespace streams::ingest {
namespace {

namespace fs = std::filesystem;

TEST(DemoData, LoadsEverythingOnceIntoAnEmptyStore) {
  const fs::path demo = fs::path(STREAMS_SOURCE_DIR) / "data" / "demo";
  const fs::path dir = fs::temp_directory_path() / ("streams_demo_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    auto store = store::embedded::open_sqlite_store(dir / "streams.db");
    ASSERT_TRUE(store.ok()) << store.error().message;
    std::size_t files = 0;
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    auto loaded = load_demo_data_if_empty(**store, demo, [&](const ImportProgress& p) { files = p.files_done; });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_TRUE(*loaded);
    EXPECT_EQ(files, 215U);  // 208 prices, 3 intraday, instruments, earnings, 2 macro
    auto counts = (*store)->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->instruments, 208);
    EXPECT_EQ(counts->bars, 521'268 + 1'948 + 1'948 + 1'950);
    EXPECT_EQ(counts->events, 8'279 + 6'439);  // earnings + the price files' splits and dividends
    EXPECT_EQ(counts->macro_points, 903 + 833);
    auto sectors = (*store)->sectors();
    ASSERT_TRUE(sectors.ok());
    EXPECT_EQ(sectors->size(), 11U);  // the GICS sectors
    auto aapl = (*store)->bars(Symbol::parse("AAPL").value(), Timespan::daily(), {});
    ASSERT_EQ(aapl->size(), 2516U);
    EXPECT_DOUBLE_EQ(aapl->front().close, 350.696);
    auto minutes = (*store)->bars(Symbol::parse("JPM").value(), Timespan::minutes(1), {});
    ASSERT_EQ(minutes->size(), 1950U);
    EXPECT_EQ(minutes->front().ts.iso(), "2019-02-11T14:30:00Z");
#ifdef NDEBUG
    // CPU time of all threads: wall time depends on what else the machine runs.
    EXPECT_LT(cpu_seconds, 10.0);
#endif
    std::printf("demo data: %zu files in %.2f s (%.2f s CPU)\n", files, seconds, cpu_seconds);
    auto again = load_demo_data_if_empty(**store, demo);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace streams::ingest
