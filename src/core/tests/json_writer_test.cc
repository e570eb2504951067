#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/json_writer.h"

namespace streams {
namespace {

TEST(JsonWriterTest, WritesNestedContainersWithCommas) {
  JsonWriter w;
  w.begin_object().key("a").value(1).key("b").begin_array().value(1.5).value("x").null().end_array();
  w.key("c").begin_object().end_object().end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":[1.5,"x",null],"c":{}})");
}

TEST(JsonWriterTest, NonFiniteRealsAreNull) {
  JsonWriter w;
  const double values[] = {std::numeric_limits<double>::quiet_NaN(), INFINITY, -INFINITY, 0.1};
  w.array(values);
  EXPECT_EQ(w.str(), "[null,null,null,0.1]");
}

TEST(JsonWriterTest, SeventeenSignificantDigits) {
  JsonWriter w(JsonWriter::RealFormat::significant17);
  w.begin_array().value(0.1).value(25.173999999999992).end_array();
  EXPECT_EQ(w.str(), "[0.10000000000000001,25.173999999999992]");
}

TEST(JsonWriterTest, EscapesStrings) {
  JsonWriter w;
  w.value(std::string_view("a\"b\\c\n\x01</script>"));
  EXPECT_EQ(w.str(), R"("a\"b\\c\n\u0001\u003c/script>")");
}

}  // namespace
}  // namespace streams
