// The AccountStore contract (store/tests/account_store_contract.h) on PostgreSQL, directly and
// through PgBouncer in transaction pooling mode; the SQLite run is store_embedded_accounts_test.
//
//   store_postgres_accounts_test --backend=postgres  --services-dir=DIR   (DIR/postgres.env)
//   store_postgres_accounts_test --backend=pgbouncer --services-dir=DIR   (DIR/postgres.env, DIR/pgbouncer.env)
//
// Exit status 77 (skipped) when a service's env file is missing. Each backend has its own database
// (created on first use), and each test starts from an empty, freshly migrated schema in it.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "store/errc.h"
#include "store/postgres/pg_store.h"
#include "store/tests/account_store_contract.h"

namespace streams::store::postgres {
namespace {

namespace fs = std::filesystem;

std::string g_backend;
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

// Literal SQL on a fresh direct connection (test set-up only); false with a failure on error.
bool admin_exec(const std::string& url, const char* sql, const char* param = nullptr, std::string* first = nullptr) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << PQerrorMessage(conn);
    PQfinish(conn);
    return false;
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  const char* values[] = {param};
  PGresult* result = param != nullptr ? PQexecParams(conn, sql, 1, nullptr, values, nullptr, nullptr, 0)
                                      : PQexec(conn, sql);
  const auto status = PQresultStatus(result);
  const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  EXPECT_TRUE(ok) << PQresultErrorMessage(result);
  if (ok && first != nullptr && PQntuples(result) > 0) *first = PQgetvalue(result, 0, 0);
  PQclear(result);
  PQfinish(conn);
  return ok;
}

// Where the store connects, and a direct URL to the same database for resets.
struct Urls {
  std::string store;
  std::string admin;
};

const Urls& urls() {
  static const Urls out = [] {
    const auto pg = read_env(g_services_dir / "postgres.env");
    const std::string direct = pg.at("STREAMS_TEST_PG_URL");  // database "streams"
    const bool bouncer = g_backend == "pgbouncer";
    const std::string database = bouncer ? "streams_accounts_bouncer" : "streams_accounts";
    std::string exists;
    admin_exec(direct, "SELECT count(*) FROM pg_database WHERE datname = $1", database.c_str(), &exists);
    if (exists == "0") {
      // Fixed names chosen above, never input: the literal for each.
      admin_exec(direct, bouncer ? "CREATE DATABASE streams_accounts_bouncer" : "CREATE DATABASE streams_accounts");
    }
    Urls u;
    u.admin = with_database(direct, database);
    u.store = bouncer ? with_database(read_env(g_services_dir / "pgbouncer.env").at("STREAMS_TEST_PGBOUNCER_URL"),
                                      database)
                      : u.admin;
    return u;
  }();
  return out;
}

std::unique_ptr<PgStore> open_fresh() {
  if (!admin_exec(urls().admin, "DROP SCHEMA public CASCADE; CREATE SCHEMA public")) return nullptr;
  PgOptions options;
  options.url = urls().store;
  options.pool_size = 2;
  auto opened = PgStore::open(std::move(options));
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return nullptr;
  }
  if (auto migrated = (*opened)->migrate(); !migrated) {
    ADD_FAILURE() << migrated.error().message;
    return nullptr;
  }
  return std::move(*opened);
}

std::shared_ptr<AccountStore> fresh_store() {
  std::shared_ptr<PgStore> store = open_fresh();
  if (!store) return nullptr;
  return {store, static_cast<AccountStore*>(store.get())};
}

using contract::AccountStoreContract;
INSTANTIATE_TEST_SUITE_P(Postgres, AccountStoreContract,
                         ::testing::Values(contract::AccountStoreFactory{"postgres", fresh_store}));

TEST(PgAccounts, MigrationTwoCreatesTheAccountTablesAndTheStoreIsAnAccountStore) {
  auto store = open_fresh();
  ASSERT_NE(store, nullptr);
  EXPECT_GE(PgStore::latest_schema_version(), 2);
  EXPECT_EQ(store->schema_status().value().version, PgStore::latest_schema_version());
  // The app hands out the account side of an opened store by dynamic_cast (app/store_factory.cc).
  Store& as_store = *store;
  EXPECT_NE(dynamic_cast<AccountStore*>(&as_store), nullptr);
  auto user = store->create_user("alice", "h", 1);
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_GT(user->id, 0);
}

TEST(PgAccounts, RemovingAUserCascadesToSessionsAndFavourites) {
  auto store = open_fresh();
  ASSERT_NE(store, nullptr);
  auto alice = store->create_user("alice", "h", 1).value();
  ASSERT_TRUE(store->create_session(Session{"t1", alice.id, 1, 1}).ok());
  ASSERT_TRUE(store->star_symbol(alice.id, Symbol::parse("AAPL").value(), 1).value());
  ASSERT_TRUE(store->create_view(alice.id, "v", "{}", 1).ok());
  ASSERT_TRUE(store->remove_user("alice").value());
  std::string left;
  admin_exec(urls().admin,
             "SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM favourite_symbols)"
             " + (SELECT count(*) FROM saved_views)",
             nullptr, &left);
  EXPECT_EQ(left, "0");
}

TEST(PgAccounts, ASessionOfAnUnknownUserIsAConstraintError) {
  auto store = open_fresh();
  ASSERT_NE(store, nullptr);
  auto created = store->create_session(Session{"t1", 12345, 1, 1});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, errc::constraint);
}

TEST(PgAccounts, ConcurrentFailuresAreAllCounted) {
  // record_login_failure is one statement: parallel callers on separate pooled connections never
  // lose an increment.
  auto store = open_fresh();
  ASSERT_NE(store, nullptr);
  constexpr int threads = 2;
  constexpr int per_thread = 25;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) EXPECT_TRUE(store->record_login_failure("user:x", 10, 0).ok());
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(store->login_failures("user:x").value().failures, threads * per_thread);
}

}  // namespace
}  // namespace streams::store::postgres

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  namespace fs = std::filesystem;
  using streams::store::postgres::g_backend;
  using streams::store::postgres::g_services_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--backend=")) g_backend = std::string(arg.substr(10));
    if (arg.starts_with("--services-dir=")) g_services_dir = std::string(arg.substr(15));
  }
  if (g_backend != "postgres" && g_backend != "pgbouncer") {
    std::fprintf(stderr, "unknown --backend=%s (postgres, pgbouncer)\n", g_backend.c_str());
    return 2;
  }
  for (const char* needed : {"postgres.env", "pgbouncer.env"}) {
    if (g_backend == "postgres" && std::string_view(needed) == "pgbouncer.env") continue;
    if (!fs::exists(g_services_dir / needed)) {
      std::fprintf(stderr, "skipped: %s not found in '%s' (start the fixture)\n", needed, g_services_dir.c_str());
      return 77;
    }
  }
  return RUN_ALL_TESTS();
}
