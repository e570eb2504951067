// GET /api/v1/bars: validation (status, code, message naming the parameter), shapes, adjustment
// wiring and the response cache.
#include "api/tests/api_test_util.h"

namespace streams::api::testing {
namespace {

class BarsTest : public ApiTest {};

TEST_F(BarsTest, AsTradedAroundTheAppleSplit) {
  const Response response = get("/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=none");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  auto doc = json(response);
  EXPECT_EQ(doc["timespan"].get_string().value(), "day");
  EXPECT_EQ(doc["adjust"].get_string().value(), "none");
  auto series = doc["series"].get_array().value();
  ASSERT_EQ(series.size(), 1u);
  auto aapl = series.at(0).value();
  EXPECT_EQ(aapl["symbol"].get_string().value(), "AAPL");
  EXPECT_EQ(strings(aapl["t"]), (std::vector<std::string>{"2020-08-27", "2020-08-28", "2020-08-31", "2020-09-01"}));
  EXPECT_EQ(numbers(aapl["close"]), (std::vector<double>{500.04, 499.23, 129.04, 134.18}));
  EXPECT_EQ(numbers(aapl["open"]), (std::vector<double>{508.57, 504.05, 127.58, 132.76}));
  EXPECT_EQ(numbers(aapl["high"]), (std::vector<double>{509.94, 505.77, 131.0, 134.8}));
  EXPECT_EQ(numbers(aapl["low"]), (std::vector<double>{495.33, 498.31, 126.0, 130.53}));
  EXPECT_EQ(numbers(aapl["volume"]), (std::vector<double>{38888096, 46907479, 223505733, 152470142}));
}

TEST_F(BarsTest, SplitAdjustedIsTheDefault) {
  for (const char* target : {"/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=splits",
                             "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01"}) {
    const Response response = get(target);
    ASSERT_EQ(response.status, 200) << response.body;
    auto doc = json(response);
    EXPECT_EQ(doc["adjust"].get_string().value(), "splits");
    auto aapl = doc["series"].at(0).value();
    const std::vector<double> close = numbers(aapl["close"]);
    ASSERT_EQ(close.size(), 4u);
    EXPECT_DOUBLE_EQ(close[0], 500.04 / 4);
    EXPECT_DOUBLE_EQ(close[1], 499.23 / 4);
    EXPECT_DOUBLE_EQ(close[2], 129.04);  // on and after the ex-date: as traded
    EXPECT_DOUBLE_EQ(close[3], 134.18);
    const std::vector<double> volume = numbers(aapl["volume"]);
    EXPECT_DOUBLE_EQ(volume[0], 38888096.0 * 4);
    EXPECT_DOUBLE_EQ(volume[1], 46907479.0 * 4);
    EXPECT_DOUBLE_EQ(volume[2], 223505733.0);
    EXPECT_DOUBLE_EQ(numbers(aapl["open"])[1], 504.05 / 4);
  }
}

TEST_F(BarsTest, SplitAfterTheRangeStillAdjustsIt) {
  const Response response = get("/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-08-28");
  ASSERT_EQ(response.status, 200) << response.body;
  auto close = numbers(json(response)["series"].at(0)["close"]);
  ASSERT_EQ(close.size(), 2u);
  EXPECT_DOUBLE_EQ(close[1], 499.23 / 4);
}

TEST_F(BarsTest, AllAlsoAdjustsForDividendsWhateverTheRangeEnd) {
  // The 2020-11-06 dividend is after `to`: its ex-date close (118.69) is read anyway.
  const double factor = 118.69 / (118.69 + 0.205);
  const Response short_range = get("/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=all");
  ASSERT_EQ(short_range.status, 200) << short_range.body;
  auto doc = json(short_range);
  EXPECT_EQ(doc["adjust"].get_string().value(), "all");
  const std::vector<double> close = numbers(doc["series"].at(0)["close"]);
  ASSERT_EQ(close.size(), 4u);
  EXPECT_DOUBLE_EQ(close[0], 500.04 / 4 * factor);
  EXPECT_DOUBLE_EQ(close[3], 134.18 * factor);
  // Volumes follow splits only.
  EXPECT_DOUBLE_EQ(numbers(doc["series"].at(0)["volume"])[0], 38888096.0 * 4);

  const Response long_range = get("/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-11-06&adjust=all");
  const std::vector<double> long_close = numbers(json(long_range)["series"].at(0)["close"]);
  ASSERT_EQ(long_close.size(), 5u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(long_close[i], close[i]) << i;
  EXPECT_DOUBLE_EQ(long_close[4], 118.69);
}

TEST_F(BarsTest, SeriesFollowRequestOrderWithoutDuplicates) {
  const Response response = get("/api/v1/bars?symbols=msft,AAPL,MSFT&from=2020-08-28&to=2020-08-31&adjust=none");
  ASSERT_EQ(response.status, 200) << response.body;
  auto series = json(response)["series"].get_array().value();
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series.at(0)["symbol"].get_string().value(), "MSFT");
  EXPECT_EQ(series.at(1)["symbol"].get_string().value(), "AAPL");
  EXPECT_EQ(numbers(series.at(0)["close"]), (std::vector<double>{228.91, 225.53}));
}

TEST_F(BarsTest, KnownSymbolWithoutBarsInRangeIsAnEmptySeries) {
  const Response response = get("/api/v1/bars?symbols=XOM&from=2020-01-01&to=2020-12-31");
  ASSERT_EQ(response.status, 200) << response.body;
  auto xom = json(response)["series"].at(0).value();
  EXPECT_EQ(xom["t"].get_array().size(), 0u);
  EXPECT_EQ(xom["close"].get_array().size(), 0u);
}

TEST_F(BarsTest, IntradayBarsCarryUtcTimestamps) {
  const Response response = get("/api/v1/bars?symbols=JPM&timespan=minute&from=2019-02-11&to=2019-02-11");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  EXPECT_EQ(doc["timespan"].get_string().value(), "minute");
  EXPECT_EQ(strings(doc["series"].at(0)["t"]), (std::vector<std::string>{"2019-02-11T14:31:00Z"}));
  EXPECT_EQ(numbers(doc["series"].at(0)["close"]), (std::vector<double>{107.1}));
  // The next New York day holds none of it.
  const Response next = get("/api/v1/bars?symbols=JPM&timespan=minute&from=2019-02-12&to=2019-02-12");
  EXPECT_EQ(json(next)["series"].at(0)["t"].get_array().size(), 0u);
}

TEST_F(BarsTest, ValidationErrorsNameTheParameter) {
  expect_error("/api/v1/bars", 400, "missing_parameter", "'symbols'");
  expect_error("/api/v1/bars?symbols=", 400, "missing_parameter", "'symbols'");
  expect_error("/api/v1/bars?symbols=AA$PL", 400, "invalid_parameter", "'symbols'");
  expect_error("/api/v1/bars?symbols=AAPL,,MSFT", 400, "invalid_parameter", "symbol 2 is empty");
  expect_error("/api/v1/bars?symbols=AAPL,", 400, "invalid_parameter", "'symbols'");
  expect_error("/api/v1/bars?symbols=ABCDEFGHIJKLMNOPQ", 400, "invalid_parameter", "'symbols'");
  expect_error("/api/v1/bars?symbols=AAPL&from=2020-13-01", 400, "invalid_parameter", "parameter 'from'");
  expect_error("/api/v1/bars?symbols=AAPL&to=yesterday", 400, "invalid_parameter", "parameter 'to'");
  expect_error("/api/v1/bars?symbols=AAPL&from=2020-02-30", 400, "invalid_parameter", "parameter 'from'");
  expect_error("/api/v1/bars?symbols=AAPL&from=2020-09-01&to=2020-08-01", 400, "invalid_parameter",
               "parameter 'from' (2020-09-01) is after parameter 'to' (2020-08-01)");
  expect_error("/api/v1/bars?symbols=AAPL&timespan=hour", 400, "invalid_parameter", "parameter 'timespan'");
  expect_error("/api/v1/bars?symbols=AAPL&adjust=dividends", 400, "invalid_parameter", "parameter 'adjust'");
  expect_error("/api/v1/bars?symbols=AAPL&x=1", 400, "unknown_parameter", "unknown parameter 'x'");
  expect_error("/api/v1/bars?symbols=AAPL&symbol=AAPL", 400, "unknown_parameter", "unknown parameter 'symbol'");
  expect_error("/api/v1/bars?symbols=AAPL&from=2020-01-01&from=2020-02-01", 400, "invalid_parameter",
               "'from' is given more than once");
  expect_error("/api/v1/bars?symbols=AAPL&timespan=minute&from=2019-01-01&to=2019-03-01", 400, "limit_exceeded",
               "31 days");
}

TEST_F(BarsTest, AtMostTwentySymbols) {
  std::string twenty = "/api/v1/bars?symbols=";
  for (int i = 0; i < 20; ++i) twenty += "S" + std::to_string(i) + (i < 19 ? "," : "");
  // 20 unknown symbols pass validation and fail on the first unknown one.
  expect_error(twenty, 404, "not_found", "'S0'");
  expect_error(twenty + ",S20", 400, "limit_exceeded", "at most 20 symbols");
  // Duplicates do not count.
  expect_error(twenty + ",S0,S1", 404, "not_found", "'S0'");
}

TEST_F(BarsTest, UnknownSymbolIsNotFoundAndNamed) {
  expect_error("/api/v1/bars?symbols=AAPL,NOPE", 404, "not_found", "unknown symbol 'NOPE'");
}

TEST_F(BarsTest, StoreFailureIsUnavailable) {
  store_.available = false;
  expect_error("/api/v1/bars?symbols=AAPL", 503, "unavailable", "store");
}

TEST_F(BarsTest, RepeatedQueriesAreServedFromTheCache) {
  const std::string target = "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01";
  const Response first = get(target);
  const int queries = store_.bar_queries.load();
  const Response second = get(target);
  EXPECT_EQ(store_.bar_queries.load(), queries);
  EXPECT_EQ(first.body, second.body);
  EXPECT_EQ(cache_.stats().hits, 1u);
  // The normalised query is the key: same symbols in another case hit too.
  (void)get("/api/v1/bars?symbols=aapl&from=2020-08-27&to=2020-09-01&adjust=splits");
  EXPECT_EQ(store_.bar_queries.load(), queries);
}

TEST_F(BarsTest, AWriteToTheSymbolInvalidatesItsCachedBars) {
  const std::string target = "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=none";
  (void)get(target);
  store_.daily["AAPL"][1].close = 500.0;
  // Another symbol's version moving does not matter…
  versions_.bump_symbol(sym("MSFT"));
  EXPECT_EQ(numbers(json(get(target))["series"].at(0)["close"])[1], 499.23);
  // …this one's does.
  versions_.bump_symbol(sym("AAPL"));
  EXPECT_EQ(numbers(json(get(target))["series"].at(0)["close"])[1], 500.0);
}

TEST_F(BarsTest, ErrorsAreNotCached) {
  (void)get("/api/v1/bars?symbols=NOPE");
  EXPECT_EQ(cache_.stats().entries, 0u);
}

TEST(BarsNoCacheTest, WorksWithoutACache) {
  FakeStore store;
  fill_demo(store);
  Api api(store, nullptr, nullptr);
  auto request = make_request("GET", "/api/v1/bars?symbols=MSFT&adjust=none");
  const Response response = api.handle(*request).response;
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("\"close\":[228.91,225.53]"), std::string::npos) << response.body;
}

}  // namespace
}  // namespace streams::api::testing
