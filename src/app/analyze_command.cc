// `streams analyze`: the analytics engine on CSV input, JSON on stdout (BRIEF §4).
//
//   streams analyze --input FILE [--input FILE...] --op SPEC [--op SPEC...]
//   streams analyze --list [--json]
//
// Exit status: 0 when every op succeeded; 1 when an input is unreadable or malformed (message
// "file:line: ..." on stderr, no JSON) or when any op failed (its key holds {"error": ...}).

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/analyze.h"
#include "analytics/catalog.h"
#include "analytics/csv_input.h"
#include "analytics/render.h"
#include "analytics/spec.h"
#include "app/commands.h"

namespace streams::app {
namespace {

struct AnalyzeOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> ops;
  bool list = false;
  bool json = false;
};

Result<analytics::OpInput> read_input(const std::string& path) {
  std::string text;
  std::string name;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    name = "stdin";
  } else {
    std::ifstream file(path, std::ios::binary);
    if (!file) return make_error(std::make_error_code(std::errc::no_such_file_or_directory), fmt::format("{}: cannot open", path));
    std::ostringstream buffer;
    buffer << file.rdbuf();
    text = std::move(buffer).str();
    name = std::filesystem::path(path).stem().string();
  }
  return analytics::parse_csv_input(text, name, path);
}

int run_analyze(const AnalyzeOptions& options) {
  if (options.list) {
    const std::string listing = options.json ? analytics::catalog_json() + "\n" : analytics::catalog_text();
    std::fwrite(listing.data(), 1, listing.size(), stdout);
    return 0;
  }
  if (options.inputs.empty()) {
    std::fprintf(stderr, "streams analyze: at least one --input FILE is required (or --list)\n");
    return 1;
  }
  if (options.ops.empty()) {
    std::fprintf(stderr, "streams analyze: at least one --op SPEC is required (or --list)\n");
    return 1;
  }
  std::vector<analytics::OpInput> inputs;
  for (const std::string& path : options.inputs) {
    auto input = read_input(path);
    if (!input) {
      std::fprintf(stderr, "%s\n", input.error().message.c_str());
      return 1;
    }
    inputs.push_back(std::move(*input));
  }
  analytics::AnalyzeJson document;
  bool failed = false;
  for (const std::string& text : options.ops) {
    auto spec = analytics::parse_spec(text);
    Result<analytics::OpResult> result = spec ? analytics::run_op(*spec, inputs) : Result<analytics::OpResult>(spec.error());
    failed = failed || !result;
    document.add(text, result);
  }
  std::string json = document.finish();
  json.push_back('\n');
  std::fwrite(json.data(), 1, json.size(), stdout);
  std::fflush(stdout);
  return failed ? 1 : 0;
}

}  // namespace

void add_analyze_command(CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand("analyze", "Run indicators, statistics and wavelets on CSV input; JSON on stdout");
  cmd->add_option("--input", options->inputs, "CSV file with date and close (open, high, low, volume optional); - = stdin");
  cmd->add_option("--op", options->ops, "op SPEC, e.g. 'sma(timeperiod=20)' (repeatable; output keys are the SPECs)");
  cmd->add_flag("--list", options->list, "list every TA-Lib function and op with parameters and outputs");
  cmd->add_flag("--json", options->json, "with --list: machine-readable JSON");
  cmd->callback([options] {
    const int status = run_analyze(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace streams::app
