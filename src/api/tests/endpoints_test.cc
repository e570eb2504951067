// Instruments, sectors, macro, health and the API's 404/405 answers.
#include "api/tests/api_test_util.h"

namespace streams::api::testing {
namespace {

class EndpointsTest : public ApiTest {};

TEST_F(EndpointsTest, InstrumentsListEveryField) {
  const Response response = get("/api/v1/instruments");
  ASSERT_EQ(response.status, 200);
  auto doc = json(response);
  EXPECT_EQ(doc["count"].get_int64().value(), 4);
  auto first = doc["instruments"].at(0).value();
  EXPECT_EQ(first["symbol"].get_string().value(), "AAPL");
  EXPECT_EQ(first["name"].get_string().value(), "Apple Inc.");
  EXPECT_EQ(first["sector"].get_string().value(), "Information Technology");
  EXPECT_EQ(first["industry"].get_string().value(), "Technology Hardware, Storage & Peripherals");
  EXPECT_EQ(first["exchange"].get_string().value(), "NASDAQ");
  EXPECT_EQ(first["currency"].get_string().value(), "USD");
}

TEST_F(EndpointsTest, InstrumentsFilterBySectorIndustryAndText) {
  auto symbols_of = [&](std::string_view target) {
    std::vector<std::string> out;
    for (auto row : json(get(target))["instruments"].get_array()) out.emplace_back(row["symbol"].get_string().value());
    return out;
  };
  EXPECT_EQ(symbols_of("/api/v1/instruments?sector=Information+Technology"), (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(symbols_of("/api/v1/instruments?industry=Diversified%20Banks"), (std::vector<std::string>{"JPM"}));
  EXPECT_EQ(symbols_of("/api/v1/instruments?q=exxon"), (std::vector<std::string>{"XOM"}));
  EXPECT_EQ(symbols_of("/api/v1/instruments?sector=Energy&q=apple"), (std::vector<std::string>{}));
  EXPECT_EQ(json(get("/api/v1/instruments?sector=Nope"))["count"].get_int64().value(), 0);
}

TEST_F(EndpointsTest, InstrumentsRejectUnknownAndOverlongParameters) {
  expect_error("/api/v1/instruments?sectors=Energy", 400, "unknown_parameter", "unknown parameter 'sectors'");
  expect_error("/api/v1/instruments?q=" + std::string(101, 'a'), 400, "limit_exceeded", "parameter 'q'");
  expect_error("/api/v1/instruments?q=a&q=b", 400, "invalid_parameter", "'q' is given more than once");
}

TEST_F(EndpointsTest, SectorsNestIndustriesWithCounts) {
  const Response response = get("/api/v1/sectors");
  ASSERT_EQ(response.status, 200);
  auto sectors = json(response)["sectors"].get_array().value();
  ASSERT_EQ(sectors.size(), 3u);
  auto it = sectors.at(2).value();
  EXPECT_EQ(it["sector"].get_string().value(), "Information Technology");
  EXPECT_EQ(it["count"].get_int64().value(), 2);
  auto industries = it["industries"].get_array().value();
  ASSERT_EQ(industries.size(), 2u);
  EXPECT_EQ(industries.at(0)["industry"].get_string().value(), "Systems Software");
  EXPECT_EQ(industries.at(0)["count"].get_int64().value(), 1);
  expect_error("/api/v1/sectors?x=1", 400, "unknown_parameter", "unknown parameter 'x'");
}

TEST_F(EndpointsTest, MacroListGivesCoverage) {
  const Response response = get("/api/v1/macro");
  ASSERT_EQ(response.status, 200);
  auto series = json(response)["series"].get_array().value();
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series.at(0)["series"].get_string().value(), "CPIAUCSL");
  EXPECT_EQ(series.at(0)["count"].get_int64().value(), 3);
  EXPECT_EQ(series.at(0)["from"].get_string().value(), "2020-01-01");
  EXPECT_EQ(series.at(0)["to"].get_string().value(), "2020-03-01");
}

TEST_F(EndpointsTest, MacroSeriesIsColumnarAndFiltered) {
  const Response response = get("/api/v1/macro/CPIAUCSL?from=2020-02-01");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  EXPECT_EQ(doc["series"].get_string().value(), "CPIAUCSL");
  EXPECT_EQ(strings(doc["t"]), (std::vector<std::string>{"2020-02-01", "2020-03-01"}));
  EXPECT_EQ(numbers(doc["value"]), (std::vector<double>{259.007, 258.165}));
}

TEST_F(EndpointsTest, MacroErrors) {
  expect_error("/api/v1/macro/NOPE", 404, "not_found", "unknown macro series 'NOPE'");
  expect_error("/api/v1/macro/cpi-x", 400, "invalid_parameter", "path parameter 'series'");
  expect_error("/api/v1/macro/CPIAUCSL?from=2020-03-01&to=2020-01-01", 400, "invalid_parameter", "parameter 'from'");
  expect_error("/api/v1/macro/CPIAUCSL?from=2020-1-1", 400, "invalid_parameter", "parameter 'from'");
  expect_error("/api/v1/macro/CPIAUCSL?limit=3", 400, "unknown_parameter", "unknown parameter 'limit'");
}

TEST_F(EndpointsTest, HealthzIsAlwaysOk) {
  store_.available = false;
  const Response response = get("/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"status":"ok"})");
}

TEST_F(EndpointsTest, ReadyzReportsComponents) {
  Response response = get("/readyz");
  EXPECT_EQ(response.status, 200);
  auto doc = json(response);
  EXPECT_EQ(doc["status"].get_string().value(), "ok");
  EXPECT_EQ(doc["components"]["store"]["status"].get_string().value(), "ok");
  EXPECT_EQ(doc["components"]["store"]["schema_version"].get_int64().value(), 3);
  EXPECT_EQ(doc["components"]["cache"]["status"].get_string().value(), "ok");

  store_.available = false;
  response = get("/readyz");
  EXPECT_EQ(response.status, 503);
  doc = json(response);
  EXPECT_EQ(doc["status"].get_string().value(), "unavailable");
  EXPECT_EQ(doc["components"]["store"]["status"].get_string().value(), "unavailable");
}

TEST_F(EndpointsTest, MetricsCountRequestsByRouteAndStatus) {
  const std::size_t bars = api_.metrics().route_index("/api/v1/bars");
  api_.record(bars, 200, std::chrono::microseconds(150));
  api_.record(bars, 400, std::chrono::microseconds(20));
  const Response response = get("/metrics");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type.rfind("text/plain", 0), 0u);
  EXPECT_NE(response.body.find("streams_http_requests_total{route=\"/api/v1/bars\",status=\"200\"} 1\n"),
            std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("streams_http_requests_total{route=\"/api/v1/bars\",status=\"400\"} 1\n"),
            std::string::npos);
  EXPECT_NE(response.body.find("streams_http_request_duration_seconds_count{route=\"/api/v1/bars\"} 2\n"),
            std::string::npos);
  EXPECT_NE(response.body.find("streams_cache_requests_total{result=\"hit\"}"), std::string::npos);
}

TEST_F(EndpointsTest, UnknownApiPathIsJson404) {
  expect_error("/api/v1/nothing", 404, "not_found", "'/api/v1/nothing'");
  expect_error("/api", 404, "not_found", "'/api'");
}

TEST_F(EndpointsTest, WrongMethodIs405WithAllow) {
  const Response response = get("/api/v1/bars?symbols=AAPL", "POST");
  EXPECT_EQ(response.status, 405);
  auto allow = std::find_if(response.headers.begin(), response.headers.end(),
                            [](const auto& header) { return header.first == "Allow"; });
  ASSERT_NE(allow, response.headers.end());
  EXPECT_EQ(allow->second, "GET, HEAD");
  EXPECT_EQ(json(response)["error"]["code"].get_string().value(), "method_not_allowed");
}

TEST_F(EndpointsTest, HandledReportsTheRouteForMetrics) {
  auto request = make_request("GET", "/api/v1/sectors");
  EXPECT_EQ(api_.handle(*request).route, api_.metrics().route_index("/api/v1/sectors"));
  request = make_request("GET", "/api/v9");
  EXPECT_EQ(api_.handle(*request).route, api_.unmatched_route());
}

}  // namespace
}  // namespace streams::api::testing
