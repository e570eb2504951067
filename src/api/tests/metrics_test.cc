#include "api/metrics.h"

#include <gtest/gtest.h>

namespace streams::api {
namespace {

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics metrics({"/a", "static"});
  const std::size_t a = metrics.route_index("/a");
  metrics.record(a, 200, std::chrono::microseconds(50));     // ≤ 100 µs
  metrics.record(a, 200, std::chrono::microseconds(700));    // ≤ 1 ms
  metrics.record(a, 404, std::chrono::microseconds(20000));  // ≤ 25 ms
  metrics.record(a, 200, std::chrono::seconds(9));           // +Inf only
  EXPECT_EQ(metrics.count(a, 200), 3u);
  EXPECT_EQ(metrics.count(a, 404), 1u);
  const std::string text = metrics.render(nullptr);
  EXPECT_NE(text.find("streams_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.0001\"} 1\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("streams_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.001\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("streams_http_request_duration_seconds_bucket{route=\"/a\",le=\"0.025\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("streams_http_request_duration_seconds_bucket{route=\"/a\",le=\"5\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("streams_http_request_duration_seconds_bucket{route=\"/a\",le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("streams_http_request_duration_seconds_count{route=\"/a\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("streams_http_request_duration_seconds_sum{route=\"/a\"} 9.02075\n"), std::string::npos) << text;
  // Routes without requests are left out.
  EXPECT_EQ(text.find("route=\"static\""), std::string::npos);
}

TEST(MetricsTest, UnknownLabelsAndStatusesAreClamped) {
  Metrics metrics({"/a"});
  EXPECT_EQ(metrics.route_index("/zzz"), metrics.route_index("unmatched"));
  metrics.record(999, 700, std::chrono::microseconds(1));
  EXPECT_EQ(metrics.count(metrics.route_index("unmatched"), 599), 1u);
}

}  // namespace
}  // namespace streams::api
