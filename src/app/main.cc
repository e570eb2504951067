// streams: one executable, subcommands in an explicit table (BRIEF §2).

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "app/commands.h"
#include "app/config.h"
#include "core/log.h"

int main(int argc, char** argv) {
  using namespace streams;
  CLI::App cli{"streams — from many market-data sources to one dashboard", "streams"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", "streams 0.1.0");

  std::string config_file;
  std::string log_level;
  cli.add_option("--config", config_file, "TOML configuration file (default: ./streams.toml if present)");
  cli.add_option("--log-level", log_level, "debug, info, warn or error");

  app::Config config;
  try {
    // The config file must be read before flags are applied, so look for --config first.
    for (int i = 1; i + 1 < argc; ++i) {
      if (std::string_view(argv[i]) == "--config") config_file = argv[i + 1];
    }
    config = app::load_config(config_file);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "streams: %s\n", e.what());
    return 2;
  }

  // The explicit table of subcommands.
  app::add_serve_command(cli, config);
  app::add_ingest_command(cli, config);
  app::add_stream_command(cli, config);
  app::add_analyze_command(cli);
  app::add_db_command(cli, config);
  app::add_doctor_command(cli, config);
  app::add_user_command(cli, config);

  cli.parse_complete_callback([&] {
    if (!log_level.empty()) config.log_level = log_level;
    log::init(log::parse_level(config.log_level));
  });

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "streams: %s\n", e.what());
    return 1;
  }
  return 0;
}
