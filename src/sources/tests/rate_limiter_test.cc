#include <gtest/gtest.h>

#include <chrono>

#include "sources/fetcher.h"

namespace streams::sources {
namespace {

TEST(RateLimiterTest, SpacesRequestsAfterTheBurst) {
  RateLimiter limiter(/*per_minute=*/1200, /*burst=*/2);  // one token every 50 ms
  const auto t0 = std::chrono::steady_clock::now();
  limiter.acquire();
  limiter.acquire();  // the burst: immediate
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(30));
  for (int i = 0; i < 4; ++i) limiter.acquire();  // four more: about 200 ms
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(took, std::chrono::milliseconds(190));
  EXPECT_LT(took, std::chrono::milliseconds(600));
}

TEST(RateLimiterTest, ZeroMeansUnlimited) {
  RateLimiter limiter(0);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) limiter.acquire();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(50));
}

}  // namespace
}  // namespace streams::sources
