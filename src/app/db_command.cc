// `streams db migrate` and `streams db status`: the store's schema and what it holds.

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "app/commands.h"
#include "app/store_factory.h"

namespace streams::app {
namespace {

int run_migrate(const Config& config) {
  std::error_code ec;
  const bool is_new = config.database_url.empty() && !std::filesystem::exists(config.sqlite_path(), ec);
  auto store = open_store(config, is_new ? Migrate::yes : Migrate::no);
  if (!store) {
    std::fprintf(stderr, "streams db migrate: %s\n", store.error().message.c_str());
    return 1;
  }
  auto before = (*store)->schema_status();
  if (!before) {
    std::fprintf(stderr, "streams db migrate: %s\n", before.error().message.c_str());
    return 1;
  }
  auto after = (*store)->migrate();
  if (!after) {
    std::fprintf(stderr, "streams db migrate: %s\n", after.error().message.c_str());
    return 1;
  }
  if (is_new) {
    std::printf("%s: created at schema version %d\n", describe_store(config).c_str(), after->version);
  } else if (after->version == before->version) {
    std::printf("%s: schema version %d, up to date\n", describe_store(config).c_str(), after->version);
  } else {
    std::printf("%s: migrated from schema version %d to %d\n", describe_store(config).c_str(), before->version,
                after->version);
  }
  return 0;
}

int run_status(const Config& config) {
  auto store = open_store(config, Migrate::no);
  if (!store) {
    std::fprintf(stderr, "streams db status: %s\n", store.error().message.c_str());
    return 1;
  }
  auto schema = (*store)->schema_status();
  if (!schema) {
    std::fprintf(stderr, "streams db status: %s\n", schema.error().message.c_str());
    return 1;
  }
  std::printf("store:          %s\n", describe_store(config).c_str());
  std::printf("schema version: %d of %d%s\n", schema->version, schema->latest_version,
              schema->version < schema->latest_version ? " (run `streams db migrate`)" : "");
  if (schema->version == 0) return 0;
  auto counts = (*store)->counts();
  if (!counts) {
    std::fprintf(stderr, "streams db status: %s\n", counts.error().message.c_str());
    return 1;
  }
  std::printf("instruments:    %lld\n", static_cast<long long>(counts->instruments));
  std::printf("bars:           %lld\n", static_cast<long long>(counts->bars));
  std::printf("events:         %lld\n", static_cast<long long>(counts->events));
  std::printf("macro points:   %lld\n", static_cast<long long>(counts->macro_points));
  std::printf("ingest states:  %lld\n", static_cast<long long>(counts->ingest_states));
  return 0;
}

}  // namespace

void add_db_command(CLI::App& app, Config& config) {
  CLI::App* db = app.add_subcommand("db", "schema migrations and store status");
  db->require_subcommand(1);
  CLI::App* migrate = db->add_subcommand("migrate", "apply pending schema migrations");
  add_store_options(*migrate, config);
  migrate->callback([&config] {
    if (const int status = run_migrate(config); status != 0) throw CLI::RuntimeError(status);
  });
  CLI::App* status = db->add_subcommand("status", "schema version and row counts");
  add_store_options(*status, config);
  status->callback([&config] {
    if (const int code = run_status(config); code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace streams::app
