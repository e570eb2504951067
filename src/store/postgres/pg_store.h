#pragma once
// PgStore: the PostgreSQL store (BRIEF §2 "Storage model"), the same contract as the embedded
// store (store/store.h): numbered migrations, one transaction per WriteBatch, inserted / updated /
// unchanged per row, idempotent replays.
//
// Life cycle: open_pg_store() starts the SSH tunnel when one is configured (and waits until it
// forwards), creates the connection pool, checks that the database answers, and migrates. The
// store owns the tunnel: destroying the store closes the connections, then stops the tunnel.
// Threading: every method may be called from any thread; each call leases one pooled connection
// for the duration of one transaction. Nothing is kept on a connection between transactions, so
// the store works through PgBouncer in transaction pooling mode.

#include <memory>
#include <optional>
#include <string>

#include "store/postgres/pool.h"
#include "store/postgres/tunnel.h"
#include "store/accounts.h"
#include "store/store.h"

namespace streams::store::postgres {

struct PgOptions {
  std::string url;  // postgresql://user:password@host:port/db (or a libpq key=value string); secret
  int pool_size = 8;
  int connect_timeout_seconds = 5;
  // TimescaleDB (used when `CREATE EXTENSION IF NOT EXISTS timescaledb` succeeds): chunk width of
  // the bars hypertable, and the age after which chunks are compressed ("" = no compression).
  std::string timescale_chunk_interval = "30 days";
  std::string timescale_compress_after;
  std::optional<TunnelOptions> tunnel;  // reach the database through `ssh -N -L`
};

// How `bars` is stored, for logs and `streams doctor`.
struct StorageLayout {
  bool timescaledb = false;     // bars is a hypertable
  std::string description;      // e.g. "plain tables (B-tree primary keys, BRIN index on bars.ts)"
};

// Both a Store and an AccountStore (store/accounts.h) over one pool, like the embedded SqliteStore;
// the account methods are in pg_accounts.cc.
class PgStore final : public Store, public AccountStore {
 public:
  // Connects (through the tunnel when configured) without migrating; open_pg_store() is the usual
  // entry point.
  static Result<std::unique_ptr<PgStore>> open(PgOptions options);
  ~PgStore() override;

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

  // AccountStore (pg_accounts.cc): one statement per call, so each is atomic on its own.
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

  Result<StorageLayout> storage_layout();
  // "PostgreSQL 15.18" of the server behind the pool (or PgBouncer).
  Result<std::string> server_version();
  // The port the PostgreSQL server itself listens on (inet_server_port()); differs from the URL's
  // when a pooler such as PgBouncer is in between.
  Result<int> server_port();
  // The tunnel, when one is configured (for `streams doctor`); null otherwise.
  [[nodiscard]] const SshTunnel* tunnel() const { return tunnel_.get(); }

  static int latest_schema_version();

 private:
  PgStore(PgOptions options, std::unique_ptr<SshTunnel> tunnel, ConnectTarget target);
  // Runs `body` on a leased connection. When the connection turns out broken (server restarted,
  // tunnel dropped, PgBouncer restarted), the pool drops it and the body runs once more on a fresh
  // connection: reads are safe to repeat, and so are writes (a replayed batch never duplicates).
  template <class Body>
  auto with_connection(Body&& body) -> decltype(body(std::declval<PgConnection&>()));
  Status enable_timescaledb(PgConnection& db);

  PgOptions options_;
  std::unique_ptr<SshTunnel> tunnel_;  // declared before the pool: outlives every connection
  ConnectionPool pool_;
};

// Opens (starting the tunnel when configured), checks the connection and migrates.
Result<std::unique_ptr<Store>> open_pg_store(PgOptions options);

// Whether a store URL names PostgreSQL (postgres:// or postgresql://).
bool is_postgres_url(std::string_view url);
// "streams@db.example.com:5432/streams": the URL without its password, for logs and status lines.
std::string describe_url(const std::string& url);

}  // namespace streams::store::postgres
