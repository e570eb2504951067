#include "server/content_type.h"

#include <gtest/gtest.h>

namespace streams::server {
namespace {

TEST(ContentTypeTest, TheDashboardsFileTypes) {
  EXPECT_EQ(content_type_for(".html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for(".js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for(".css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for(".svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for(".png"), "image/png");
  EXPECT_EQ(content_type_for(".ico"), "image/x-icon");
  EXPECT_EQ(content_type_for(".json"), "application/json");
  EXPECT_EQ(content_type_for(".woff2"), "font/woff2");
  EXPECT_EQ(content_type_for(".map"), "application/json");
}

TEST(ContentTypeTest, CaseInsensitiveAndUnknown) {
  EXPECT_EQ(content_type_for(".HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for(".Js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for(".exe"), "application/octet-stream");
  EXPECT_EQ(content_type_for(""), "application/octet-stream");
  EXPECT_EQ(content_type_for("html"), "application/octet-stream");  // the dot is part of the extension
}

TEST(ContentTypeTest, CompressibleTypes) {
  EXPECT_TRUE(compressible("application/json"));
  EXPECT_TRUE(compressible("text/javascript; charset=utf-8"));
  EXPECT_TRUE(compressible("image/svg+xml"));
  EXPECT_TRUE(compressible("text/plain; version=0.0.4; charset=utf-8"));
  EXPECT_FALSE(compressible("image/png"));
  EXPECT_FALSE(compressible("font/woff2"));
  EXPECT_FALSE(compressible(""));
}

}  // namespace
}  // namespace streams::server
