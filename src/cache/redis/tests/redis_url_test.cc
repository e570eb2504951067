#include <gtest/gtest.h>

#include "cache/errc.h"
#include "cache/redis/connection.h"

namespace streams::cache {
namespace {

TEST(RedisUrlTest, Defaults) {
  auto url = parse_redis_url("redis://localhost");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "localhost");
  EXPECT_EQ(url->port, 6379);
  EXPECT_EQ(url->db, 0);
  EXPECT_EQ(url->password, "");
}

TEST(RedisUrlTest, FullForm) {
  auto url = parse_redis_url("redis://:s3cr@t@127.0.0.1:6380/2");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 6380);
  EXPECT_EQ(url->db, 2);
  EXPECT_EQ(url->user, "");
  EXPECT_EQ(url->password, "s3cr@t");
  EXPECT_EQ(url->redacted(), "redis://:****@127.0.0.1:6380/2");
}

TEST(RedisUrlTest, UserAndPasswordAndIpv6) {
  auto url = parse_redis_url("redis://app:pw@[::1]:7000/");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 7000);
  EXPECT_EQ(url->user, "app");
  EXPECT_EQ(url->password, "pw");
  EXPECT_EQ(url->redacted(), "redis://app:****@[::1]:7000/0");
}

TEST(RedisUrlTest, PasswordWithoutColon) {
  auto url = parse_redis_url("redis://secret@h:1");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->password, "secret");
  EXPECT_EQ(url->port, 1);
}

TEST(RedisUrlTest, MalformedInputsAreRejectedWithoutEchoingSecrets) {
  const char* bad[] = {
      "",                              // empty
      "http://localhost",              // wrong scheme
      "redis:/localhost",              // missing slash
      "redis://",                      // no host
      "redis://:pw@",                  // credentials, no host
      "redis://host:",                 // empty port
      "redis://host:0",                // port out of range
      "redis://host:65536",            // port out of range
      "redis://host:12ab",             // port not a number
      "redis://host/x",                // db not a number
      "redis://host/-1",               // negative db
      "redis://[::1",                  // unterminated bracket
      "redis://[::1]x",                // junk after bracket
      "redis://@host",                 // empty credentials
      "redis://host?db=1",             // query string
  };
  for (const char* text : bad) {
    auto url = parse_redis_url(text);
    EXPECT_FALSE(url) << "accepted: '" << text << "'";
    if (!url) {
      EXPECT_EQ(url.error().code, errc::bad_url) << text;
    }
  }
  auto url = parse_redis_url("redis://:topsecret@host:99999");
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().message.find("topsecret"), std::string::npos) << url.error().message;
}

}  // namespace
}  // namespace streams::cache
