#include "sources/polygon/polygon.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "sources/errc.h"

namespace streams::sources::polygon {
namespace {

std::string sample(const std::string& name) {
  std::ifstream in(std::string(STREAMS_SOURCE_DIR) + "/tests/fakes/data/polygon/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(PolygonParseTest, AggregatesPageWithNextUrl) {
  auto page = parse_aggs(sample("spec_v2_aggs_ticker_AAPL_range_1_day_2020-01-02_2020-01-10_limit_2_sort_asc.json"),
                         Timespan::daily());
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->bars.size(), 2u);
  EXPECT_EQ(page->next_url,
            "https://api.massive.com/v2/aggs/ticker/AAPL/range/1/day/1578114000000/2020-01-10?cursor=bGltaXQ9MiZzb3J0PWFzYw");
  const Bar& b = page->bars[0];
  EXPECT_EQ(Date::from_key(b.ts).iso(), "2020-01-02");  // 05:00 UTC = New York midnight → the session date
  EXPECT_EQ(b.ts, Date::from_ymd(2020, 1, 2).key());
  EXPECT_DOUBLE_EQ(b.open, 74.06);
  EXPECT_DOUBLE_EQ(b.high, 75.15);
  EXPECT_DOUBLE_EQ(b.low, 73.7975);
  EXPECT_DOUBLE_EQ(b.close, 75.0875);
  EXPECT_DOUBLE_EQ(b.volume, 135647456);
  EXPECT_DOUBLE_EQ(b.vwap, 74.6099);
  EXPECT_EQ(b.trades, 1);
  EXPECT_EQ(Date::from_key(page->bars[1].ts).iso(), "2020-01-03");
}

TEST(PolygonParseTest, MinuteBarsKeepTheirInstant) {
  auto page = parse_aggs(R"({"results":[{"t":1549895460000,"o":1,"h":2,"l":0.5,"c":1.5,"v":10}],"status":"OK"})",
                         Timespan::minutes(1));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->bars[0].ts.millis(), 1549895460000);
  EXPECT_TRUE(std::isnan(page->bars[0].vwap));
  EXPECT_TRUE(page->next_url.empty());
}

TEST(PolygonParseTest, NoResultsIsAnEmptyPage) {
  auto page = parse_aggs(R"({"ticker":"AAPL","queryCount":0,"resultsCount":0,"status":"OK"})", Timespan::daily());
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->bars.empty());
}

TEST(PolygonParseTest, MalformedAggregatesNameTheProblem) {
  struct Case {
    const char* body;
    const char* expect;
  };
  for (const Case& c : {Case{"", "empty body"}, Case{"{\"results\":[{\"t\":1,", "not valid JSON"},
                        Case{"[]", "not a JSON object"}, Case{"{\"results\":{}}", "not an array"},
                        Case{"{\"results\":[1]}", "not an object"},
                        Case{"{\"results\":[{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1}]}", "field 't'"},
                        Case{"{\"results\":[{\"t\":\"x\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1}]}", "field 't'"},
                        Case{"{\"results\":[{\"t\":1,\"o\":\"1\",\"h\":1,\"l\":1,\"c\":1,\"v\":1}]}", "field 'o'"},
                        Case{"{\"results\":[{\"t\":1,\"o\":1,\"h\":1,\"l\":1,\"c\":1}]}", "field 'v'"},
                        Case{"{\"status\":\"ERROR\",\"error\":\"bad ticker\"}", "bad ticker"}}) {
    auto page = parse_aggs(c.body, Timespan::daily());
    ASSERT_FALSE(page) << c.body;
    EXPECT_NE(page.error().message.find(c.expect), std::string::npos) << c.body << " → " << page.error().message;
  }
}

TEST(PolygonParseTest, TickerDetails) {
  auto instrument = parse_ticker_details(sample("v3_reference_tickers_AAPL.json"));
  ASSERT_TRUE(instrument) << instrument.error().message;
  EXPECT_EQ(instrument->symbol.str(), "AAPL");
  EXPECT_EQ(instrument->name, "Apple Inc.");
  EXPECT_EQ(instrument->industry, "ELECTRONIC COMPUTERS");
  EXPECT_EQ(instrument->exchange, "XNAS");
  EXPECT_EQ(instrument->currency, "USD");
  EXPECT_TRUE(instrument->active);
  EXPECT_FALSE(parse_ticker_details("{\"results\":[]}"));
  EXPECT_FALSE(parse_ticker_details("{\"results\":{\"name\":\"x\"}}"));
  EXPECT_FALSE(parse_ticker_details("{\"results\":{\"ticker\":\"not a symbol!\"}}"));
  EXPECT_FALSE(parse_ticker_details("nope"));
}

TEST(PolygonParseTest, SplitsAndDividends) {
  auto splits = parse_splits(sample("v3_reference_splits.json"));
  ASSERT_TRUE(splits) << splits.error().message;
  ASSERT_FALSE(splits->events.empty());
  EXPECT_EQ(splits->events[0].symbol.str(), "GOOGL");
  EXPECT_EQ(splits->events[0].date.iso(), "2022-07-18");
  EXPECT_EQ(splits->events[0].kind, EventKind::split);
  EXPECT_DOUBLE_EQ(splits->events[0].value, 20.0);
  auto dividends = parse_dividends(sample("v3_reference_dividends.json"));
  ASSERT_TRUE(dividends) << dividends.error().message;
  EXPECT_EQ(dividends->events[0].symbol.str(), "CSSEN");
  EXPECT_EQ(dividends->events[0].date.iso(), "2025-06-12");
  EXPECT_DOUBLE_EQ(dividends->events[0].value, 0.59375);
  EXPECT_EQ(dividends->events[0].kind, EventKind::dividend);

  EXPECT_FALSE(parse_splits(R"({"results":[{"ticker":"A","execution_date":"2020-01-01","split_from":0,"split_to":2}]})"));
  EXPECT_FALSE(parse_splits(R"({"results":[{"ticker":"A","execution_date":"2020-13-01","split_from":1,"split_to":2}]})"));
  EXPECT_FALSE(parse_splits(R"({"results":[{"execution_date":"2020-01-01","split_from":1,"split_to":2}]})"));
  EXPECT_FALSE(parse_dividends(R"({"results":[{"ticker":"A","ex_dividend_date":"2020-01-01"}]})"));
  EXPECT_FALSE(parse_dividends(R"({"results":[{"ticker":"A","ex_dividend_date":"2020-01-01","cash_amount":-1}]})"));
  EXPECT_FALSE(parse_dividends(R"({"results":"x"})"));
}

TEST(PolygonParseTest, UpcomingHolidays) {
  auto holidays = parse_upcoming_holidays(sample("v1_marketstatus_upcoming.json"));
  ASSERT_TRUE(holidays) << holidays.error().message;
  ASSERT_GE(holidays->size(), 3u);
  EXPECT_EQ((*holidays)[0].date.iso(), "2022-05-30");
  EXPECT_EQ((*holidays)[0].exchange, "NYSE");
  EXPECT_EQ((*holidays)[0].name, "Memorial Day");
  EXPECT_EQ((*holidays)[0].status, "closed");
  EXPECT_FALSE(parse_upcoming_holidays("{}"));
  EXPECT_FALSE(parse_upcoming_holidays(R"([{"name":"x"}])"));
  EXPECT_FALSE(parse_upcoming_holidays(R"([{"date":"2022-02-30"}])"));
}

}  // namespace
}  // namespace streams::sources::polygon
