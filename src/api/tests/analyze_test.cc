// GET /api/v1/analyze with each=true (single-series ops per symbol, with dates) and
// GET /api/v1/wavelets (the choosers' lists).
#include <algorithm>
#include <cmath>

#include "api/tests/api_test_util.h"

namespace streams::api::testing {
namespace {

class AnalyzeTest : public ApiTest {
 protected:
  // Numbers with null as NaN.
  static std::vector<double> numbers(simdjson::dom::element array) {
    std::vector<double> out;
    for (auto v : array.get_array()) out.push_back(v.is_null() ? std::nan("") : v.get_double().value());
    return out;
  }
};

TEST_F(AnalyzeTest, EachRunsSingleSeriesOpsPerSymbolWithDates) {
  const Response response =
      get("/api/v1/analyze?symbols=AAPL,MSFT&from=2020-08-27&to=2020-09-01&adjust=none&each=true"
          "&op=returns(kind=simple)&op=corr&op=rolling_corr(window=2,of=levels)");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  EXPECT_EQ(strings(doc["dates"]["AAPL"]), (std::vector<std::string>{"2020-08-27", "2020-08-28", "2020-08-31", "2020-09-01"}));
  EXPECT_EQ(strings(doc["dates"]["MSFT"]), (std::vector<std::string>{"2020-08-28", "2020-08-31"}));
  const std::vector<double> aapl = numbers(doc["returns(kind=simple)"]["AAPL"]["real"]);
  ASSERT_EQ(aapl.size(), 4u);
  EXPECT_TRUE(std::isnan(aapl[0]));
  EXPECT_DOUBLE_EQ(aapl[1], 499.23 / 500.04 - 1);
  EXPECT_DOUBLE_EQ(aapl[3], 134.18 / 129.04 - 1);
  const std::vector<double> msft = numbers(doc["returns(kind=simple)"]["MSFT"]["real"]);
  ASSERT_EQ(msft.size(), 2u);
  EXPECT_DOUBLE_EQ(msft[1], 225.53 / 228.91 - 1);
  // corr and rolling_corr read every symbol once, as without each.
  EXPECT_EQ(strings(doc["corr"]["symbols"]), (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(strings(doc["rolling_corr(window=2,of=levels)"]["dates"]), (std::vector<std::string>{"2020-08-28", "2020-08-31"}));
  const std::vector<double> rolling = numbers(doc["rolling_corr(window=2,of=levels)"]["real"]);
  ASSERT_EQ(rolling.size(), 2u);
  EXPECT_DOUBLE_EQ(rolling[1], 1.0);  // both fell: two points correlate perfectly
}

TEST_F(AnalyzeTest, WithoutEachTheFirstSymbolIsRead) {
  const Response response = get("/api/v1/analyze?symbols=MSFT,AAPL&adjust=none&op=returns");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  EXPECT_EQ(numbers(doc["returns"]["real"]).size(), 2u);
  EXPECT_EQ(get("/api/v1/analyze?symbols=MSFT,AAPL&adjust=none&op=returns&each=false").body, response.body);
}

TEST_F(AnalyzeTest, EachErrorsNameTheParameterAndSymbol) {
  expect_error("/api/v1/analyze?symbols=AAPL&op=returns&each=yes", 400, "invalid_parameter", "parameter 'each'");
  expect_error("/api/v1/analyze?symbols=AAPL&op=returns&each=true&each=false", 400, "invalid_parameter", "'each'");
  // MSFT has two bars: acf's pacf needs more; the message names the symbol that failed.
  expect_error("/api/v1/analyze?symbols=AAPL,MSFT&op=pacf(nlags=1)&each=true", 400, "invalid_parameter", "on MSFT");
  expect_error("/api/v1/analyze?symbols=AAPL&op=rolling_corr&each=true", 400, "invalid_parameter", "rolling_corr");
}

TEST_F(AnalyzeTest, LogReturnsInputStartsAtTheSecondBar) {
  const Response response = get(
      "/api/v1/analyze?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=none&each=true&input=logreturns&op=normalize");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  EXPECT_EQ(strings(doc["dates"]["AAPL"]), (std::vector<std::string>{"2020-08-28", "2020-08-31", "2020-09-01"}));
  const std::vector<double> r = numbers(doc["normalize"]["AAPL"]["real"]);
  ASSERT_EQ(r.size(), 3u);
  const double a = std::log(499.23 / 500.04);
  const double b = std::log(129.04 / 499.23);
  const double c = std::log(134.18 / 129.04);
  EXPECT_DOUBLE_EQ(r[0], (a - b) / (c - b));
  EXPECT_DOUBLE_EQ(r[1], 0.0);
  EXPECT_DOUBLE_EQ(r[2], 1.0);
  expect_error("/api/v1/analyze?symbols=AAPL&op=acf&input=levels", 400, "invalid_parameter", "parameter 'input'");
}

TEST_F(AnalyzeTest, WaveletsListTheEngineNames) {
  const Response response = get("/api/v1/wavelets");
  ASSERT_EQ(response.status, 200) << response.body;
  auto doc = json(response);
  const auto discrete = strings(doc["discrete"]);
  EXPECT_EQ(discrete.size(), 106u);  // pywt 1.1 wavelist(kind='discrete')
  for (const char* name : {"haar", "db4", "sym8", "coif17", "bior6.8", "rbio1.1", "dmey"}) {
    EXPECT_NE(std::find(discrete.begin(), discrete.end(), name), discrete.end()) << name;
  }
  EXPECT_EQ(strings(doc["families"]), (std::vector<std::string>{"bior", "coif", "db", "dmey", "haar", "rbio", "sym"}));
  const auto continuous = strings(doc["continuous"]);
  EXPECT_EQ(continuous.front(), "morl");
  EXPECT_EQ(continuous.size(), 24u);
  EXPECT_EQ(strings(doc["modes"]), (std::vector<std::string>{"zero", "constant", "symmetric", "periodic", "smooth",
                                                            "periodization", "reflect", "antisymmetric", "antireflect"}));
  expect_error("/api/v1/wavelets?x=1", 400, "unknown_parameter", "unknown parameter 'x'");
}

}  // namespace
}  // namespace streams::api::testing
