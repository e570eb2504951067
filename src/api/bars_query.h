#pragma once
// The bars query shared by GET /api/v1/bars and GET /api/v1/analyze: parameter parsing, loading
// with split/dividend adjustment, and the response-cache key (bars.cc).

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/message.h"
#include "api/services.h"
#include "core/adjustment.h"
#include "core/bar.h"
#include "core/symbol.h"
#include "core/time.h"

namespace streams::api {

struct BarsQuery {
  std::vector<Symbol> symbols;  // request order, duplicates dropped
  std::optional<Date> from;
  std::optional<Date> to;
  Timespan timespan = Timespan::daily();
  Adjust adjust = Adjust::splits;
};

// symbols, from, to, timespan and adjust; any parameter outside `known` is an error.
Result<BarsQuery> parse_bars_query(const Query& query, const Limits& limits, std::initializer_list<std::string_view> known);
// One adjusted series per symbol, in request order; an unknown symbol is not_found.
Result<std::vector<std::vector<Bar>>> load_bars(const BarsQuery& query, const Services& services);
std::string bars_cache_key(const BarsQuery& query, const cache::Versions& versions);

}  // namespace streams::api
