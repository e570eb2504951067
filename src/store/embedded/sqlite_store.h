#pragma once
// SqliteStore: the embedded store (BRIEF §2), one SQLite file in WAL mode. It is both the market
// data Store and the AccountStore (users, sessions, favourites: sqlite_accounts.cc).
//
// Life cycle: open_sqlite_store() opens the file (creating its folder), applies pending
// migrations and returns the store; destroying it closes every connection.
// Threading: every method may be called from any thread. Writes (write, migrate) go through one
// writer connection under a mutex; reads lease a connection from a small pool (WAL lets readers run
// in parallel with each other and with the writer). Each connection caches its prepared statements.

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/accounts.h"
#include "store/store.h"

namespace streams::store::embedded {

class Connection;
class Statement;

struct SqliteOptions {
  int max_readers = 4;  // read connections opened on demand, kept for reuse
};

class SqliteStore final : public Store, public AccountStore {
 public:
  // Opens without migrating; open_sqlite_store() is the usual entry point.
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file, SqliteOptions options = {});
  ~SqliteStore() override;

  Result<SchemaStatus> migrate() override;
  Result<SchemaStatus> schema_status() override;
  Result<WriteReport> write(const WriteBatch& batch) override;

  Result<std::vector<Instrument>> instruments(const InstrumentFilter& filter) override;
  Result<std::optional<Instrument>> instrument(const Symbol& symbol) override;
  Result<std::vector<SectorSummary>> sectors() override;
  Result<std::vector<Bar>> bars(const Symbol& symbol, Timespan timespan, const TimeRange& range) override;
  Result<std::int64_t> bar_count() override;
  Result<std::vector<Event>> events(const Symbol& symbol, std::optional<Date> from, std::optional<Date> to) override;
  Result<std::vector<std::string>> macro_series() override;
  Result<std::vector<MacroPoint>> macro(std::string_view series, std::optional<Date> from,
                                        std::optional<Date> to) override;
  Result<std::optional<std::string>> ingest_state(std::string_view key) override;
  Result<StoreCounts> counts() override;

  // AccountStore (sqlite_accounts.cc).
  Result<User> create_user(std::string_view name, std::string_view password_hash, std::int64_t now_ms) override;
  Result<std::optional<User>> user_by_name(std::string_view name) override;
  Result<std::optional<User>> user_by_id(std::int64_t id) override;
  Result<std::vector<User>> users() override;
  Result<std::int64_t> user_count() override;
  Result<bool> set_password_hash(std::int64_t user_id, std::string_view password_hash, std::int64_t now_ms) override;
  Result<bool> remove_user(std::string_view name) override;
  Status create_session(const Session& session) override;
  Result<std::optional<Session>> session(std::string_view token_hash) override;
  Status touch_session(std::string_view token_hash, std::int64_t last_seen_ms) override;
  Result<bool> delete_session(std::string_view token_hash) override;
  Result<std::int64_t> delete_user_sessions(std::int64_t user_id, std::string_view keep_token_hash) override;
  Result<std::int64_t> delete_expired_sessions(std::int64_t created_before_ms, std::int64_t seen_before_ms) override;
  Result<LoginFailures> record_login_failure(std::string_view key, std::int64_t now_ms,
                                             std::int64_t window_start_ms) override;
  Result<LoginFailures> login_failures(std::string_view key) override;
  Status clear_login_failures(std::string_view key) override;
  Result<std::int64_t> prune_login_failures(std::int64_t before_ms) override;
  Result<std::vector<StarredSymbol>> starred_symbols(std::int64_t user_id) override;
  Result<bool> star_symbol(std::int64_t user_id, const Symbol& symbol, std::int64_t now_ms) override;
  Result<bool> unstar_symbol(std::int64_t user_id, const Symbol& symbol) override;
  Result<std::vector<SavedView>> views(std::int64_t user_id) override;
  Result<std::optional<SavedView>> view(std::int64_t user_id, std::int64_t view_id) override;
  Result<SavedView> create_view(std::int64_t user_id, std::string_view name, std::string_view state,
                                std::int64_t now_ms) override;
  Result<std::optional<SavedView>> update_view(std::int64_t user_id, std::int64_t view_id, const ViewUpdate& update,
                                               std::int64_t now_ms) override;
  Result<bool> delete_view(std::int64_t user_id, std::int64_t view_id) override;

  // The migrations this binary knows (the highest version).
  static int latest_schema_version();

 private:
  class ReadLease;
  SqliteStore(std::filesystem::path file, SqliteOptions options, std::unique_ptr<Connection> writer);
  Result<ReadLease> lease_reader();
  // Runs a query on a leased reader: bind(Statement&) sets its parameters, on_row(Statement&)
  // takes each row and returns Status (a malformed row stops the read); `what` names the read in
  // errors.
  template <class Bind, class OnRow>
  Status read_rows(std::string_view sql, std::string_view what, Bind&& bind, OnRow&& on_row);
  void give_back(std::unique_ptr<Connection> connection);
  // Account helpers (sqlite_accounts.cc): one statement on the writer (returns the changed rows),
  // or a query on a reader.
  using Binder = std::function<void(Statement&)>;
  Result<std::int64_t> write_one(std::string_view sql, std::string_view what, const Binder& bind);
  Status read_each(std::string_view sql, std::string_view what, const Binder& bind,
                   const std::function<Status(Statement&)>& on_row);

  std::filesystem::path file_;
  SqliteOptions options_;

  std::mutex write_mutex_;  // guards writer_
  std::unique_ptr<Connection> writer_;

  std::mutex pool_mutex_;  // guards idle_readers_ and open_readers_
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int open_readers_ = 0;
};

// Opens (creating the parent folder and the file when missing) and migrates.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& file);

}  // namespace streams::store::embedded
