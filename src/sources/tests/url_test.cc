#include "sources/url.h"

#include <gtest/gtest.h>

#include "sources/errc.h"

namespace streams::sources {
namespace {

TEST(UrlTest, ParsesSchemesHostsPortsAndTargets) {
  auto a = parse_url("https://api.polygon.io/v2/aggs?x=1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->scheme, "https");
  EXPECT_EQ(a->host, "api.polygon.io");
  EXPECT_EQ(a->port, "443");
  EXPECT_EQ(a->target, "/v2/aggs?x=1");
  auto b = parse_url("http://127.0.0.1:8443");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->port, "8443");
  EXPECT_EQ(b->target, "/");
  auto c = parse_url("https://[::1]:9/p");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->port, "9");
}

TEST(UrlTest, MalformedUrlsAreRejected) {
  for (const char* bad : {"", "api.polygon.io/v2", "ftp://host/x", "https://", "https://:443/x", "https://h:0/",
                          "https://h:99999/", "https://h:12a/", "https://[::1/", "https://user:pw@h/"}) {
    auto url = parse_url(bad);
    EXPECT_FALSE(url) << bad;
    if (!url) {
      EXPECT_EQ(url.error().code, errc::bad_url);
    }
  }
}

TEST(UrlTest, RedactsEverySecretParameterAndNothingElse) {
  EXPECT_EQ(redact_url("https://h/v2/aggs?adjusted=true&apiKey=SECRET123&limit=5"),
            "https://h/v2/aggs?adjusted=true&apiKey=****&limit=5");
  EXPECT_EQ(redact_url("https://h/fred?series_id=CPI&api_key=abc"), "https://h/fred?series_id=CPI&api_key=****");
  EXPECT_EQ(redact_url("https://h/query?APIKEY=abc&symbol=IBM"), "https://h/query?APIKEY=****&symbol=IBM");
  EXPECT_EQ(redact_url("https://h/no/query"), "https://h/no/query");
  EXPECT_EQ(redact_url("https://h/?cursor=abc&token=t"), "https://h/?cursor=abc&token=****");
  // A key in an unparseable URL's error message is redacted too.
  auto url = parse_url("ftp://h/?apiKey=SECRET123");
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().message.find("SECRET123"), std::string::npos);
}

TEST(UrlTest, WithQueryEncodesValues) {
  EXPECT_EQ(with_query("https://h/p", "apiKey", "a b&c"), "https://h/p?apiKey=a%20b%26c");
  EXPECT_EQ(with_query("https://h/p?x=1", "apiKey", "k"), "https://h/p?x=1&apiKey=k");
}

}  // namespace
}  // namespace streams::sources
