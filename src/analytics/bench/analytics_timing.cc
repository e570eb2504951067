// analytics_timing: times one op of the op registry in-process on CSV inputs, for
// scripts/bench_analytics.py (which times the Python reference on the same inputs).
//
//   analytics_timing --op SPEC [--rows N] [--repeat R] --input FILE[:column] [--input ...]
//
// `:column` makes that column the op's `close` (so 500 series can come from 201 files' open/close/
// adj_close). Prints one JSON line: {"op": SPEC, "inputs": k, "rows": n, "best_s": ..., "median_s": ...}.
// Times only the op call (arguments parsed into OpArgs each run), not CSV loading or JSON output,
// in batches of calls as Python's timeit does.

#include <algorithm>
#include <chrono>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "analytics/ops.h"
#include "analytics/tests/reference_data.h"

namespace {

using streams::analytics::OpArgs;
using streams::analytics::OpInput;
using streams::analytics::ParamNone;
using streams::analytics::ParamValue;

std::pair<std::string, std::vector<std::pair<std::string, ParamValue>>> parse_spec(const std::string& spec) {
  const auto open = spec.find('(');
  if (open == std::string::npos) return {spec, {}};
  std::vector<std::pair<std::string, ParamValue>> values;
  const std::string body = spec.substr(open + 1, spec.size() - open - 2);
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t comma = body.find(',', start);
    if (comma == std::string::npos) comma = body.size();
    const std::string item = body.substr(start, comma - start);
    const auto eq = item.find('=');
    const std::string text = item.substr(eq + 1);
    ParamValue v;
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (text == "none") {
      v = ParamNone{};
    } else if (text == "true" || text == "false") {
      v = text == "true";
    } else if (!text.empty() && end == text.c_str() + text.size()) {
      v = d;
    } else {
      v = text;
    }
    values.emplace_back(item.substr(0, eq), v);
    start = comma + 1;
  }
  return {spec.substr(0, open), values};
}

std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
}

OpInput load(const std::string& arg, std::size_t rows) {
  std::string path = arg;
  std::string column = "close";
  if (const auto colon = arg.rfind(':'); colon != std::string::npos && colon > 1) {
    path = arg.substr(0, colon);
    column = arg.substr(colon + 1);
  }
  const auto csv = streams::analytics::testing::load_csv(path);
  OpInput in;
  in.name = std::filesystem::path(path).stem().string() + (column == "close" ? "" : "." + column);
  const std::size_t n = std::min(rows, csv.dates.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& date = csv.dates[i];
    in.dates.push_back(days_from_civil(std::stoi(date.substr(0, 4)), static_cast<unsigned>(std::stoi(date.substr(5, 2))),
                                       static_cast<unsigned>(std::stoi(date.substr(8, 2)))));
  }
  const auto& values = csv.columns.at(column);
  in.columns["close"] = std::vector<double>(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n));
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  std::string spec;
  std::size_t rows = static_cast<std::size_t>(-1);
  int repeat = 20;
  std::vector<std::string> files;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--op") spec = argv[i + 1];
    else if (flag == "--rows") rows = std::stoul(argv[i + 1]);
    else if (flag == "--repeat") repeat = std::stoi(argv[i + 1]);
    else if (flag == "--input") files.emplace_back(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (spec.empty() || files.empty()) {
    std::fprintf(stderr, "usage: analytics_timing --op SPEC [--rows N] [--repeat R] --input FILE[:column] ...\n");
    return 2;
  }
  std::vector<OpInput> inputs;
  for (const auto& f : files) inputs.push_back(load(f, rows));
  const auto [name, values] = parse_spec(spec);
  const streams::analytics::OpSpec* op = streams::analytics::find_op(name);
  if (op == nullptr) {
    std::fprintf(stderr, "unknown op %s\n", name.c_str());
    return 2;
  }
  // Like the Python side (timeit): each measurement times a batch of `number` calls, with
  // `number` grown until a batch lasts >= 20 ms, and reports the time per call; best of `repeat`.
  using Clock = std::chrono::steady_clock;
  auto batch = [&](int number) -> std::optional<double> {
    double total = 0.0;
    for (int k = 0; k < number; ++k) {
      OpArgs args(values);  // parsed arguments are consumed by a run
      const auto t0 = Clock::now();
      auto result = op->run(inputs, args);
      total += std::chrono::duration<double>(Clock::now() - t0).count();
      if (!result) {
        std::fprintf(stderr, "%s: %s\n", spec.c_str(), result.error().message.c_str());
        return std::nullopt;
      }
    }
    return total / number;
  };
  int number = 1;
  for (;;) {
    const auto per_call = batch(number);
    if (!per_call) return 1;
    if (*per_call * number >= 0.02 || number >= 1000) break;
    number *= 4;
  }
  std::vector<double> times;
  for (int r = 0; r < repeat; ++r) times.push_back(*batch(number));
  std::sort(times.begin(), times.end());
  std::printf("{\"op\": \"%s\", \"inputs\": %zu, \"rows\": %zu, \"best_s\": %.9g, \"median_s\": %.9g}\n", spec.c_str(),
              inputs.size(), inputs.front().size(), times.front(), times[times.size() / 2]);
  return 0;
}
