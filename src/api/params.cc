#include "api/params.h"

#include <fmt/format.h>

#include <algorithm>

#include "api/errc.h"

namespace streams::api {

Status check_known(const Query& query, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string expected;
      for (const std::string_view k : known) {
        if (!expected.empty()) expected += ", ";
        expected += k;
      }
      return make_error(errc::unknown_parameter,
                        fmt::format("unknown parameter '{}' (this endpoint takes: {})", name,
                                    expected.empty() ? std::string("none") : expected));
    }
  }
  return {};
}

Result<std::optional<std::string>> single(const Query& query, std::string_view name) {
  auto [first, last] = query.equal_range(name);
  if (first == last) return std::optional<std::string>{};
  if (std::next(first) != last) {
    return make_error(errc::invalid_parameter, fmt::format("parameter '{}' is given more than once", name));
  }
  if (first->second.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{first->second};
}

Result<std::optional<Date>> date_param(const Query& query, std::string_view name) {
  auto text = single(query, name);
  if (!text) return text.error();
  if (!*text) return std::optional<Date>{};
  auto date = Date::parse(**text);
  if (!date) {
    return make_error(errc::invalid_parameter,
                      fmt::format("parameter '{}': {} (expected YYYY-MM-DD)", name, date.error().message));
  }
  return std::optional<Date>{*date};
}

Status check_order(const std::optional<Date>& from, const std::optional<Date>& to) {
  if (from && to && *from > *to) {
    return make_error(errc::invalid_parameter,
                      fmt::format("parameter 'from' ({}) is after parameter 'to' ({})", from->iso(), to->iso()));
  }
  return {};
}

}  // namespace streams::api
