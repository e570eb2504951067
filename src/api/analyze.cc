// GET /api/v1/analyze: the analytics engine (BRIEF §4 grammar) on stored, adjusted bars.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "analytics/analyze.h"
#include "analytics/render.h"
#include "analytics/spec.h"
#include "api/bars_query.h"
#include "api/errc.h"
#include "api/handlers.h"

namespace streams::api {
namespace {

constexpr std::size_t max_ops = 20;

Result<std::vector<analytics::ParsedSpec>> parse_ops(const Query& query) {
  std::vector<analytics::ParsedSpec> specs;
  const auto [first, last] = query.equal_range("op");
  for (auto it = first; it != last; ++it) {
    auto spec = analytics::parse_spec(it->second);
    if (!spec) {
      return make_error(errc::invalid_parameter, fmt::format("parameter 'op' ({}): {}", it->second, spec.error().message));
    }
    specs.push_back(std::move(*spec));
  }
  if (specs.empty()) {
    return make_error(errc::missing_parameter, "parameter 'op' is required, e.g. op=rsi(timeperiod=14); repeat it for more");
  }
  if (specs.size() > max_ops) {
    return make_error(errc::limit_exceeded, fmt::format("parameter 'op': at most {} ops per request", max_ops));
  }
  return specs;
}

// Each series becomes an input named after its symbol, as a CSV file stem would be.
std::vector<analytics::OpInput> to_inputs(const BarsQuery& query, const std::vector<std::vector<Bar>>& series) {
  std::vector<analytics::OpInput> inputs;
  for (std::size_t k = 0; k < series.size(); ++k) {
    analytics::OpInput input;
    input.name = query.symbols[k].str();
    auto& open = input.columns["open"];
    auto& high = input.columns["high"];
    auto& low = input.columns["low"];
    auto& close = input.columns["close"];
    auto& volume = input.columns["volume"];
    for (const Bar& bar : series[k]) {
      const Date session = query.timespan.intraday() ? exchange_date(bar.ts) : Date::from_key(bar.ts);
      input.dates.push_back(session.days());
      open.push_back(bar.open);
      high.push_back(bar.high);
      low.push_back(bar.low);
      close.push_back(bar.close);
      volume.push_back(bar.volume);
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

// Every op runs; the first failing one makes the answer a 400 naming it (a request either
// computes all it asked for or says what is wrong).
Result<std::string> produce_analysis(const BarsQuery& query, const std::vector<analytics::ParsedSpec>& specs,
                                     const Services& services) {
  auto series = load_bars(query, services);
  if (!series) return series.error();
  const std::vector<analytics::OpInput> inputs = to_inputs(query, *series);
  analytics::AnalyzeJson json;
  for (const auto& spec : specs) {
    auto result = analytics::run_op(spec, inputs);
    if (!result) {
      return make_error(errc::invalid_parameter, fmt::format("parameter 'op' ({}): {}", spec.text, result.error().message));
    }
    json.add(spec.text, result);
  }
  return json.finish();
}

}  // namespace

Response get_analyze(const Request& request, const PathParams&, const Services& services) {
  auto query = parse_bars_query(request.query, services.limits, {"symbols", "from", "to", "timespan", "adjust", "op"});
  if (!query) return error_response(query.error());
  auto specs = parse_ops(request.query);
  if (!specs) return error_response(specs.error());
  const auto produce = [&] { return produce_analysis(*query, *specs, services); };
  if (services.cache == nullptr || services.versions == nullptr) {
    auto body = produce();
    return body ? json_response(std::move(*body)) : error_response(body.error());
  }
  std::string key = "analyze|" + bars_cache_key(*query, *services.versions);
  for (const auto& spec : *specs) key += "|" + spec.text;
  return cached_json(services, key, produce);
}

}  // namespace streams::api
