#include "analytics/tests/reference_data.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace streams::analytics::testing {

std::filesystem::path reference_dir() {
  return std::filesystem::path(STREAMS_SOURCE_DIR) / "src/analytics/tests/data/reference";
}

CsvColumns load_csv(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open " + file.string());
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
      for (auto& c : cell) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!cell.empty() && cell.back() == '\r') cell.pop_back();
      header.push_back(cell);
    }
  }
  CsvColumns out;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream ss(line);
    std::string cell;
    std::size_t i = 0;
    for (; i < header.size() && std::getline(ss, cell, ','); ++i) {
      if (header[i] == "date") {
        out.dates.push_back(cell);
        continue;
      }
      double v = std::numeric_limits<double>::quiet_NaN();
      std::from_chars(cell.data(), cell.data() + cell.size(), v);
      out.columns[header[i]].push_back(v);
    }
    // getline yields nothing for an empty last cell ("...,"): those cells are NaN too.
    for (; i < header.size(); ++i) {
      if (header[i] == "date") {
        out.dates.emplace_back();
      } else {
        out.columns[header[i]].push_back(std::numeric_limits<double>::quiet_NaN());
      }
    }
  }
  return out;
}

ReferenceFile load_reference(const std::string& file_name) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.load((reference_dir() / file_name).string());
  ReferenceFile out;
  for (auto [op_key, op_value] : root.get_object()) {
    auto& outputs = out[std::string(op_key)];
    for (auto [name, value] : op_value.get_object()) {
      ReferenceOutput ref;
      for (simdjson::dom::element item : value.get_array()) {
        if (item.is_array()) {
          ++ref.rows;
          for (simdjson::dom::element x : item.get_array()) {
            ref.values.push_back(x.is_null() ? std::numeric_limits<double>::quiet_NaN() : double(x.get_double()));
          }
        } else if (item.is_string()) {
          ref.values.push_back(std::numeric_limits<double>::quiet_NaN());  // names (corr symbols)
        } else if (item.is_null()) {
          ref.values.push_back(std::numeric_limits<double>::quiet_NaN());
        } else if (item.is_int64()) {
          ref.values.push_back(static_cast<double>(int64_t(item.get_int64())));
        } else {
          ref.values.push_back(double(item.get_double()));
        }
      }
      outputs[std::string(name)] = std::move(ref);
    }
  }
  return out;
}

std::string compare_series(const std::vector<double>& expected, const std::vector<double>& actual, double rel,
                           double abs) {
  if (expected.size() != actual.size()) {
    return fmt::format("length {} != expected {}", actual.size(), expected.size());
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double e = expected[i];
    const double a = actual[i];
    if (std::isnan(e) != std::isnan(a)) {
      return fmt::format("null pattern differs at index {}: expected {}, got {}", i, e, a);
    }
    if (std::isnan(e)) continue;
    if (std::abs(e - a) > rel * std::max(std::abs(e), std::abs(a)) + abs) {
      return fmt::format("index {}: expected {:.17g}, got {:.17g} (rel err {:.3g})", i, e, a,
                         std::abs(e - a) / std::max(std::abs(e), 1e-300));
    }
  }
  return "";
}

}  // namespace streams::analytics::testing
