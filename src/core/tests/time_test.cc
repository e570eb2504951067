#include <gtest/gtest.h>

#include "core/time.h"

namespace streams {
namespace {

TEST(DateTest, ParsesAndFormatsIsoDates) {
  auto d = Date::parse("2020-08-31");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->iso(), "2020-08-31");
  EXPECT_EQ(d->days(), 18505);
  EXPECT_EQ(d->weekday(), std::chrono::Monday);
  EXPECT_EQ(Date::from_key(d->key()), *d);
}

TEST(DateTest, RejectsMalformedDates) {
  for (const char* bad : {"", "2020-8-31", "2020/08/31", "2020-02-30", "2020-13-01", "20200831", "2020-08-3x"}) {
    auto d = Date::parse(bad);
    EXPECT_FALSE(d.ok()) << bad;
  }
  EXPECT_NE(Date::parse("2021-02-29").error().message.find("no such day"), std::string::npos);
}

TEST(DateTest, KeyOfDatesBeforeEpochRoundTrips) {
  const Date d = Date::from_ymd(1947, 1, 1);
  EXPECT_EQ(Date::from_key(d.key()), d);
  EXPECT_EQ(d.iso(), "1947-01-01");
}

TEST(TimestampTest, ParsesOffsetsToUtc) {
  auto ts = Timestamp::parse("2019-02-11T09:31:00-05:00");
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(ts->iso(), "2019-02-11T14:31:00Z");
  EXPECT_EQ(Timestamp::parse("2019-02-11T14:31:00Z")->millis(), ts->millis());
  EXPECT_EQ(Timestamp::parse("2019-02-11 14:31")->millis(), ts->millis());
  EXPECT_EQ(Timestamp::parse("2019-02-11T14:31:00.250Z")->millis(), ts->millis() + 250);
  EXPECT_FALSE(Timestamp::parse("2019-02-11T25:00").ok());
  EXPECT_FALSE(Timestamp::parse("2019-02-11T10:00+5").ok());
}

TEST(ExchangeTimeTest, SessionDateFollowsNewYorkDst) {
  // polygon daily aggregates are stamped at New York midnight: 05:00 UTC in winter, 04:00 in summer.
  EXPECT_EQ(exchange_date(Timestamp::from_millis(1577941200000)).iso(), "2020-01-02");  // 2020-01-02T05:00Z
  EXPECT_EQ(exchange_date(Timestamp::from_millis(1598846400000)).iso(), "2020-08-31");  // 2020-08-31T04:00Z
  // 23:30 New York on 2020-08-31 is already 2020-09-01 in UTC.
  EXPECT_EQ(exchange_date(*Timestamp::parse("2020-09-01T03:30:00Z")).iso(), "2020-08-31");
  EXPECT_EQ(exchange_time(Date::from_ymd(2020, 1, 2), 9, 30).iso(), "2020-01-02T14:30:00Z");
  EXPECT_EQ(exchange_time(Date::from_ymd(2020, 8, 31), 9, 30).iso(), "2020-08-31T13:30:00Z");
}

}  // namespace
}  // namespace streams
