#include "api/message.h"

#include <gtest/gtest.h>

#include "api/errc.h"

namespace streams::api {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndPlusOnlyInQueries) {
  EXPECT_EQ(*percent_decode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(*percent_decode("a+b", false), "a+b");
  EXPECT_EQ(*percent_decode("a+b", true), "a b");
  EXPECT_EQ(*percent_decode("%2e%2E", false), "..");
  EXPECT_EQ(*percent_decode("", false), "");
}

TEST(PercentDecodeTest, RejectsTruncatedOrNonHexEscapes) {
  for (const char* bad : {"%", "%2", "a%zz", "%g0", "abc%4"}) {
    auto decoded = percent_decode(bad, false);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, errc::bad_request);
  }
}

TEST(ParseQueryTest, KeepsOrderAndRepeatedNames) {
  auto query = parse_query("op=rsi(timeperiod%3D14)&symbols=AAPL,MSFT&op=sma&flag&&x=");
  ASSERT_TRUE(query.ok());
  ASSERT_EQ(query->count("op"), 2u);
  auto [first, last] = query->equal_range("op");
  EXPECT_EQ(first->second, "rsi(timeperiod=14)");
  EXPECT_EQ(std::next(first)->second, "sma");
  EXPECT_EQ(query->find("symbols")->second, "AAPL,MSFT");
  EXPECT_EQ(query->find("flag")->second, "");
  EXPECT_EQ(query->find("x")->second, "");
  EXPECT_EQ(query->size(), 5u);
}

TEST(ParseQueryTest, RejectsTooManyParameters) {
  std::string text;
  for (std::size_t i = 0; i <= max_query_parameters; ++i) text += "a=1&";
  auto query = parse_query(text);
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().code, errc::limit_exceeded);
}

TEST(MakeRequestTest, SplitsPathAndQuery) {
  auto request = make_request("GET", "/api/v1/macro/CPI%41UCSL?from=2020-01-01&q=a+b");
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(request->path, "/api/v1/macro/CPIAUCSL");
  EXPECT_EQ(request->query.find("from")->second, "2020-01-01");
  EXPECT_EQ(request->query.find("q")->second, "a b");
}

TEST(MakeRequestTest, RejectsMalformedTargets) {
  for (const char* bad : {"", "api/v1/bars", "http://x/y", "/a%zz", "/a?b=%"}) {
    auto request = make_request("GET", bad);
    ASSERT_FALSE(request.ok()) << bad;
    EXPECT_EQ(request.error().code, errc::bad_request) << bad;
  }
}

TEST(RequestTest, HeaderLookupIsByLowerCaseName) {
  Request request;
  request.headers["accept-encoding"] = "gzip";
  EXPECT_EQ(request.header("accept-encoding"), "gzip");
  EXPECT_EQ(request.header("if-none-match"), "");
}

}  // namespace
}  // namespace streams::api
