#include "core/symbol.h"

#include <fmt/format.h>

#include "core/errc.h"

namespace streams {

Result<Symbol> Symbol::parse(std::string_view text) {
  if (text.empty() || text.size() > max_length) {
    return make_error(core::errc::invalid_symbol,
                      fmt::format("invalid symbol '{}': expected 1 to {} characters", text, max_length));
  }
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '^' ||
                         c == '_';
    if (!allowed) {
      return make_error(core::errc::invalid_symbol,
                        fmt::format("invalid symbol '{}': only letters, digits and . - ^ _ are allowed", text));
    }
  }
  return Symbol(std::move(out));
}

}  // namespace streams
