// `streams ingest SOURCE ...`: backfill the store. One sub-subcommand per source; `csv` imports
// files and folders (src/ingest). Later sources (polygon, fred, events) add their own here.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/store_factory.h"
#include "ingest/importer.h"

namespace streams::app {
namespace {

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

double per_second(std::int64_t rows, double seconds) { return seconds > 0 ? static_cast<double>(rows) / seconds : 0; }

// Progress on stderr: a redrawn bar on a terminal, otherwise one line per committed file.
class ProgressPrinter {
 public:
  ProgressPrinter() : tty_(::isatty(::fileno(stderr)) == 1) {}

  void operator()(const ingest::ImportProgress& p) {
    if (tty_) {
      constexpr int width = 30;
      const int filled = static_cast<int>(width * p.files_done / std::max<std::size_t>(p.files_total, 1));
      std::fprintf(stderr, "\r[%s%s] %zu/%zu files  %s rows  %.0fk rows/s  %-24.24s", std::string(filled, '#').c_str(),
                   std::string(width - filled, '.').c_str(), p.files_done, p.files_total,
                   thousands(p.rows_done).c_str(), per_second(p.rows_done, p.seconds) / 1000,
                   p.file.path.filename().c_str());
      if (p.files_done == p.files_total) std::fputc('\n', stderr);
    } else {
      const auto& s = p.file.stats;
      std::fprintf(stderr, "%s: %s, %s rows: %s inserted, %s updated, %s unchanged%s\n", p.file.path.c_str(),
                   std::string(ingest::to_string(p.file.format)).c_str(), thousands(p.file.rows).c_str(),
                   thousands(s.inserted).c_str(), thousands(s.updated).c_str(), thousands(s.unchanged).c_str(),
                   p.file.skipped > 0 ? fmt::format(", {} skipped", thousands(p.file.skipped)).c_str() : "");
    }
    std::fflush(stderr);
    committed_ = p.files_done;
  }
  [[nodiscard]] std::size_t committed() const { return committed_; }
  [[nodiscard]] bool tty() const { return tty_; }

 private:
  bool tty_;
  std::size_t committed_ = 0;
};

int run_csv(const Config& config, const std::vector<std::filesystem::path>& paths) {
  auto store = open_store(config);
  if (!store) {
    std::fprintf(stderr, "streams ingest: %s\n", store.error().message.c_str());
    return 1;
  }
  ProgressPrinter printer;
  ingest::ImportOptions options;
  options.progress = [&printer](const ingest::ImportProgress& p) { printer(p); };
  auto summary = ingest::import_paths(**store, paths, options);
  if (!summary) {
    if (printer.tty() && printer.committed() > 0) std::fputc('\n', stderr);
    std::fprintf(stderr, "%s\n", summary.error().message.c_str());
    if (printer.committed() > 0) {
      std::fprintf(stderr, "streams ingest: stopped; the %zu file(s) before it stay committed\n", printer.committed());
    }
    return 1;
  }
  const auto& t = summary->total;
  std::printf("%zu files, %s rows: %s inserted, %s updated, %s unchanged%s (%s rows/s)\n", summary->files.size(),
              thousands(summary->rows).c_str(), thousands(t.inserted).c_str(), thousands(t.updated).c_str(),
              thousands(t.unchanged).c_str(),
              summary->skipped > 0 ? fmt::format(", {} skipped", thousands(summary->skipped)).c_str() : "",
              thousands(static_cast<std::int64_t>(per_second(summary->rows, summary->seconds))).c_str());
  return 0;
}

}  // namespace

void add_ingest_command(CLI::App& app, Config& config) {
  CLI::App* ingest = app.add_subcommand("ingest", "backfill the store from a source");
  ingest->require_subcommand(1);

  CLI::App* csv = ingest->add_subcommand(
      "csv", "import CSV files or folders (prices, Yahoo, Stooq, intraday, instruments, events, macro; .csv.gz too)");
  auto paths = std::make_shared<std::vector<std::filesystem::path>>();
  csv->add_option("paths", *paths, "files or folders (searched recursively for *.csv and *.csv.gz)")->required();
  add_store_options(*csv, config);
  csv->callback([&config, paths] {
    if (const int status = run_csv(config, *paths); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace streams::app
