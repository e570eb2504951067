#include "ingest/backfill.h"

#include <gtest/gtest.h>

#include <cmath>

namespace streams::ingest {
namespace {

TEST(BufferedPageTest, RoundTripsExactly) {
  store::BarSeries series{*Symbol::parse("BRK.B"), Timespan::minutes(5), {}};
  Bar a;
  a.ts = Timestamp::from_millis(1549895460000);
  a.open = 0.1 + 0.2;  // not representable in short decimal: must survive exactly
  a.high = 1e300;
  a.low = 1.0 / 3;
  a.close = 75.0875;
  a.volume = 135647456;
  a.trades = 42;  // vwap stays NaN
  Bar b = a;
  b.ts = Timestamp::from_millis(1549895760000);
  b.vwap = 74.6099;
  series.bars = {a, b};
  const std::string payload = encode_page(series, {"polygon:BRK.B:5:minute:adj", "1549895760000"});
  auto batch = decode_page(payload);
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->bars.size(), 1u);
  const auto& got = batch->bars[0];
  EXPECT_EQ(got.symbol.str(), "BRK.B");
  EXPECT_EQ(got.timespan, Timespan::minutes(5));
  ASSERT_EQ(got.bars.size(), 2u);
  EXPECT_EQ(got.bars[0].ts, a.ts);
  EXPECT_EQ(got.bars[0].open, a.open);
  EXPECT_EQ(got.bars[0].high, a.high);
  EXPECT_EQ(got.bars[0].low, a.low);
  EXPECT_EQ(got.bars[0].close, a.close);
  EXPECT_EQ(got.bars[0].volume, a.volume);
  EXPECT_TRUE(std::isnan(got.bars[0].vwap));
  EXPECT_EQ(got.bars[0].trades, 42);
  EXPECT_EQ(got.bars[1].vwap, 74.6099);
  ASSERT_EQ(batch->checkpoints.size(), 1u);
  EXPECT_EQ(batch->checkpoints[0].key, "polygon:BRK.B:5:minute:adj");
  EXPECT_EQ(batch->checkpoints[0].value, "1549895760000");
}

TEST(BufferedPageTest, MalformedPayloadsAreRejected) {
  for (const char* bad : {"", "junk", "page\tAAPL\tday\t1\tk\n",            // short header
                          "page\t!!\tday\t1\tk\tv\n", "page\tAAPL\tfortnight\t1\tk\tv\n", "page\tAAPL\tday\t0\tk\tv\n",
                          "page\tAAPL\tday\t1\tk\tv\nx 1 2 3 4 5 6 7\n", "page\tAAPL\tday\t1\tk\tv\n1 1 2 3\n",
                          "page\tAAPL\tday\t1\tk\tv\n1 1 2 3 4 5 6 seven\n", "page\tAAPL\tday\t1\tk\tv\n1 1 2 3 4 5 6 7 8\n"}) {
    EXPECT_FALSE(decode_page(bad)) << bad;
  }
}

}  // namespace
}  // namespace streams::ingest
