#pragma once
// Symbol: a ticker as exchanges and polygon.io write it ("AAPL", "BRK.B", "^GSPC"), upper case,
// 1..16 characters of A-Z 0-9 . - ^ _ (and lower-case input is folded). A distinct type so that a
// symbol is never confused with a series name or a user name.

#include <compare>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace streams {

class Symbol {
 public:
  static constexpr std::size_t max_length = 16;

  // Validates and normalises (upper case); the error names the offending text.
  static Result<Symbol> parse(std::string_view text);

  [[nodiscard]] const std::string& str() const { return value_; }
  [[nodiscard]] std::string_view view() const { return value_; }

  auto operator<=>(const Symbol&) const = default;
  bool operator==(const Symbol&) const = default;

 private:
  explicit Symbol(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

}  // namespace streams

template <>
struct std::hash<streams::Symbol> {
  std::size_t operator()(const streams::Symbol& s) const noexcept { return std::hash<std::string>{}(s.str()); }
};
