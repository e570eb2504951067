// Golden-reference driver: every op of every line of data/reference/commands.txt, run through
// the same engine as `streams analyze` (parse_csv_input → parse_spec → run_op) on the same
// inputs, compared with the reference JSON (TA-Lib 0.6.4, statsmodels 0.13.5, PyWavelets 1.1.1;
// see data/reference/README.md) at 1e-9 relative, with identical null patterns and lengths.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/analyze.h"
#include "analytics/csv_input.h"
#include "analytics/spec.h"
#include "analytics/tests/reference_data.h"

namespace streams::analytics {
namespace {

constexpr double relative_tolerance = 1e-9;
constexpr double absolute_tolerance = 1e-12;

struct ReferenceCase {
  std::vector<std::string> inputs;  // paths relative to reference_dir()
  std::string op;
  std::string golden;  // file name in reference_dir()
};

void PrintTo(const ReferenceCase& c, std::ostream* os) { *os << c.golden << " " << c.op; }

// Splits a shell line of commands.txt (single-quoted args, no escapes inside quotes).
std::vector<std::string> shell_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  bool quoted = false;
  for (const char c : line) {
    if (quoted) {
      if (c == '\'') quoted = false;
      else word.push_back(c);
    } else if (c == '\'') {
      quoted = true;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

std::string strip_reference_prefix(const std::string& path) {
  const std::string prefix = "reference/";
  return path.rfind(prefix, 0) == 0 ? path.substr(prefix.size()) : path;
}

std::vector<ReferenceCase> load_cases() {
  std::ifstream in(testing::reference_dir() / "commands.txt");
  std::vector<ReferenceCase> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto words = shell_words(line);
    std::vector<std::string> inputs;
    std::vector<std::string> ops;
    std::string golden;
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (words[i] == "--input" && i + 1 < words.size()) inputs.push_back(strip_reference_prefix(words[++i]));
      else if (words[i] == "--op" && i + 1 < words.size()) ops.push_back(words[++i]);
      else if (words[i] == ">" && i + 1 < words.size()) golden = strip_reference_prefix(words[++i]);
    }
    for (const auto& op : ops) cases.push_back({inputs, op, golden});
  }
  return cases;
}

const std::vector<OpInput>& inputs_for(const std::vector<std::string>& paths) {
  static std::map<std::vector<std::string>, std::vector<OpInput>> cache;
  auto it = cache.find(paths);
  if (it != cache.end()) return it->second;
  std::vector<OpInput> inputs;
  for (const auto& path : paths) {
    std::ifstream file(testing::reference_dir() / path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    const std::string stem = std::filesystem::path(path).stem().string();
    auto parsed = parse_csv_input(text.str(), stem, path);
    if (!parsed) throw std::runtime_error(parsed.error().message);
    inputs.push_back(std::move(*parsed));
  }
  return cache.emplace(paths, std::move(inputs)).first->second;
}

const testing::ReferenceFile& golden(const std::string& file) {
  static std::map<std::string, testing::ReferenceFile> cache;
  auto it = cache.find(file);
  if (it == cache.end()) it = cache.emplace(file, testing::load_reference(file)).first;
  return it->second;
}

// String outputs (corr's symbols) are read from the raw JSON; load_reference keeps numbers only.
std::vector<std::string> golden_strings(const std::string& file, const std::string& op, const std::string& output) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.load((testing::reference_dir() / file).string());
  std::vector<std::string> out;
  for (simdjson::dom::element item : root[op][output].get_array()) out.emplace_back(std::string_view(item.get_string()));
  return out;
}

class ReferenceTest : public ::testing::TestWithParam<ReferenceCase> {};

TEST_P(ReferenceTest, MatchesGolden) {
  const ReferenceCase& c = GetParam();
  auto spec = parse_spec(c.op);
  ASSERT_TRUE(spec) << spec.error().message;
  if (!op_exists(spec->name)) {
    FAIL() << "'" << spec->name << "' is not an op of this build";
  }
  const auto& inputs = inputs_for(c.inputs);
  auto result = run_op(*spec, inputs);
  ASSERT_TRUE(result) << c.op << ": " << result.error().message;
  const auto& file = golden(c.golden);
  const auto expected_it = file.find(c.op);
  ASSERT_NE(expected_it, file.end()) << c.op << " missing from " << c.golden;
  const auto& expected = expected_it->second;
  ASSERT_EQ(result->outputs.size(), expected.size()) << c.op << ": number of outputs";
  for (const OpOutput& output : result->outputs) {
    const auto ref = expected.find(output.name);
    ASSERT_NE(ref, expected.end()) << c.op << ": unexpected output '" << output.name << "'";
    std::vector<double> actual;
    std::size_t rows = 0;
    if (const auto* series = std::get_if<std::vector<double>>(&output.data)) {
      actual = *series;
    } else if (const auto* matrix = std::get_if<std::vector<std::vector<double>>>(&output.data)) {
      rows = matrix->size();
      for (const auto& row : *matrix) actual.insert(actual.end(), row.begin(), row.end());
    } else {
      const auto& names = std::get<std::vector<std::string>>(output.data);
      EXPECT_EQ(names, golden_strings(c.golden, c.op, output.name)) << c.op << "." << output.name;
      continue;
    }
    EXPECT_EQ(rows, ref->second.rows) << c.op << "." << output.name << ": rows";
    const std::string mismatch =
        testing::compare_series(ref->second.values, actual, relative_tolerance, absolute_tolerance);
    EXPECT_EQ(mismatch, "") << c.op << "." << output.name << " vs " << c.golden;
  }
}

std::string case_name(const ::testing::TestParamInfo<ReferenceCase>& info) {
  std::string raw = fmt::format("{:03}_{}_{}", info.index, info.param.golden, info.param.op);
  std::string name;
  for (const char c : raw) name.push_back(std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Golden, ReferenceTest, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
}  // namespace streams::analytics
