#include "ingest/importer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>

#include "ingest/errc.h"
#include "store/embedded/sqlite_store.h"

namespace streams::ingest {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view price_header = "date,open,high,low,close,adj_close,volume,dividend,split\n";
constexpr std::string_view aapl_rows =
    "2020-08-27,502.14,505.0,494.81,500.04,124.3,38888096,0.0,1.0\n"
    "2020-08-28,504.05,505.77,498.31,499.23,124.1,46907479,0.0,1.0\n"
    "2020-08-31,127.58,131.0,126.0,129.04,128.62,223505733,0.0,4.0\n";
constexpr std::string_view msft_rows =
    "2020-08-27,227.15,230.9,224.9,226.58,224.0,40807500,0.0,1.0\n"
    "2020-08-28,228.18,230.64,226.58,228.91,226.3,26292900,0.0,1.0\n";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("streams_ingest_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in" / "prices");
    auto opened = store::embedded::open_sqlite_store(dir_ / "db" / "streams.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  fs::path write(const fs::path& relative, std::string_view text) {
    const fs::path file = dir_ / "in" / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  fs::path write_gz(const fs::path& relative, std::string_view text) {
    const fs::path file = dir_ / "in" / relative;
    fs::create_directories(file.parent_path());
    gzFile gz = gzopen(file.c_str(), "wb9");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
    return file;
  }
  void write_sample() {
    write("instruments.csv",
          "symbol,name,sector,industry\nAAPL,Apple Inc.,Information Technology,Hardware\n"
          "MSFT,Microsoft,Information Technology,Systems Software\n");
    write("prices/AAPL.csv", std::string(price_header) + std::string(aapl_rows));
    write_gz("prices/MSFT.csv.gz", std::string(price_header) + std::string(msft_rows));
    write("macro/FEDFUNDS.csv", "date,value\n2020-01-01,1.55\n2020-02-01,1.58\n");
    write("earnings.csv", "symbol,date\nAAPL,2020-07-30\nMSFT,2020-07-22\n");
    write("README.md", "not a csv file");
  }
  Result<ImportSummary> import_all(const ImportOptions& options = {}) {
    const fs::path paths[] = {dir_ / "in"};
    return import_paths(*store_, paths, options);
  }
  store::StoreCounts counts() { return store_->counts().value(); }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ImporterTest, ListsFoldersRecursivelySortedAndKeepsFiles) {
  write_sample();
  const fs::path paths[] = {dir_ / "in", dir_ / "in" / "README.md"};
  auto files = list_import_files(paths);
  ASSERT_TRUE(files.ok());
  std::vector<std::string> names;
  for (const auto& file : *files) names.push_back(fs::relative(file, dir_ / "in").string());
  EXPECT_EQ(names, (std::vector<std::string>{"earnings.csv", "instruments.csv", "macro/FEDFUNDS.csv", "prices/AAPL.csv",
                                             "prices/MSFT.csv.gz", "README.md"}));
  const fs::path missing[] = {dir_ / "nope"};
  auto error = list_import_files(missing);
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().code, errc::io_error);
}

TEST_F(ImporterTest, ImportsEveryFileThenReimportChangesNothing) {
  write_sample();
  std::vector<std::size_t> progress;
  ImportOptions options;
  options.progress = [&](const ImportProgress& p) {
    progress.push_back(p.files_done);
    EXPECT_EQ(p.files_total, 5U);
  };
  auto first = import_all(options);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(progress, (std::vector<std::size_t>{1, 2, 3, 4, 5}));
  ASSERT_EQ(first->files.size(), 5U);
  EXPECT_EQ(first->files[0].format, CsvFormat::events);
  EXPECT_EQ(first->files[2].format, CsvFormat::macro);
  EXPECT_EQ(first->files[4].format, CsvFormat::prices);
  EXPECT_EQ(first->files[4].stats.inserted, 2);
  EXPECT_EQ(first->rows, 2 + 2 + 2 + 3 + 2);
  // AAPL's split becomes an event, so 12 stored rows come from 11 read.
  EXPECT_EQ(first->total.inserted, 12);
  EXPECT_EQ(first->total.updated + first->total.unchanged, 0);
  const auto after_first = counts();
  EXPECT_EQ(after_first.instruments, 2);
  EXPECT_EQ(after_first.bars, 5);
  EXPECT_EQ(after_first.events, 3);
  EXPECT_EQ(after_first.macro_points, 2);

  auto second = import_all();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total.inserted, 0);
  EXPECT_EQ(second->total.updated, 0);
  EXPECT_EQ(second->total.unchanged, 12);

  std::string corrected(aapl_rows);
  corrected.replace(corrected.find("499.23"), 6, "499.24");
  write("prices/AAPL.csv", std::string(price_header) + corrected);
  auto third = import_all();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->total.inserted, 0);
  EXPECT_EQ(third->total.updated, 1);
  EXPECT_EQ(third->total.unchanged, 11);
  auto bars = store_->bars(Symbol::parse("AAPL").value(), Timespan::daily(), {});
  EXPECT_DOUBLE_EQ(bars->at(1).close, 499.24);
}

TEST_F(ImporterTest, AFailingFileWritesNothingAndEarlierFilesStay) {
  write("prices/AAPL.csv", std::string(price_header) + std::string(aapl_rows));
  // MSFT's last row is bad: its good rows must not be written either.
  write("prices/MSFT.csv", std::string(price_header) + std::string(msft_rows) +
                               "2020-08-31,225.51,0.5,224.31,225.53,225.5,28774200,0.0,1.0\n");
  write("prices/XOM.csv", std::string(price_header) + "2020-08-27,41.0,41.5,40.5,41.2,39.0,100,0.0,1.0\n");
  auto result = import_all();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::malformed_row);
  EXPECT_EQ(result.error().message, (dir_ / "in" / "prices" / "MSFT.csv").string() +
                                        ":4:19: column 'high': high 0.5 is below max(open, close) = 225.53");
  EXPECT_EQ(counts().bars, 3);  // AAPL only
  EXPECT_TRUE(store_->bars(Symbol::parse("MSFT").value(), Timespan::daily(), {})->empty());
  EXPECT_TRUE(store_->bars(Symbol::parse("XOM").value(), Timespan::daily(), {})->empty());
}

TEST_F(ImporterTest, SeveralWritersCommitEveryFileOnceAndReportEach) {
  // 40 symbols, one file each, written by three writers at once.
  for (int i = 0; i < 40; ++i) {
    write(fmt::format("prices/S{:02}.csv", i), std::string(price_header) + std::string(msft_rows));
  }
  std::vector<std::size_t> progress;
  ImportOptions options;
  options.writers = 3;
  options.progress = [&](const ImportProgress& p) { progress.push_back(p.files_done); };
  auto first = import_all(options);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->files.size(), 40U);
  EXPECT_EQ(first->files[7].path.filename(), "S07.csv");  // the summary stays in file order
  EXPECT_EQ(first->files[7].stats.inserted, 2);
  EXPECT_EQ(first->total.inserted, 80);
  std::vector<std::size_t> expected(40);
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = i + 1;
  EXPECT_EQ(progress, expected);  // one call per commit, counting up
  EXPECT_EQ(counts().bars, 80);
  auto again = import_all(options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->total.unchanged, 80);
  EXPECT_EQ(counts().bars, 80);
}

TEST_F(ImporterTest, SeveralWritersStopAtAFailingFileAndNameIt) {
  for (int i = 0; i < 10; ++i) {
    write(fmt::format("prices/S{:02}.csv", i), std::string(price_header) + std::string(msft_rows));
  }
  write("prices/S05.csv", std::string(price_header) + "2020-08-27,41.0,0.5,40.5,41.2,39.0,100,0.0,1.0\n");
  ImportOptions options;
  options.writers = 2;
  auto result = import_all(options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::malformed_row);
  EXPECT_NE(result.error().message.find("S05.csv:2"), std::string::npos) << result.error().message;
  // Files before the bad one are committed; nothing of it or after it (a file that does not
  // parse is known before any later file is taken, whatever the scheduling).
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(store_->bars(Symbol::parse(fmt::format("S{:02}", i)).value(), Timespan::daily(), {})->size(), 2U);
  }
  EXPECT_TRUE(store_->bars(Symbol::parse("S05").value(), Timespan::daily(), {})->empty());
  EXPECT_EQ(counts().bars, 2 * 5);
}

TEST_F(ImporterTest, CorruptGzipIsAnErrorAndWritesNothing) {
  std::string compressed;
  {
    const fs::path file = write_gz("tmp.csv.gz", std::string(price_header) + std::string(aapl_rows));
    std::ifstream in(file, std::ios::binary);
    compressed.resize(static_cast<std::size_t>(fs::file_size(file)));
    in.read(compressed.data(), static_cast<std::streamsize>(compressed.size()));
    fs::remove(file);
  }
  std::string flipped = compressed;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
  const fs::path corrupt = write("AAPL.csv.gz", flipped);
  const fs::path paths[] = {corrupt};
  auto result = import_paths(*store_, paths);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::io_error);
  EXPECT_EQ(result.error().message.rfind(corrupt.string() + ":1:1: corrupt gzip data: ", 0), 0U)
      << result.error().message;

  const fs::path truncated = write("MSFT.csv.gz", compressed.substr(0, compressed.size() - 12));
  const fs::path paths2[] = {truncated};
  auto result2 = import_paths(*store_, paths2);
  ASSERT_FALSE(result2.ok());
  EXPECT_NE(result2.error().message.find("corrupt gzip data"), std::string::npos) << result2.error().message;

  const fs::path plain = write("XOM.csv.gz", "not gzip at all");
  const fs::path paths3[] = {plain};
  auto result3 = import_paths(*store_, paths3);
  ASSERT_FALSE(result3.ok());
  EXPECT_EQ(result3.error().message, plain.string() + ":1:1: corrupt gzip data: not a gzip stream");
  EXPECT_EQ(counts().bars, 0);
}

TEST_F(ImporterTest, EveryKindOfMalformedFileLeavesTheStoreUnchanged) {
  write_sample();
  ASSERT_TRUE(import_all().ok());
  const auto before = counts();
  const std::string good_rows(msft_rows);
  const std::vector<std::pair<std::string, std::string>> cases{
      {"empty", ""},
      {"bad header", "foo,bar\n1,2\n"},
      {"missing column", "date,open,high,close,volume\n2020-08-27,1,2,1,5\n"},
      {"bad date", std::string(price_header) + good_rows + "2020-02-30,1,2,0.5,1,1,1,0,1\n"},
      {"descending", std::string(price_header) + good_rows + "2020-08-01,1,2,0.5,1,1,1,0,1\n"},
      {"bad number", std::string(price_header) + good_rows + "2020-08-31,1,x,0.5,1,1,1,0,1\n"},
      {"negative price", std::string(price_header) + good_rows + "2020-08-31,-1,2,0.5,1,1,1,0,1\n"},
      {"high < low", std::string(price_header) + good_rows + "2020-08-31,1,0.4,0.5,1,1,1,0,1\n"},
      {"truncated", std::string(price_header) + good_rows + "2020-08-31,1,2"},
      {"extra column", std::string(price_header) + good_rows + "2020-08-31,1,2,0.5,1,1,1,0,1,9\n"},
  };
  for (const auto& [name, text] : cases) {
    const fs::path file = write("bad/MSFT.csv", text);
    const fs::path paths[] = {file};
    auto result = import_paths(*store_, paths);
    ASSERT_FALSE(result.ok()) << name;
    EXPECT_EQ(result.error().message.rfind(file.string() + ":", 0), 0U) << name << ": " << result.error().message;
    const auto after = counts();
    EXPECT_EQ(after.bars, before.bars) << name;
    EXPECT_EQ(after.events, before.events) << name;
    EXPECT_EQ(store_->bars(Symbol::parse("MSFT").value(), Timespan::daily(), {})->size(), 2U) << name;
  }
}

TEST_F(ImporterTest, LoadsDemoDataOnlyIntoAnEmptyStore) {
  write_sample();
  auto first = load_demo_data_if_empty(*store_, dir_ / "in");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(*first);
  EXPECT_EQ(counts().bars, 5);
  auto second = load_demo_data_if_empty(*store_, dir_ / "in");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second);

  auto other = store::embedded::open_sqlite_store(dir_ / "db2" / "streams.db");
  ASSERT_TRUE(other.ok());
  auto missing = load_demo_data_if_empty(**other, dir_ / "no-demo");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, errc::io_error);
}

}  // namespace
}  // namespace streams::ingest
