#include "ingest/csv_formats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "ingest/errc.h"

namespace streams::ingest {
namespace {

constexpr std::string_view price_header = "date,open,high,low,close,adj_close,volume,dividend,split\n";

Date day(std::string_view text) { return Date::parse(text).value(); }

ParsedFile parse_ok(std::string_view file, std::string_view text) {
  auto parsed = parse_csv(file, text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? std::move(*parsed) : ParsedFile{};
}

TEST(CsvFormats, PricesGiveBarsSplitsAndDividends) {
  const std::string text = std::string(price_header) +
                           "2020-08-27,502.14,505.0,494.81,500.04,124.3,38888096,0.0,1.0\n"
                           "2020-08-28,504.05,505.77,498.31,499.23,124.1,46907479,0.0,1.0\n"
                           "2020-08-31,127.58,131.0,126.0,129.04,128.62,223505733,0.82,4.0\n";
  const ParsedFile parsed = parse_ok("data/prices/aapl.csv", text);
  EXPECT_EQ(parsed.format, CsvFormat::prices);
  EXPECT_EQ(parsed.rows, 3);
  ASSERT_EQ(parsed.batch.bars.size(), 1U);
  const store::BarSeries& series = parsed.batch.bars[0];
  EXPECT_EQ(series.symbol.view(), "AAPL");
  EXPECT_EQ(series.timespan, Timespan::daily());
  ASSERT_EQ(series.bars.size(), 3U);
  EXPECT_EQ(series.bars[1].ts, day("2020-08-28").key());
  EXPECT_DOUBLE_EQ(series.bars[1].open, 504.05);
  EXPECT_DOUBLE_EQ(series.bars[1].high, 505.77);
  EXPECT_DOUBLE_EQ(series.bars[1].low, 498.31);
  EXPECT_DOUBLE_EQ(series.bars[1].close, 499.23);
  EXPECT_DOUBLE_EQ(series.bars[1].volume, 46907479);
  EXPECT_TRUE(std::isnan(series.bars[1].vwap));
  ASSERT_EQ(parsed.batch.events.size(), 2U);
  EXPECT_EQ(parsed.batch.events[0].kind, EventKind::dividend);
  EXPECT_DOUBLE_EQ(parsed.batch.events[0].value, 0.82);
  EXPECT_EQ(parsed.batch.events[1].kind, EventKind::split);
  EXPECT_DOUBLE_EQ(parsed.batch.events[1].value, 4.0);
  EXPECT_EQ(parsed.batch.events[1].date, day("2020-08-31"));
  EXPECT_EQ(parsed.batch.events[1].symbol.view(), "AAPL");
}

TEST(CsvFormats, YahooSkipsAllNullRowsAndIgnoresAdjClose) {
  const ParsedFile parsed = parse_ok("MSFT.csv.gz",
                                     "Date,Open,High,Low,Close,Adj Close,Volume\n"
                                     "2021-04-01,238.47,242.84,238.05,242.35,240.0,30338000\n"
                                     "2021-04-02,null,null,null,null,null,null\n"
                                     "2021-04-05,242.76,249.96,242.70,249.07,247.0,36910600\n");
  EXPECT_EQ(parsed.format, CsvFormat::yahoo);
  EXPECT_EQ(parsed.rows, 3);
  EXPECT_EQ(parsed.skipped, 1);
  ASSERT_EQ(parsed.batch.bars.at(0).bars.size(), 2U);
  EXPECT_EQ(parsed.batch.bars[0].symbol.view(), "MSFT");
  EXPECT_DOUBLE_EQ(parsed.batch.bars[0].bars[1].close, 249.07);
  EXPECT_TRUE(parsed.batch.events.empty());
}

TEST(CsvFormats, StooqDailyAndBulk) {
  const ParsedFile daily = parse_ok("jpm.us.txt",
                                    "Date,Open,High,Low,Close,Volume,Extra\n"
                                    "2021-04-20,150.1,151,149.5,150.5,1000,x\n");
  EXPECT_EQ(daily.format, CsvFormat::daily);
  EXPECT_EQ(daily.batch.bars.at(0).symbol.view(), "JPM.US");
  EXPECT_DOUBLE_EQ(daily.batch.bars[0].bars.at(0).open, 150.1);

  const ParsedFile bulk = parse_ok("bulk.txt",
                                   "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
                                   "AAPL.US,D,20200102,000000,74.06,75.15,73.8,75.09,135480400,0\n"
                                   "MSFT.US,D,20200102,000000,158.78,160.73,158.33,160.62,22622100,0\n"
                                   "AAPL.US,D,20200103,000000,74.29,75.14,74.13,74.36,146322800,0\n");
  EXPECT_EQ(bulk.format, CsvFormat::stooq_bulk);
  ASSERT_EQ(bulk.batch.bars.size(), 2U);
  EXPECT_EQ(bulk.batch.bars[0].symbol.view(), "AAPL");
  ASSERT_EQ(bulk.batch.bars[0].bars.size(), 2U);
  EXPECT_EQ(bulk.batch.bars[0].bars[1].ts, day("2020-01-03").key());
  EXPECT_EQ(bulk.batch.bars[1].symbol.view(), "MSFT");
  EXPECT_DOUBLE_EQ(bulk.batch.bars[1].bars.at(0).volume, 22622100);
}

TEST(CsvFormats, IntradayLabelsEndTheirMinute) {
  const ParsedFile parsed = parse_ok("AAPL.csv",
                                     "datetime,open,high,low,close,volume\n"
                                     "2019-02-11T09:31:00-05:00,171.14,171.2,170.7,170.97,619925\n"
                                     "2019-02-11T09:32:00-05:00,170.92,170.92,170.6755,170.7701,123138\n");
  EXPECT_EQ(parsed.format, CsvFormat::intraday);
  const store::BarSeries& series = parsed.batch.bars.at(0);
  EXPECT_EQ(series.timespan, Timespan::minutes(1));
  ASSERT_EQ(series.bars.size(), 2U);
  EXPECT_EQ(series.bars[0].ts, Timestamp::parse("2019-02-11T14:30:00Z").value());  // 09:30 New York
  EXPECT_EQ(series.bars[1].ts.millis() - series.bars[0].ts.millis(), 60'000);
}

TEST(CsvFormats, InstrumentsWithQuotedNamesAndOptionalColumns) {
  const ParsedFile parsed = parse_ok("instruments.csv",
                                     "symbol,name,sector,industry\n"
                                     "AAPL,Apple Inc.,Information Technology,\"Technology Hardware, Storage & Peripherals\"\n"
                                     "brk.b,\"Berkshire Hathaway\",Financials,Multi-Sector Holdings\n");
  EXPECT_EQ(parsed.format, CsvFormat::instruments);
  ASSERT_EQ(parsed.batch.instruments.size(), 2U);
  EXPECT_EQ(parsed.batch.instruments[0].industry, "Technology Hardware, Storage & Peripherals");
  EXPECT_EQ(parsed.batch.instruments[1].symbol.view(), "BRK.B");
  EXPECT_EQ(parsed.batch.instruments[1].currency, "USD");

  const ParsedFile full = parse_ok("listing.csv",
                                   "Symbol,Name,Sector,Industry,Exchange,Currency\n"
                                   "SAP,SAP SE,Information Technology,Application Software,XETRA,EUR\n");
  EXPECT_EQ(full.batch.instruments.at(0).exchange, "XETRA");
  EXPECT_EQ(full.batch.instruments.at(0).currency, "EUR");
}

TEST(CsvFormats, MacroSeriesInEveryHeaderStyle) {
  const ParsedFile plain = parse_ok("macro/CPIAUCSL.csv", "date,value\n1947-01-01,21.48\n1947-02-01,21.62\n");
  EXPECT_EQ(plain.format, CsvFormat::macro);
  ASSERT_EQ(plain.batch.macro.size(), 1U);
  EXPECT_EQ(plain.batch.macro[0].series, "CPIAUCSL");
  ASSERT_EQ(plain.batch.macro[0].points.size(), 2U);
  EXPECT_DOUBLE_EQ(plain.batch.macro[0].points[1].value, 21.62);

  const ParsedFile fred = parse_ok("DFF.csv", "DATE,DFF\n1954-07-01,1.13\n1954-07-02,.\n1954-07-03,1.25\n");
  EXPECT_EQ(fred.rows, 3);
  EXPECT_EQ(fred.skipped, 1);
  EXPECT_EQ(fred.batch.macro.at(0).points.size(), 2U);

  const ParsedFile quoted = parse_ok("FEDFUNDS.csv", "\"Date\",\"FEDFUNDS\"\n\"1954-07-01\",0.8\n");
  EXPECT_EQ(quoted.batch.macro.at(0).series, "FEDFUNDS");
  EXPECT_DOUBLE_EQ(quoted.batch.macro[0].points.at(0).value, 0.8);
}

TEST(CsvFormats, EventsDefaultToEarnings) {
  const ParsedFile earnings = parse_ok("earnings.csv", "symbol,date\nAAPL,2015-01-27\nAAPL,2015-04-27\nMSFT,2015-01-26\n");
  EXPECT_EQ(earnings.format, CsvFormat::events);
  ASSERT_EQ(earnings.batch.events.size(), 3U);
  EXPECT_EQ(earnings.batch.events[0].kind, EventKind::earnings);
  EXPECT_TRUE(std::isnan(earnings.batch.events[0].value));
  EXPECT_EQ(earnings.batch.events[2].symbol.view(), "MSFT");

  const ParsedFile kinds = parse_ok("events.csv",
                                    "symbol,date,kind,time_of_day,value\n"
                                    "AAPL,2020-07-30,earnings,AMC,\n"
                                    "AAPL,2020-08-07,dividend,,0.82\n"
                                    "AAPL,2020-08-31,split,,4\n");
  ASSERT_EQ(kinds.batch.events.size(), 3U);
  EXPECT_EQ(kinds.batch.events[0].time_of_day, "amc");
  EXPECT_EQ(kinds.batch.events[1].kind, EventKind::dividend);
  EXPECT_DOUBLE_EQ(kinds.batch.events[2].value, 4);
}

struct Malformed {
  const char* name;
  const char* file;
  std::string text;
  const char* message;  // the full message expected, or its beginning when it ends with "..."
};

std::string prices(std::string_view rows) { return std::string(price_header) + std::string(rows); }
constexpr const char* good_row = "2011-04-21,10,12,9,11,11,100,0.0,1.0\n";

class MalformedFiles : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedFiles, ErrorNamesFileLineAndColumn) {
  const Malformed& c = GetParam();
  auto parsed = parse_csv(c.file, c.text);
  ASSERT_FALSE(parsed.ok()) << c.name;
  const std::string expected = c.message;
  if (expected.ends_with("...")) {
    EXPECT_EQ(parsed.error().message.substr(0, expected.size() - 3), expected.substr(0, expected.size() - 3))
        << parsed.error().message;
  } else {
    EXPECT_EQ(parsed.error().message, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Ingest, MalformedFiles,
    ::testing::Values(
        Malformed{"empty", "AAPL.csv", "", "AAPL.csv:1:1: empty file: expected a header line"},
        Malformed{"blank", "AAPL.csv", "\n\n", "AAPL.csv:1:1: empty file: expected a header line"},
        Malformed{"bad_header", "x.csv", "foo,bar,baz\n1,2,3\n", "x.csv:1:1: unrecognised header 'foo,bar,baz'..."},
        Malformed{"duplicate_header", "AAPL.csv", "date,open,open\n", "AAPL.csv:1:11: duplicate column 'open'..."},
        Malformed{"missing_column", "AAPL.csv", "date,open,high,close,volume\n2011-04-21,1,2,1,5\n",
                  "AAPL.csv:1:1: missing column 'low' (daily format; header is 'date,open,high,close,volume')"},
        Malformed{"bad_date", "AAPL.csv", prices("2011-13-01,10,12,9,11,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:1: column 'date': invalid date '2011-13-01': no such day"},
        Malformed{"not_a_date", "AAPL.csv", prices("21/04/2011,10,12,9,11,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:1: column 'date': invalid date '21/04/2011': expected YYYY-MM-DD"},
        Malformed{"descending", "AAPL.csv", prices(std::string("2011-04-22,10,12,9,11,11,100,0.0,1.0\n") + good_row),
                  "AAPL.csv:3:1: date '2011-04-21' is not after the previous row's (rows must be ascending, one per "
                  "date)"},
        Malformed{"duplicate_date", "AAPL.csv", prices(std::string(good_row) + good_row),
                  "AAPL.csv:3:1: date '2011-04-21' is not after the previous row's..."},
        Malformed{"bad_number", "AAPL.csv", prices("2011-04-21,1O,12,9,11,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:12: column 'open': expected a number, got '1O'"},
        Malformed{"empty_number", "AAPL.csv", prices("2011-04-21,10,12,9,,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:20: column 'close': expected a number, got ''"},
        Malformed{"infinite", "AAPL.csv", prices("2011-04-21,10,inf,9,11,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:15: column 'high': 'inf' is not a finite number"},
        Malformed{"negative_price", "AAPL.csv", prices("2011-04-21,10,12,-9,11,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:18: column 'low': price must be > 0, got -9"},
        Malformed{"high_below_low", "AAPL.csv", prices("2011-04-21,10,8,9,9.5,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:15: column 'high': high 8 is below max(open, close) = 10"},
        Malformed{"low_above_open", "AAPL.csv", prices("2011-04-21,10,12,10.5,11,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:18: column 'low': low 10.5 is above min(open, close) = 10"},
        Malformed{"negative_volume", "AAPL.csv", prices("2011-04-21,10,12,9,11,11,-100,0.0,1.0\n"),
                  "AAPL.csv:2:26: column 'volume': volume must be >= 0, got -100"},
        Malformed{"zero_split", "AAPL.csv", prices("2011-04-21,10,12,9,11,11,100,0.0,0\n"),
                  "AAPL.csv:2:34: column 'split': must be > 0, got 0"},
        Malformed{"truncated", "AAPL.csv", prices(std::string(good_row) + "2011-04-22,10,12"),
                  "AAPL.csv:3:17: expected 9 fields as in the header, found 3 (truncated line?)"},
        Malformed{"extra_field", "AAPL.csv", prices("2011-04-21,10,12,9,11,11,100,0.0,1.0,7\n"),
                  "AAPL.csv:2:38: expected 9 fields as in the header, found 10"},
        Malformed{"unterminated_quote", "AAPL.csv", prices("2011-04-21,\"10,12,9,11,11,100,0.0,1.0\n"),
                  "AAPL.csv:2:12: unterminated quoted field"},
        Malformed{"bad_symbol_file", "bad symbol!.csv", prices(good_row),
                  "bad symbol!.csv:1:1: the file name must be the symbol: invalid symbol..."},
        Malformed{"yahoo_partial_null", "MSFT.csv",
                  "Date,Open,High,Low,Close,Adj Close,Volume\n2021-04-02,null,1,1,1,1,1\n",
                  "MSFT.csv:2:12: column 'open': expected a number, got 'null'"},
        Malformed{"intraday_bad_time", "AAPL.csv",
                  "datetime,open,high,low,close,volume\n2019-02-11T25:31:00-05:00,1,1,1,1,1\n",
                  "AAPL.csv:2:1: column 'datetime': invalid timestamp '2019-02-11T25:31:00-05:00': bad time of day"},
        Malformed{"intraday_duplicate", "AAPL.csv",
                  "datetime,open,high,low,close,volume\n2019-02-11T09:31:00-05:00,1,1,1,1,1\n"
                  "2019-02-11T14:31:00Z,1,1,1,1,1\n",
                  "AAPL.csv:3:1: datetime '2019-02-11T14:31:00Z' is not after the previous row's (rows must be "
                  "ascending, one per minute)"},
        Malformed{"stooq_bulk_period", "bulk.txt",
                  "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
                  "AAPL.US,5,20200102,093500,74.06,75.15,73.8,75.09,135480400,0\n",
                  "bulk.txt:2:9: column 'per': only daily data (D) is supported, got '5'"},
        Malformed{"stooq_bulk_date", "bulk.txt",
                  "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
                  "AAPL.US,D,2020012,000000,74.06,75.15,73.8,75.09,135480400,0\n",
                  "bulk.txt:2:11: column 'date': expected YYYYMMDD, got '2020012'"},
        Malformed{"macro_descending", "CPIAUCSL.csv", "date,value\n1947-02-01,21.62\n1947-01-01,21.48\n",
                  "CPIAUCSL.csv:3:1: column 'date': 1947-01-01 is not after the previous row's 1947-02-01 (dates must "
                  "be ascending and unique)"},
        Malformed{"macro_bad_value", "CPIAUCSL.csv", "date,value\n1947-02-01,n/a\n",
                  "CPIAUCSL.csv:2:12: column 'value': expected a number, got 'n/a'"},
        Malformed{"events_duplicate", "earnings.csv", "symbol,date\nAAPL,2015-01-27\nAAPL,2015-01-27\n",
                  "earnings.csv:3:6: column 'date': duplicate earnings event of AAPL on 2015-01-27"},
        Malformed{"events_descending", "earnings.csv", "symbol,date\nAAPL,2015-04-27\nAAPL,2015-01-27\n",
                  "earnings.csv:3:6: column 'date': 2015-01-27 of AAPL is before the previous row's 2015-04-27 (dates "
                  "must ascend per symbol)"},
        Malformed{"events_kind", "events.csv", "symbol,date,kind\nAAPL,2015-04-27,merger\n",
                  "events.csv:2:17: column 'kind': invalid event kind 'merger': expected earnings, dividend or split"},
        Malformed{"events_split_without_ratio", "events.csv", "symbol,date,kind\nAAPL,2020-08-31,split\n",
                  "events.csv:2:1: a split event needs a positive 'value' (amount or ratio)"},
        Malformed{"instruments_duplicate", "instruments.csv",
                  "symbol,name,sector,industry\nAAPL,Apple,IT,HW\naapl,Apple,IT,HW\n",
                  "instruments.csv:3:1: column 'symbol': duplicate symbol 'AAPL'"},
        Malformed{"instruments_bad_symbol", "instruments.csv", "symbol,name,sector,industry\nA A,Apple,IT,HW\n",
                  "instruments.csv:2:1: column 'symbol': invalid symbol 'A A'..."}),
    [](const ::testing::TestParamInfo<Malformed>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace streams::ingest
