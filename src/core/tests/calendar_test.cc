#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "core/calendar/trading_calendar.h"

namespace streams::calendar {
namespace {

Date d(const char* iso) { return *Date::parse(iso); }

TEST(EasterTest, KnownDates) {
  EXPECT_EQ(easter_sunday(2011).iso(), "2011-04-24");
  EXPECT_EQ(easter_sunday(2019).iso(), "2019-04-21");
  EXPECT_EQ(easter_sunday(2024).iso(), "2024-03-31");
  EXPECT_EQ(easter_sunday(2038).iso(), "2038-04-25");
}

// The weekdays missing from the real price files are exactly the calendar's closed weekdays, and
// every other weekday is a trading day.
TEST(NyseCalendarTest, AgreesWithEveryDayOfTheRealPriceFiles) {
  std::ifstream in(std::string(STREAMS_SOURCE_DIR) + "/src/core/tests/data/nyse_closed_weekdays_2011_2021.txt");
  ASSERT_TRUE(in) << "fixture missing";
  std::set<Date> closed;
  Date first;
  Date last;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# first ", 0) == 0) first = d(line.substr(8).c_str());
    if (line.rfind("# last ", 0) == 0) last = d(line.substr(7).c_str());
    if (line.empty() || line[0] == '#') continue;
    closed.insert(d(line.c_str()));
  }
  ASSERT_EQ(closed.size(), 94u);
  const NyseCalendar calendar;
  int trading = 0;
  for (Date day = first; day <= last; day = day + 1) {
    const auto weekday = day.weekday();
    if (weekday == std::chrono::Saturday || weekday == std::chrono::Sunday) {
      EXPECT_FALSE(calendar.is_trading_day(day)) << day.iso();
      continue;
    }
    EXPECT_EQ(calendar.is_trading_day(day), closed.count(day) == 0) << day.iso() << " " << calendar.day(day).name;
    trading += calendar.is_trading_day(day) ? 1 : 0;
  }
  EXPECT_EQ(trading, 2516);  // the number of rows of a full price file
}

TEST(NyseCalendarTest, NamesHolidaysAndObservance) {
  const NyseCalendar calendar;
  EXPECT_EQ(calendar.day(d("2015-07-03")).name, "Independence Day");       // July 4 on a Saturday
  EXPECT_EQ(calendar.day(d("2021-07-05")).name, "Independence Day");       // July 4 on a Sunday
  EXPECT_EQ(calendar.day(d("2022-06-20")).name, "Juneteenth National Independence Day");
  EXPECT_TRUE(calendar.is_trading_day(d("2021-06-18")));                   // before Juneteenth existed
  EXPECT_TRUE(calendar.is_trading_day(d("2021-12-31")));                   // New Year's Day 2022 on a Saturday
  EXPECT_EQ(calendar.day(d("2023-01-02")).name, "New Year's Day");         // on a Sunday → Monday
  EXPECT_EQ(calendar.day(d("2012-10-29")).name, "Hurricane Sandy");
  EXPECT_EQ(calendar.day(d("2025-01-09")).kind, DayKind::holiday);
  EXPECT_TRUE(calendar.is_trading_day(d("1997-01-20")));                   // no MLK Day before 1998
  EXPECT_FALSE(calendar.is_trading_day(d("1998-01-19")));
  EXPECT_EQ(calendar.day(d("2035-03-23")).name, "Good Friday");
}

TEST(NyseCalendarTest, EarlyClosesAndSessions) {
  const NyseCalendar calendar;
  EXPECT_EQ(calendar.day(d("2019-07-03")).kind, DayKind::early_close);
  EXPECT_EQ(calendar.day(d("2020-11-27")).kind, DayKind::early_close);
  EXPECT_EQ(calendar.day(d("2018-12-24")).kind, DayKind::early_close);
  EXPECT_EQ(calendar.day(d("2020-07-02")).kind, DayKind::trading);  // July 3 was the observed holiday
  EXPECT_EQ(calendar.day(d("2021-12-24")).kind, DayKind::holiday);  // Christmas observed on Friday
  auto early = calendar.session(d("2019-12-24"));
  ASSERT_TRUE(early);
  EXPECT_EQ(early->open.iso(), "2019-12-24T14:30:00Z");
  EXPECT_EQ(early->close.iso(), "2019-12-24T18:00:00Z");
  auto summer = calendar.session(d("2019-07-01"));
  ASSERT_TRUE(summer);
  EXPECT_EQ(summer->close.iso(), "2019-07-01T20:00:00Z");
  EXPECT_FALSE(calendar.session(d("2019-07-04")));
}

TEST(NyseCalendarTest, NextTradingDayMovesEventsOffClosedDays) {
  const NyseCalendar calendar;
  EXPECT_EQ(calendar.next_trading_day(d("2016-10-22")).iso(), "2016-10-24");  // Saturday
  EXPECT_EQ(calendar.next_trading_day(d("2018-02-19")).iso(), "2018-02-20");  // Presidents' Day
  EXPECT_EQ(calendar.next_trading_day(d("2018-12-05")).iso(), "2018-12-06");  // day of mourning
  EXPECT_EQ(calendar.next_trading_day(d("2018-12-06")).iso(), "2018-12-06");
}

TEST(NyseCalendarTest, ExceptionsListHolidaysAndEarlyClosesInOrder) {
  const NyseCalendar calendar;
  const auto list = calendar.exceptions(d("2020-01-01"), d("2020-12-31"));
  ASSERT_EQ(list.size(), 11u);  // 9 holidays + Nov 27 and Dec 24 early closes (July 3 was the holiday)
  EXPECT_EQ(list.front().date.iso(), "2020-01-01");
  EXPECT_EQ(list.back().date.iso(), "2020-12-25");
}

}  // namespace
}  // namespace streams::calendar
