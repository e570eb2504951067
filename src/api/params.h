#pragma once
// Query-parameter checks shared by the handlers. Every failure names the parameter.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "api/message.h"
#include "core/result.h"
#include "core/time.h"

namespace streams::api {

// Fails (unknown_parameter, "unknown parameter 'x'") on the first name not in `known`.
Status check_known(const Query& query, std::initializer_list<std::string_view> known);

// The value of a parameter given at most once; nullopt when absent or empty. Fails
// (invalid_parameter) when it is given more than once.
Result<std::optional<std::string>> single(const Query& query, std::string_view name);

// An optional ISO date parameter ("YYYY-MM-DD").
Result<std::optional<Date>> date_param(const Query& query, std::string_view name);

// Fails when both dates are set and from > to (names both parameters).
Status check_order(const std::optional<Date>& from, const std::optional<Date>& to);

}  // namespace streams::api
