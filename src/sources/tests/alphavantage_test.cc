#include "sources/events/alphavantage.h"

#include <gtest/gtest.h>

#include "sources/errc.h"

namespace streams::sources::alphavantage {
namespace {

const Symbol ibm = *Symbol::parse("IBM");

TEST(AlphaVantageParseTest, QuarterlyEarningsWithTimeOfDay) {
  auto events = parse_earnings(R"({"symbol":"IBM","annualEarnings":[{"fiscalDateEnding":"2023-12-31","reportedEPS":"9.62"}],
    "quarterlyEarnings":[
      {"fiscalDateEnding":"2024-03-31","reportedDate":"2024-04-24","reportedEPS":"1.68","estimatedEPS":"1.6","surprise":"0.08","surprisePercentage":"5","reportTime":"post-market"},
      {"fiscalDateEnding":"2023-12-31","reportedDate":"2024-01-24","reportedEPS":"3.87","estimatedEPS":"3.78","surprise":"0.09","surprisePercentage":"2.38","reportTime":"pre-market"},
      {"fiscalDateEnding":"2023-09-30","reportedDate":"2023-10-25","reportedEPS":"2.2","estimatedEPS":"2.13","surprise":"0.07","surprisePercentage":"3.29"}]})",
                               ibm);
  ASSERT_TRUE(events) << events.error().message;
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].date.iso(), "2023-10-25");
  EXPECT_EQ((*events)[0].time_of_day, "");
  EXPECT_EQ((*events)[1].date.iso(), "2024-01-24");
  EXPECT_EQ((*events)[1].time_of_day, "bmo");
  EXPECT_EQ((*events)[2].time_of_day, "amc");
  EXPECT_EQ((*events)[2].kind, EventKind::earnings);
  EXPECT_EQ((*events)[2].symbol.str(), "IBM");
}

TEST(AlphaVantageParseTest, ErrorsAndMalformedBodies) {
  struct Case {
    const char* body;
    errc code;
    const char* expect;
  };
  for (const Case& c : {
           Case{R"({"Error Message":"Invalid API call."})", errc::provider, "Invalid API call"},
           Case{R"({"Information":"Thank you for using Alpha Vantage! ... 25 requests per day."})", errc::provider, "25 requests"},
           Case{R"({"Note":"call frequency"})", errc::provider, "call frequency"},
           Case{"", errc::malformed, "empty body"},
           Case{"<html>", errc::malformed, "not valid JSON"},
           Case{"[1]", errc::malformed, "not a JSON object"},
           Case{R"({"quarterlyEarnings":[]})", errc::malformed, "no 'symbol'"},
           Case{R"({"symbol":"MSFT","quarterlyEarnings":[]})", errc::malformed, "asked for 'IBM'"},
           Case{R"({"symbol":"IBM"})", errc::malformed, "quarterlyEarnings"},
           Case{R"({"symbol":"IBM","quarterlyEarnings":[{"reportTime":"pre-market"}]})", errc::malformed, "reportedDate"},
           Case{R"({"symbol":"IBM","quarterlyEarnings":[{"reportedDate":"None"}]})", errc::malformed, "None"},
       }) {
    auto events = parse_earnings(c.body, ibm);
    ASSERT_FALSE(events) << c.body;
    EXPECT_EQ(events.error().code, c.code) << c.body;
    EXPECT_NE(events.error().message.find(c.expect), std::string::npos) << c.body << " → " << events.error().message;
  }
}

}  // namespace
}  // namespace streams::sources::alphavantage
