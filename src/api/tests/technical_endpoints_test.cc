// GET /api/v1/calendar, /api/v1/events and /api/v1/indicators over the FakeStore: values and
// every validation error.
#include <set>

#include "api/tests/api_test_util.h"

namespace streams::api::testing {
namespace {

class TechnicalEndpointsTest : public ApiTest {};

// ---- calendar ------------------------------------------------------------------------------------

TEST_F(TechnicalEndpointsTest, CalendarListsHolidaysEarlyClosesAndSessions) {
  // Thanksgiving week 2020 (Thu 26 closed, Fri 27 closes at 13:00) and the Christmas days.
  const Response response = get("/api/v1/calendar?from=2020-11-23&to=2020-12-31");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  EXPECT_EQ(doc["exchange"].get_string().value(), "XNYS");
  EXPECT_EQ(doc["timezone"].get_string().value(), "America/New_York");
  EXPECT_EQ(strings(doc["holidays"]["t"]), (std::vector<std::string>{"2020-11-26", "2020-12-25"}));
  EXPECT_EQ(strings(doc["holidays"]["name"]), (std::vector<std::string>{"Thanksgiving Day", "Christmas Day"}));
  EXPECT_EQ(strings(doc["early_closes"]["t"]), (std::vector<std::string>{"2020-11-27", "2020-12-24"}));
  EXPECT_EQ(strings(doc["early_closes"]["close"]), (std::vector<std::string>{"13:00", "13:00"}));
  const auto names = strings(doc["early_closes"]["name"]);
  ASSERT_EQ(names.size(), 2U);
  EXPECT_NE(names[0].find("Thanksgiving"), std::string::npos);
  EXPECT_NE(names[1].find("Christmas Eve"), std::string::npos);
  // 29 weekdays from Nov 23 to Dec 31, minus the two holidays.
  const auto sessions = strings(doc["sessions"]["t"]);
  ASSERT_EQ(sessions.size(), 27U);
  EXPECT_EQ(sessions.front(), "2020-11-23");
  EXPECT_EQ(sessions.back(), "2020-12-31");
  const auto opens = strings(doc["sessions"]["open"]);
  const auto closes = strings(doc["sessions"]["close"]);
  EXPECT_EQ(opens.front(), "2020-11-23T09:30:00-05:00");
  EXPECT_EQ(closes.front(), "2020-11-23T16:00:00-05:00");
  EXPECT_EQ(closes[3], "2020-11-27T13:00:00-05:00");  // Mon..Wed, (Thu closed), Fri
  EXPECT_EQ(sessions[3], "2020-11-27");
}

TEST_F(TechnicalEndpointsTest, CalendarSessionsCarryTheSummerOffset) {
  const Response response = get("/api/v1/calendar?from=2020-07-02&to=2020-07-06");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  // July 4 2020 is a Saturday: observed Friday July 3; no early close on the 2nd (not a 3rd).
  EXPECT_EQ(strings(doc["holidays"]["t"]), (std::vector<std::string>{"2020-07-03"}));
  EXPECT_EQ(strings(doc["holidays"]["name"]), (std::vector<std::string>{"Independence Day"}));
  EXPECT_EQ(strings(doc["sessions"]["t"]), (std::vector<std::string>{"2020-07-02", "2020-07-06"}));
  EXPECT_EQ(strings(doc["sessions"]["open"])[0], "2020-07-02T09:30:00-04:00");
}

TEST_F(TechnicalEndpointsTest, CalendarWithoutSessionsAndDefaults) {
  auto doc = json(get("/api/v1/calendar?from=2012-10-29&to=2012-10-30&sessions=false"));
  EXPECT_EQ(doc["sessions"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(strings(doc["holidays"]["name"]), (std::vector<std::string>{"Hurricane Sandy", "Hurricane Sandy"}));
  auto all = json(get("/api/v1/calendar?sessions=false"));
  EXPECT_EQ(all["from"].get_string().value(), "1990-01-01");
  EXPECT_EQ(all["to"].get_string().value(), "2035-12-31");
  EXPECT_GT(strings(all["holidays"]["t"]).size(), 400U);
}

TEST_F(TechnicalEndpointsTest, CalendarErrors) {
  expect_error("/api/v1/calendar?from=1989-12-31", 400, "invalid_parameter", "parameter 'from': 1989-12-31 is outside");
  expect_error("/api/v1/calendar?to=2036-01-01", 400, "invalid_parameter", "parameter 'to'");
  expect_error("/api/v1/calendar?from=2020-02-30", 400, "invalid_parameter", "parameter 'from'");
  expect_error("/api/v1/calendar?from=2020-03-01&to=2020-02-01", 400, "invalid_parameter", "parameter 'from'");
  expect_error("/api/v1/calendar?sessions=yes", 400, "invalid_parameter", "parameter 'sessions'");
  expect_error("/api/v1/calendar?sessions=true&sessions=false", 400, "invalid_parameter", "more than once");
  expect_error("/api/v1/calendar?symbol=AAPL", 400, "unknown_parameter", "unknown parameter 'symbol'");
}

// ---- events --------------------------------------------------------------------------------------

TEST_F(TechnicalEndpointsTest, EventsAreColumnarPerSymbolInDateOrder) {
  const Response response = get("/api/v1/events?symbols=AAPL,MSFT");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  auto series = doc["series"].get_array().value();
  ASSERT_EQ(series.size(), 2U);
  auto aapl = series.at(0);
  EXPECT_EQ(aapl["symbol"].get_string().value(), "AAPL");
  EXPECT_EQ(strings(aapl["t"]), (std::vector<std::string>{"2020-08-07", "2020-08-31", "2020-10-30", "2020-11-06"}));
  EXPECT_EQ(strings(aapl["kind"]), (std::vector<std::string>{"dividend", "split", "earnings", "dividend"}));
  auto values = aapl["value"].get_array().value();
  EXPECT_EQ(values.at(0).get_double().value(), 0.82);
  EXPECT_EQ(values.at(1).get_double().value(), 4.0);
  EXPECT_TRUE(values.at(2).is_null());
  EXPECT_TRUE(aapl["time_of_day"].get_array().value().at(0).is_null());
  EXPECT_EQ(series.at(1)["symbol"].get_string().value(), "MSFT");
  EXPECT_TRUE(strings(series.at(1)["t"]).empty());
}

TEST_F(TechnicalEndpointsTest, EventsFilterByKindAndDates) {
  auto doc = json(get("/api/v1/events?symbols=AAPL&kind=dividend,split&from=2020-08-10"));
  auto aapl = doc["series"].get_array().value().at(0);
  EXPECT_EQ(strings(aapl["t"]), (std::vector<std::string>{"2020-08-31", "2020-11-06"}));
  EXPECT_EQ(strings(aapl["kind"]), (std::vector<std::string>{"split", "dividend"}));
  auto earnings = json(get("/api/v1/events?symbols=AAPL&kind=earnings&to=2020-10-30"));
  EXPECT_EQ(strings(earnings["series"].get_array().value().at(0)["t"]), (std::vector<std::string>{"2020-10-30"}));
}

TEST_F(TechnicalEndpointsTest, EventsErrors) {
  expect_error("/api/v1/events", 400, "missing_parameter", "parameter 'symbols' is required");
  expect_error("/api/v1/events?symbols=AAPL&kind=ipo", 400, "invalid_parameter", "parameter 'kind': 'ipo'");
  expect_error("/api/v1/events?symbols=AAPL&kind=earnings,", 400, "invalid_parameter", "parameter 'kind'");
  expect_error("/api/v1/events?symbols=AAPL&from=2020-13-01", 400, "invalid_parameter", "parameter 'from'");
  expect_error("/api/v1/events?symbols=AAPL&adjust=all", 400, "unknown_parameter", "unknown parameter 'adjust'");
  expect_error("/api/v1/events?symbols=NOPE", 404, "not_found", "unknown symbol 'NOPE'");
  expect_error("/api/v1/events?symbols=a%20b", 400, "invalid_parameter", "parameter 'symbols'");
}

// ---- indicators ----------------------------------------------------------------------------------

TEST_F(TechnicalEndpointsTest, IndicatorsListTheRegistryWithFormMetadata) {
  const Response response = get("/api/v1/indicators");
  ASSERT_EQ(response.status, 200);
  auto doc = json(response);
  auto list = doc["indicators"].get_array().value();
  EXPECT_EQ(static_cast<std::size_t>(doc["count"].get_int64().value()), list.size());
  std::set<std::string> names;
  bool saw_bbands = false;
  bool saw_rsi = false;
  bool saw_sr = false;
  bool saw_pivots = false;
  for (auto item : list) {
    const std::string name(item["name"].get_string().value());
    EXPECT_TRUE(names.insert(name).second) << "listed twice: " << name;
    if (name == "bbands") {
      saw_bbands = true;
      EXPECT_EQ(item["group"].get_string().value(), "Overlap Studies");
      EXPECT_EQ(item["source"].get_string().value(), "talib");
      EXPECT_TRUE(item["overlay"].get_bool().value());
      auto params = item["params"].get_array().value();
      ASSERT_EQ(params.size(), 4U);
      EXPECT_EQ(params.at(0)["name"].get_string().value(), "timeperiod");
      EXPECT_EQ(params.at(0)["type"].get_string().value(), "int");
      EXPECT_EQ(params.at(0)["default"].get_double().value(), 5);
      EXPECT_EQ(params.at(0)["min"].get_double().value(), 2);
      EXPECT_EQ(params.at(0)["max"].get_double().value(), 100000);
      EXPECT_EQ(params.at(3)["type"].get_string().value(), "matype");
      auto outputs = item["outputs"].get_array().value();
      ASSERT_EQ(outputs.size(), 3U);
      EXPECT_EQ(outputs.at(0)["name"].get_string().value(), "upperband");
    } else if (name == "rsi") {
      saw_rsi = true;
      EXPECT_EQ(item["group"].get_string().value(), "Momentum Indicators");
      EXPECT_FALSE(item["overlay"].get_bool().value());
      EXPECT_EQ(item["params"].get_array().value().at(0)["default"].get_double().value(), 14);
    } else if (name == "support_resistance") {
      saw_sr = true;
      EXPECT_EQ(item["source"].get_string().value(), "op");
      EXPECT_EQ(item["group"].get_string().value(), "Support/Resistance");
      EXPECT_TRUE(item["overlay"].get_bool().value());
      auto p = item["params"].get_array().value().at(0);
      EXPECT_EQ(p["default"].get_double().value(), 5);
      EXPECT_EQ(p["min"].get_double().value(), 1);
      EXPECT_EQ(p["max"].get_double().value(), 100000);
    } else if (name == "pivots") {
      saw_pivots = true;
      auto p = item["params"].get_array().value().at(0);
      EXPECT_EQ(p["type"].get_string().value(), "choice");
      EXPECT_EQ(p["default"].get_string().value(), "month");
      EXPECT_EQ(strings(p["choices"]), (std::vector<std::string>{"day", "week", "month", "quarter", "year"}));
      EXPECT_TRUE(p["min"].is_null());
    } else if (name == "macd") {
      auto outputs = item["outputs"].get_array().value();
      EXPECT_EQ(outputs.at(2)["kind"].get_string().value(), "histogram");
    } else if (name == "acf") {
      EXPECT_FALSE(item["overlay"].get_bool().value());
      EXPECT_EQ(item["params"].get_array().value().at(0)["default"].get_double().value(), 40);
    }
  }
  EXPECT_TRUE(saw_bbands && saw_rsi && saw_sr && saw_pivots);
  EXPECT_GE(names.size(), 161U + 2U);
  expect_error("/api/v1/indicators?group=x", 400, "unknown_parameter", "unknown parameter 'group'");
}

TEST_F(TechnicalEndpointsTest, AnalyzeRunsTheLevelOps) {
  const Response response = get("/api/v1/analyze?symbols=MSFT&op=support_resistance(timeperiod=2)");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  auto sr = doc["support_resistance(timeperiod=2)"];
  auto support = sr["support"].get_array().value();
  ASSERT_EQ(support.size(), 2U);
  EXPECT_TRUE(support.at(0).is_null());
  EXPECT_EQ(support.at(1).get_double().value(), 224.31);
  EXPECT_EQ(sr["resistance"].get_array().value().at(1).get_double().value(), 230.64);
}

}  // namespace
}  // namespace streams::api::testing
