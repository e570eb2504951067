#pragma once
// The one place where subcommands get their store: the embedded SQLite file under data_dir unless
// a postgresql:// database URL is configured (then the PostgreSQL store, through the [tunnel] when set).

#include <CLI/CLI.hpp>

#include <memory>

#include "app/config.h"
#include "core/result.h"
#include "store/postgres/pg_store.h"
#include "auth/auth.h"
#include "store/accounts.h"
#include "store/store.h"

namespace streams::app {

enum class Migrate { yes, no };

// Opens the configured store; with Migrate::yes pending migrations are applied first.
Result<std::unique_ptr<store::Store>> open_store(const Config& config, Migrate migrate = Migrate::yes);

// The PostgreSQL store's options from the configuration ([store], [tunnel]).
store::postgres::PgOptions postgres_options(const Config& config);
// The account side of an opened store (users, sessions, favourites): every store streams opens
// implements store::AccountStore too. Fails when this one does not.
Result<store::AccountStore*> account_store(store::Store& store);

// The Authenticator's options from the configuration ([auth] and STREAMS_AUTH_*). Throws
// std::runtime_error naming a bad mode.
auth::Options auth_options(const Config& config);

// A one-line description of where the store lives ("SQLite var/streams.db").
std::string describe_store(const Config& config);

// Adds --data-dir and --database-url to a subcommand that opens the store.
void add_store_options(CLI::App& command, Config& config);

}  // namespace streams::app
