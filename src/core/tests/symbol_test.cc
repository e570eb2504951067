#include <gtest/gtest.h>

#include "core/bar.h"
#include "core/symbol.h"

namespace streams {
namespace {

TEST(SymbolTest, NormalisesCase) {
  EXPECT_EQ(Symbol::parse("aapl")->str(), "AAPL");
  EXPECT_EQ(Symbol::parse("BRK.B")->str(), "BRK.B");
  EXPECT_EQ(Symbol::parse("^GSPC")->str(), "^GSPC");
}

TEST(SymbolTest, RejectsBadSymbols) {
  EXPECT_FALSE(Symbol::parse("").ok());
  EXPECT_FALSE(Symbol::parse("AAPL;DROP").ok());
  EXPECT_FALSE(Symbol::parse("A B").ok());
  EXPECT_FALSE(Symbol::parse(std::string(17, 'A')).ok());
  EXPECT_NE(Symbol::parse("A'B").error().message.find("A'B"), std::string::npos);
}

TEST(TimespanTest, ParsesPolygonUnits) {
  EXPECT_EQ(Timespan::parse_unit("minute")->unit, TimespanUnit::minute);
  EXPECT_TRUE(Timespan::parse_unit("minute")->intraday());
  EXPECT_FALSE(Timespan::parse_unit("day")->intraday());
  EXPECT_FALSE(Timespan::parse_unit("days").ok());
}

}  // namespace
}  // namespace streams
