#include "sources/fred/fred.h"

#include <gtest/gtest.h>

#include "sources/errc.h"

namespace streams::sources::fred {
namespace {

TEST(FredParseTest, ObservationsSkipMissingValues) {
  auto obs = parse_observations(R"({"realtime_start":"2024-01-01","observations":[
    {"realtime_start":"2024-01-01","realtime_end":"2024-01-01","date":"1947-01-01","value":"21.48"},
    {"realtime_start":"2024-01-01","realtime_end":"2024-01-01","date":"1947-02-01","value":"."},
    {"realtime_start":"2024-01-01","realtime_end":"2024-01-01","date":"1947-03-01","value":"22.0"}]})");
  ASSERT_TRUE(obs) << obs.error().message;
  ASSERT_EQ(obs->points.size(), 2u);
  EXPECT_EQ(obs->missing, 1);
  EXPECT_EQ(obs->points[0].date.iso(), "1947-01-01");
  EXPECT_DOUBLE_EQ(obs->points[0].value, 21.48);
  EXPECT_DOUBLE_EQ(obs->points[1].value, 22.0);
}

TEST(FredParseTest, MalformedObservations) {
  struct Case {
    const char* body;
    const char* expect;
  };
  for (const Case& c : {Case{"", "empty body"}, Case{"{\"observations\":[", "not valid JSON"},
                        Case{"{}", "no 'observations'"},
                        Case{R"({"error_code":400,"error_message":"Bad Request.  The series does not exist."})", "does not exist"},
                        Case{R"({"observations":[{"value":"1"}]})", "field 'date'"},
                        Case{R"({"observations":[{"date":"2020-01-01","value":1}]})", "field 'value'"},
                        Case{R"({"observations":[{"date":"2020-01-01","value":"abc"}]})", "not a number"},
                        Case{R"({"observations":[{"date":"2020-1-1","value":"1"}]})", "2020-1-1"},
                        Case{R"({"observations":[{"date":"2020-02-01","value":"1"},{"date":"2020-01-01","value":"1"}]})",
                             "not after"}}) {
    auto obs = parse_observations(c.body);
    ASSERT_FALSE(obs) << c.body;
    EXPECT_NE(obs.error().message.find(c.expect), std::string::npos) << c.body << " → " << obs.error().message;
  }
  auto provider = parse_observations(R"({"error_code":400,"error_message":"x"})");
  EXPECT_EQ(provider.error().code, errc::provider);
}

TEST(FredParseTest, CsvBothHeaderStyles) {
  auto a = parse_csv("DATE,CPIAUCSL\r\n1947-01-01,21.48\r\n1947-02-01,.\r\n1947-03-01,22.0\r\n");
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_EQ(a->points.size(), 2u);
  EXPECT_EQ(a->missing, 1);
  EXPECT_DOUBLE_EQ(a->points[1].value, 22.0);
  auto b = parse_csv("observation_date,FEDFUNDS\n\"1954-07-01\",\"0.80\"\n");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_DOUBLE_EQ(b->points[0].value, 0.8);
}

TEST(FredParseTest, MalformedCsv) {
  for (const char* bad : {"", "\n\n", "when,CPI\n2020-01-01,1\n", "DATE,CPI\n2020-01-01\n", "DATE,CPI\n2020-01-01,1,2\n",
                          "DATE,CPI\n2020-01-01,x\n", "DATE,CPI\n01/01/2020,1\n", "DATE,CPI\n2020-01-01,1\n2020-01-01,2\n"}) {
    auto csv = parse_csv(bad);
    EXPECT_FALSE(csv) << bad;
    if (!csv) {
      EXPECT_EQ(csv.error().code, errc::malformed);
    }
  }
}

}  // namespace
}  // namespace streams::sources::fred
