#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>

#include <string>
#include <vector>

namespace streams::ingest {
namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text, std::vector<int>* lines = nullptr) {
  CsvReader reader(text);
  std::vector<CsvField> fields;
  std::vector<std::vector<std::string>> out;
  while (true) {
    auto more = reader.next(fields);
    EXPECT_TRUE(more.ok()) << more.error().message;
    if (!more.ok() || !*more) break;
    std::vector<std::string> row;
    for (const auto& field : fields) row.emplace_back(field.text);
    out.push_back(row);
    if (lines != nullptr) lines->push_back(reader.line());
  }
  return out;
}

TEST(CsvReader, SplitsPlainRecordsAndSkipsBlankLines) {
  std::vector<int> lines;
  auto rows = read_all("\xEF\xBB\xBF" "a,b,c\r\n1,,3\r\n\r\n4,5,6", &lines);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "", "3"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"4", "5", "6"}));
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 4}));
}

TEST(CsvReader, HandlesQuotesEscapesAndEmbeddedNewlines) {
  std::vector<int> lines;
  auto rows = read_all("\"Date\",\"FEDFUNDS\"\nAAPL,\"Technology Hardware, Storage & Peripherals\",\"say \"\"hi\"\"\"\n"
                       "X,\"two\nlines\",z\nlast,row,here\n",
                       &lines);
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Date", "FEDFUNDS"}));
  EXPECT_EQ(rows[1][1], "Technology Hardware, Storage & Peripherals");
  EXPECT_EQ(rows[1][2], "say \"hi\"");
  EXPECT_EQ(rows[2][1], "two\nlines");
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 3, 5}));
}

TEST(CsvReader, ReportsColumnsOfFields) {
  CsvReader reader("ab,cde,\"f\",g\n");
  std::vector<CsvField> fields;
  ASSERT_TRUE(reader.next(fields).value());
  ASSERT_EQ(fields.size(), 4U);
  EXPECT_EQ(fields[0].column, 1);
  EXPECT_EQ(fields[1].column, 4);
  EXPECT_EQ(fields[2].column, 8);
  EXPECT_EQ(fields[3].column, 12);
  EXPECT_EQ(reader.end_column(), 13);
}

TEST(CsvReader, UnterminatedQuoteIsAnErrorWithPosition) {
  CsvReader reader("a,b\n1,\"oops\n");
  std::vector<CsvField> fields;
  ASSERT_TRUE(reader.next(fields).value());
  auto result = reader.next(fields);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "2:3: unterminated quoted field");
}

TEST(CsvReader, GarbageAfterClosingQuoteIsAnError) {
  CsvReader reader("\"a\"x,b\n");
  std::vector<CsvField> fields;
  auto result = reader.next(fields);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "1:4: unexpected character after a closing quote");
}

}  // namespace
}  // namespace streams::ingest

namespace streams::ingest {
namespace {

double by_from_chars(std::string_view text, bool& ok) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  ok = !text.empty() && ec == std::errc() && ptr == text.data() + text.size();
  return value;
}

// parse_double must return exactly what std::from_chars returns (the fast path is only a speed-up).
TEST(ParseDouble, AgreesBitForBitWithFromChars) {
  std::vector<std::string> cases{"0",     "1",        "-1",         "355.0",        "10.7870645432", "0.1",
                                 "0.3",   "1.",       ".5",         "-0",           "26921800",      "999999999999999",
                                 "1e5",   "2.5E-3",   "9007199254740993", "123456789012345678", "0.000000000000000000001",
                                 "567.9717", "7.00000700001", "1234567.891234"};
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 20000; ++i) {  // random plain decimals of 1..17 digits
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const int digits = 1 + static_cast<int>((state >> 59) % 17);
    const int point = static_cast<int>((state >> 40) % static_cast<std::uint64_t>(digits + 1));
    std::string text;
    std::uint64_t bits = state;
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      text += static_cast<char>('0' + bits % 10);
      bits /= 10;
    }
    cases.push_back(text);
  }
  for (const std::string& text : cases) {
    bool expected_ok = false;
    const double expected = by_from_chars(text, expected_ok);
    double value = -12345;
    const bool ok = parse_double(text, value);
    ASSERT_EQ(ok, expected_ok) << text;
    if (ok) {
      ASSERT_EQ(std::bit_cast<std::uint64_t>(value), std::bit_cast<std::uint64_t>(expected)) << text;
    }
  }
}

TEST(ParseDouble, RejectsWhatFromCharsRejects) {
  double value = 0;
  for (std::string_view text : {"", "-", ".", "+1", "1,5", "1.2.3", "abc", "1O", " 1", "1 ", "--1"}) {
    EXPECT_FALSE(parse_double(text, value)) << text;
  }
  // from_chars reads these; the importer then rejects them as not finite.
  EXPECT_TRUE(parse_double("inf", value));
  EXPECT_TRUE(std::isinf(value));
  EXPECT_TRUE(parse_double("nan", value));
  EXPECT_TRUE(std::isnan(value));
}

}  // namespace
}  // namespace streams::ingest
