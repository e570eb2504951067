// The AccountStore contract on the embedded store, plus what only SQLite has to show.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "store/embedded/sqlite_store.h"
#include "store/tests/account_store_contract.h"

namespace streams::store::embedded {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<AccountStore> fresh_store() {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::temp_directory_path() /
                       ("streams_accounts_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(dir);
  auto opened = open_sqlite_store(dir / "streams.db");
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return nullptr;
  }
  auto* sqlite = dynamic_cast<SqliteStore*>(opened->get());
  if (sqlite == nullptr) return nullptr;
  std::shared_ptr<Store> owner(std::move(*opened));
  // The AccountStore view of the same object; the deleter drops the store, then the folder.
  return {static_cast<AccountStore*>(sqlite), [owner, dir](AccountStore*) mutable {
            owner.reset();
            fs::remove_all(dir);
          }};
}

using contract::AccountStoreContract;
INSTANTIATE_TEST_SUITE_P(Sqlite, AccountStoreContract,
                         ::testing::Values(contract::AccountStoreFactory{"sqlite", fresh_store}));

TEST(SqliteAccounts, MigrationTwoCreatesTheAccountTables) {
  auto store = fresh_store();
  ASSERT_NE(store, nullptr);
  EXPECT_GE(SqliteStore::latest_schema_version(), 2);
  auto user = store->create_user("alice", "h", 1);
  ASSERT_TRUE(user.ok()) << user.error().message;
}

}  // namespace
}  // namespace streams::store::embedded
