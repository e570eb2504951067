// What only the SQLite store does: its file. The behaviour every store shares (migrations,
// idempotent and chunked writes, rollback, queries, events, concurrency) is in
// store/tests/store_contract_test.cc, which runs on SQLite as store_contract_sqlite.
#include "store/embedded/sqlite_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/errc.h"

namespace streams::store::embedded {
namespace {

namespace fs = std::filesystem;

TEST(SqliteStoreOpen, CreatesMissingFoldersAndReopensTheSameData) {
  const fs::path dir = fs::temp_directory_path() / ("streams_sqlite_open_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path file = dir / "nested" / "deeper" / "streams.db";
  {
    auto store = open_sqlite_store(file);
    ASSERT_TRUE(store.ok()) << store.error().message;
    WriteBatch batch;
    batch.checkpoints.push_back(IngestCheckpoint{.key = "csv:a", .value = "42"});
    ASSERT_TRUE((*store)->write(batch).ok());
  }
  EXPECT_TRUE(fs::exists(file));
  auto reopened = open_sqlite_store(file);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  auto value = (*reopened)->ingest_state("csv:a");
  ASSERT_TRUE(value.ok()) << value.error().message;
  EXPECT_EQ(*value, std::optional<std::string>("42"));
  reopened->reset();
  fs::remove_all(dir);
}

TEST(SqliteStoreOpen, ReportsAnUnopenableFile) {
  auto store = open_sqlite_store("/proc/streams-cannot-create/streams.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, errc::unavailable);
}

}  // namespace
}  // namespace streams::store::embedded
