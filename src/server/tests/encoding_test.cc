#include "server/encoding.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace streams::server {
namespace {

std::string gunzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

TEST(AcceptEncodingTest, ListedCodingsWithPositiveQ) {
  EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "gzip"));
  EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "br"));
  EXPECT_TRUE(accepts_encoding("GZIP", "gzip"));
  EXPECT_TRUE(accepts_encoding("br;q=0.5 , gzip;q=1.0", "gzip"));
  EXPECT_FALSE(accepts_encoding("gzip;q=0", "gzip"));
  EXPECT_FALSE(accepts_encoding("gzip;q=0.0, br", "gzip"));
  EXPECT_FALSE(accepts_encoding("deflate", "gzip"));
  EXPECT_FALSE(accepts_encoding("", "gzip"));
  EXPECT_FALSE(accepts_encoding("gzipx", "gzip"));
  EXPECT_FALSE(accepts_encoding("gzip;q=abc", "gzip"));
}

TEST(AcceptEncodingTest, StarCoversUnlistedCodings) {
  EXPECT_TRUE(accepts_encoding("*", "gzip"));
  EXPECT_FALSE(accepts_encoding("*;q=0", "gzip"));
  EXPECT_FALSE(accepts_encoding("*, gzip;q=0", "gzip"));  // the explicit entry wins
}

TEST(GzipTest, RoundTripsAndShrinksJson) {
  std::string json = "{\"close\":[";
  for (int i = 0; i < 2000; ++i) json += std::to_string(100 + i % 50) + ".25,";
  json += "1]}";
  const std::string compressed = gzip_compress(json);
  ASSERT_GE(compressed.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8b);
  EXPECT_LT(compressed.size(), json.size() / 4);
  EXPECT_EQ(gunzip(compressed), json);
  EXPECT_EQ(gunzip(gzip_compress("")), "");
}

}  // namespace
}  // namespace streams::server
