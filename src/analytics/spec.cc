#include "analytics/spec.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>

#include "analytics/errc.h"

namespace streams::analytics {
namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_value_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.' || c == ':' || c == '+';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The whole token is a decimal number as the grammar defines it (no inf/nan/hex).
bool is_number(std::string_view t) {
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < t.size() && is_digit(t[i])) ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && is_digit(t[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < t.size() && is_digit(t[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == t.size();
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<ParsedSpec> parse() {
    ParsedSpec spec;
    spec.text = std::string(text_);
    skip_blanks();
    if (at_end()) return fail("empty op spec");
    if (!is_name_start(peek())) return fail(fmt::format("expected an op name, found '{}'", peek()));
    for (const char c : read_name()) spec.name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    skip_blanks();
    if (at_end()) return spec;
    if (peek() != '(') return fail(fmt::format("expected '(' or the end after the op name, found '{}'", peek()));
    ++pos_;
    skip_blanks();
    if (!at_end() && peek() == ')') {
      ++pos_;
      return finish(std::move(spec));
    }
    while (true) {
      skip_blanks();
      if (at_end()) return fail("expected a parameter name, found the end of the spec");
      if (!is_name_start(peek())) return fail(fmt::format("expected a parameter name, found '{}'", peek()));
      const std::size_t key_pos = pos_;
      std::string key(read_name());
      for (const auto& [existing, value] : spec.args) {
        if (existing == key) return fail_at(key_pos, fmt::format("parameter '{}' given twice", key));
      }
      skip_blanks();
      if (at_end() || peek() != '=') {
        return fail(at_end() ? fmt::format("expected '=' after '{}', found the end of the spec", key)
                             : fmt::format("expected '=' after '{}', found '{}'", key, peek()));
      }
      ++pos_;
      skip_blanks();
      ParamValue value;
      if (auto s = read_value(key, value); !s) return s.error();
      spec.args.emplace_back(std::move(key), std::move(value));
      skip_blanks();
      if (at_end()) return fail("expected ',' or ')', found the end of the spec");
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ')') {
        ++pos_;
        return finish(std::move(spec));
      }
      return fail(fmt::format("expected ',' or ')', found '{}'", peek()));
    }
  }

 private:
  Result<ParsedSpec> finish(ParsedSpec spec) {
    skip_blanks();
    if (!at_end()) return fail(fmt::format("unexpected '{}' after ')'", peek()));
    return spec;
  }

  // The value is written through `out` (a Result<variant> trips GCC 12's maybe-uninitialized
  // analysis under the sanitizers).
  Status read_value(const std::string& key, ParamValue& out) {
    const std::size_t start = pos_;
    while (!at_end() && is_value_char(peek())) ++pos_;
    const std::string_view token = text_.substr(start, pos_ - start);
    if (token.empty()) {
      return at_end() ? fail(fmt::format("expected a value for '{}', found the end of the spec", key))
                      : fail(fmt::format("expected a value for '{}', found '{}'", key, peek()));
    }
    if (is_number(token)) {
      double v = 0;
      const char* first = token.data();
      if (*first == '+') ++first;
      const auto [ptr, ec] = std::from_chars(first, token.data() + token.size(), v);
      if (ec != std::errc() || ptr != token.data() + token.size() || !std::isfinite(v)) {
        return fail_at(start, fmt::format("number '{}' for '{}' is out of range", token, key));
      }
      out = v;
    } else if (token == "true") {
      out = true;
    } else if (token == "false") {
      out = false;
    } else if (token == "none") {
      out = ParamNone{};
    } else if (token.find('+') != std::string_view::npos) {
      return fail_at(start, fmt::format("'{}' is neither a number nor a name", token));
    } else {
      out = std::string(token);
    }
    return {};
  }

  std::string_view read_name() {
    const std::size_t start = pos_;
    while (!at_end() && is_name_char(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  void skip_blanks() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return text_[pos_]; }

  Error fail(std::string_view message) const { return fail_at(pos_, message); }
  Error fail_at(std::size_t pos, std::string_view message) const {
    return make_error(errc::bad_param, fmt::format("op spec '{}': position {}: {}", text_, pos + 1, message));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<ParsedSpec> parse_spec(std::string_view text) { return Parser(text).parse(); }

}  // namespace streams::analytics
