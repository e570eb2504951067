#pragma once
// Test helpers: the golden outputs of ../shared/reference (copied to tests/data/reference, see its
// README.md for source, versions and conventions) and their input CSVs, loaded for unit tests.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace streams::analytics::testing {

std::filesystem::path reference_dir();  // .../src/analytics/tests/data/reference

// Columns of an input CSV by lower-case header name ("date" is kept as text in `dates`).
struct CsvColumns {
  std::vector<std::string> dates;
  std::map<std::string, std::vector<double>> columns;
};
CsvColumns load_csv(const std::filesystem::path& file);  // e.g. reference_dir() / "inputs/MSFT.csv"

// One reference file (e.g. "MSFT.talib.json"): op key → output name → values (NaN for null).
// Matrix outputs (cwt `coefs`, corr `matrix`) are flattened row by row; `rows` records their count.
struct ReferenceOutput {
  std::vector<double> values;
  std::size_t rows = 0;  // 0 for a plain series
};
using ReferenceFile = std::map<std::string, std::map<std::string, ReferenceOutput>>;
ReferenceFile load_reference(const std::string& file_name);

// Relative error check with a null-pattern check; returns "" when equal, else a description of
// the first mismatch. Tolerance: |a-b| <= rel * max(|a|,|b|) + abs.
std::string compare_series(const std::vector<double>& expected, const std::vector<double>& actual,
                           double rel = 1e-9, double abs = 1e-12);

}  // namespace streams::analytics::testing
