#pragma once
// Importing CSV files into a store: each file is parsed completely and validated, then committed
// as one WriteBatch (all of the file or none of it). Files are parsed in order on another thread
// while earlier ones are written, by one writer or by several at once (`writers`: a server
// database commits them in parallel). The first failing file stops the import: files before it
// stay committed, nothing of it is written (with several writers, files after it that were already
// being written may commit too; an import run again writes nothing twice).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/csv_formats.h"
#include "store/store.h"

namespace streams::ingest {

struct FileSummary {
  std::filesystem::path path;
  CsvFormat format = CsvFormat::prices;
  std::int64_t rows = 0;     // data rows read
  std::int64_t skipped = 0;  // rows deliberately left out
  store::WriteStats stats;   // every table of the file together
  double seconds = 0;        // parse + write
};

struct ImportSummary {
  std::vector<FileSummary> files;
  store::WriteStats total;
  std::int64_t rows = 0;
  std::int64_t skipped = 0;
  double seconds = 0;  // wall time of the whole import
};

// Reported after each committed file (on the importing thread, or a writer's; never two at once).
struct ImportProgress {
  const FileSummary& file;  // the file just committed
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::int64_t rows_done = 0;  // rows of all files committed so far
  double seconds = 0;          // since the import started
};
using ProgressFn = std::function<void(const ImportProgress&)>;

struct ImportOptions {
  ProgressFn progress;  // may be empty
  // How long a write may wait for a store that is unreachable (store::errc::unavailable: the
  // database is down, restarting, or the connection dropped) before the import fails. Each file
  // is one transaction, so it is simply written again once the store answers. 0 = fail at once.
  std::chrono::seconds outage_wait{0};
  // Called when a write waits for the store (the error, seconds waited so far); may be empty.
  std::function<void(const Error&, double)> on_wait;
  // Files written at once, each in its own transaction (1: one after another). Progress is then
  // reported from the writers' threads, one call at a time.
  std::size_t writers = 1;
};

// Expands folders (recursively, *.csv and *.csv.gz, sorted by path) and keeps files as given.
Result<std::vector<std::filesystem::path>> list_import_files(std::span<const std::filesystem::path> paths);

Result<ImportSummary> import_paths(store::Store& store, std::span<const std::filesystem::path> paths,
                                   const ImportOptions& options = {});

// Imports every file of `demo_dir` when the store holds no bars yet; returns whether it imported.
Result<bool> load_demo_data_if_empty(store::Store& store, const std::filesystem::path& demo_dir,
                                     const ProgressFn& progress = {});

}  // namespace streams::ingest
