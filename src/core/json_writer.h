#pragma once
// JsonWriter: appends JSON text to a string, fast and without a DOM. Used for every response body
// and for `streams analyze`. Non-finite reals are written as null (JSON has no NaN). Reals are
// written either in the shortest form that reads back exactly, or with 17 significant digits
// (the analytics contract, BRIEF §4).
//
// The writer inserts commas itself; the caller is responsible for balanced begin/end calls.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace streams {

class JsonWriter {
 public:
  enum class RealFormat { shortest, significant17 };

  explicit JsonWriter(RealFormat format = RealFormat::shortest) : format_(format) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // Already-serialised JSON, inserted as one value.
  JsonWriter& raw(std::string_view json);

  JsonWriter& array(std::span<const double> numbers);

  [[nodiscard]] const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
  RealFormat format_;
};

// Appends `text` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
void append_json_string(std::string& out, std::string_view text);

}  // namespace streams
