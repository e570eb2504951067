#pragma once
// The subcommands of `streams`, one file each, registered in main.cc's explicit table.
// Each add_*_command() declares the subcommand's options on `app` and sets its callback; a
// callback reports failure by throwing CLI::RuntimeError(exit_code) after printing a clear message.

#include <CLI/CLI.hpp>

#include "app/config.h"

namespace streams::app {

void add_serve_command(CLI::App& app, Config& config);    // serve_command.cc
void add_ingest_command(CLI::App& app, Config& config);   // ingest_command.cc
void add_stream_command(CLI::App& app, Config& config);   // stream_command.cc
void add_analyze_command(CLI::App& app);                  // analyze_command.cc
void add_db_command(CLI::App& app, Config& config);       // db_command.cc
void add_doctor_command(CLI::App& app, Config& config);   // doctor_command.cc
void add_user_command(CLI::App& app, Config& config);     // user_command.cc

}  // namespace streams::app
