#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

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
