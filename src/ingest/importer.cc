#include "ingest/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "ingest/errc.h"
#include "store/errc.h"

namespace streams::ingest {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool is_csv_name(const fs::path& file) {
  const std::string name = file.filename().string();
  return name.ends_with(".csv") || name.ends_with(".csv.gz") || name.ends_with(".CSV") || name.ends_with(".CSV.GZ");
}

struct Parsed {
  Result<ParsedFile> file = make_error(errc::io_error, "not parsed");
  double seconds = 0;
};

// Parses the files in order on one background thread, at most `ahead` files in front of the
// consumer, so parsing overlaps writing. Stops early when destroyed.
class ParseAhead {
 public:
  ParseAhead(const std::vector<fs::path>& files, std::size_t ahead) : files_(files), ahead_(ahead) {
    thread_ = std::thread([this] { run(); });
  }
  ~ParseAhead() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  ParseAhead(const ParseAhead&) = delete;
  ParseAhead& operator=(const ParseAhead&) = delete;

  // The next file's result, in order; blocks until it is parsed.
  Parsed next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty(); });
    Parsed out = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return out;
  }

 private:
  void run() {
    for (const fs::path& file : files_) {
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || ready_.size() < ahead_; });
        if (stop_) return;
      }
      const auto began = Clock::now();
      Parsed parsed{parse_csv_file(file), 0};
      parsed.seconds = seconds_since(began);
      {
        const std::lock_guard lock(mutex_);
        ready_.push_back(std::move(parsed));
      }
      changed_.notify_all();
    }
  }

  const std::vector<fs::path>& files_;
  const std::size_t ahead_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Parsed> ready_;
  bool stop_ = false;
  std::thread thread_;
};

constexpr std::size_t parse_ahead_files = 2;

}  // namespace

Result<std::vector<fs::path>> list_import_files(std::span<const fs::path> paths) {
  std::vector<fs::path> out;
  for (const fs::path& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      return make_error(errc::io_error, fmt::format("{}: no such file or folder", path.string()));
    }
    if (!fs::is_directory(status)) {
      out.push_back(path);
      continue;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::follow_directory_symlink, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file() && is_csv_name(it->path())) found.push_back(it->path());
    }
    if (ec) return make_error(errc::io_error, fmt::format("{}: cannot list: {}", path.string(), ec.message()));
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Result<ImportSummary> import_paths(store::Store& store, std::span<const fs::path> paths, const ImportOptions& options) {
  const auto start = Clock::now();
  auto files = list_import_files(paths);
  if (!files) return files.error();
  ImportSummary summary;
  summary.files.resize(files->size());
  const std::size_t writers = std::clamp<std::size_t>(options.writers, 1, std::max<std::size_t>(1, files->size()));

  // Writers take the parsed files in order; each file is one transaction. With several writers
  // the commits may finish out of order, so progress counts files as they commit.
  ParseAhead parser(*files, parse_ahead_files + writers - 1);
  std::mutex mutex;  // guards next_file, failed, failure, done and the summary
  std::size_t next_file = 0;
  std::size_t done = 0;
  std::optional<std::size_t> failed;  // the lowest index of a file that failed
  Error failure = make_error(errc::store_failed, "");

  auto write_files = [&] {
    for (;;) {
      std::size_t i = 0;
      Parsed parsed;
      auto record_failure = [&](Error error) {  // with `mutex` held
        if (!failed || i < *failed) {
          failed = i;
          failure = std::move(error);
        }
      };
      {
        const std::lock_guard lock(mutex);
        if (failed || next_file == files->size()) return;
        i = next_file++;
        parsed = parser.next();  // in order: file i
        // A file that does not parse stops the others before they take a later one: nothing
        // after it is written, however the writers are scheduled.
        if (!parsed.file) return record_failure(parsed.file.error());
      }
      auto fail = [&](Error error) {
        const std::lock_guard lock(mutex);
        record_failure(std::move(error));
      };

      const auto write_began = Clock::now();
      auto report = store.write(parsed.file->batch);
      // The store is down (or the connection dropped mid-transaction, which rolled it back): wait
      // with growing pauses and write the same batch again; the write is idempotent and atomic.
      for (auto pause = std::chrono::milliseconds(250);
           !report && report.error().code == make_error_code(store::errc::unavailable) &&
           Clock::now() - write_began < options.outage_wait;
           pause = std::min(pause * 2, std::chrono::milliseconds(4000))) {
        if (options.on_wait) options.on_wait(report.error(), seconds_since(write_began));
        std::this_thread::sleep_for(pause);
        report = store.write(parsed.file->batch);
      }
      if (!report) {
        return fail(make_error(errc::store_failed, fmt::format("{}: nothing of this file was written: {}",
                                                               (*files)[i].string(), report.error().message)));
      }
      const std::lock_guard lock(mutex);
      FileSummary& file_summary = summary.files[i];
      file_summary.path = (*files)[i];
      file_summary.format = parsed.file->format;
      file_summary.rows = parsed.file->rows;
      file_summary.skipped = parsed.file->skipped;
      file_summary.stats = report->all();
      file_summary.seconds = parsed.seconds + seconds_since(write_began);
      summary.total += file_summary.stats;
      summary.rows += file_summary.rows;
      summary.skipped += file_summary.skipped;
      ++done;
      if (options.progress) {
        options.progress(ImportProgress{file_summary, done, files->size(), summary.rows, seconds_since(start)});
      }
    }
  };
  std::vector<std::thread> others;
  for (std::size_t w = 1; w < writers; ++w) others.emplace_back(write_files);
  write_files();
  for (std::thread& t : others) t.join();
  if (failed) return failure;
  summary.seconds = seconds_since(start);
  return summary;
}

Result<bool> load_demo_data_if_empty(store::Store& store, const fs::path& demo_dir, const ProgressFn& progress) {
  auto bars = store.bar_count();
  if (!bars) return bars.error();
  if (*bars > 0) return false;
  std::error_code ec;
  if (!fs::is_directory(demo_dir, ec)) {
    return make_error(errc::io_error, fmt::format("{}: demo data folder not found", demo_dir.string()));
  }
  const fs::path paths[] = {demo_dir};
  ImportOptions options;
  options.progress = progress;
  auto summary = import_paths(store, paths, options);
  if (!summary) return summary.error();
  return true;
}

}  // namespace streams::ingest
