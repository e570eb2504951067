#pragma once
// SqliteStore: the embedded store (BRIEF §2), one SQLite file in WAL mode.
//
// Life cycle: open_sqlite_store() opens the file (creating its folder), applies pending
// migrations and returns the store; destroying it closes every connection.
// Threading: every method may be called from any thread. Writes (write, migrate) go through one
// writer connection under a mutex; reads lease a connection from a small pool (WAL lets readers run
// in parallel with each other and with the writer). Each connection caches its prepared statements.

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/store.h"

namespace streams::store::embedded {

class Connection;

struct SqliteOptions {
  int max_readers = 4;  // read connections opened on demand, kept for reuse
};

class SqliteStore final : public Store {
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
