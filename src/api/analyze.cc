// GET /api/v1/analyze: the analytics engine (BRIEF §4 grammar) on stored, adjusted bars.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "analytics/analyze.h"
#include "analytics/ops.h"
#include "analytics/render.h"
#include "analytics/spec.h"
#include "api/bars_query.h"
#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"

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

// input=logreturns: each input becomes its day-on-day log returns of close, from the second bar
// on (so no leading NaN reaches acf/pacf), as a CSV of log returns would be to `streams analyze`.
void to_log_returns(std::vector<analytics::OpInput>& inputs) {
  for (analytics::OpInput& input : inputs) {
    const std::vector<double> close = input.columns["close"];
    analytics::OpInput out;
    out.name = input.name;
    auto& r = out.columns["close"];
    for (std::size_t i = 1; i < close.size(); ++i) {
      out.dates.push_back(input.dates[i]);
      r.push_back(std::log(close[i] / close[i - 1]));
    }
    input = std::move(out);
  }
}

// A single-series op (every TA-Lib function and every op but corr / rolling_corr).
bool single_series(const analytics::ParsedSpec& spec) {
  const analytics::OpSpec* op = analytics::find_op(spec.name);
  return op == nullptr || !op->multi_input;
}

Error op_error(const analytics::ParsedSpec& spec, std::string_view symbol, const Error& error) {
  if (symbol.empty()) return make_error(errc::invalid_parameter, fmt::format("parameter 'op' ({}): {}", spec.text, error.message));
  return make_error(errc::invalid_parameter, fmt::format("parameter 'op' ({}) on {}: {}", spec.text, symbol, error.message));
}

// each=true: {"dates": {SYM: [ISO...]}, SPEC: {SYM: outputs} for single-series ops, SPEC: outputs
// for corr / rolling_corr (they read every symbol). Daily dates as YYYY-MM-DD, minute bars as ISO
// timestamps.
Result<std::string> write_each(const BarsQuery& query, const std::vector<std::vector<Bar>>& series,
                               const std::vector<analytics::OpInput>& inputs,
                               const std::vector<analytics::ParsedSpec>& specs) {
  std::vector<std::vector<Result<analytics::OpResult>>> results;
  for (const auto& spec : specs) {
    auto& row = results.emplace_back();
    if (!single_series(spec)) {
      row.push_back(analytics::run_op(spec, inputs));
      if (!row.back()) return op_error(spec, "", row.back().error());
      continue;
    }
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      row.push_back(analytics::run_op(spec, std::span(inputs).subspan(k, 1)));
      if (!row.back()) return op_error(spec, inputs[k].name, row.back().error());
    }
  }
  JsonWriter writer(JsonWriter::RealFormat::significant17);
  writer.begin_object();
  writer.key("dates").begin_object();
  for (std::size_t k = 0; k < series.size(); ++k) {
    writer.key(inputs[k].name).begin_array();
    // Rows of the input (input=logreturns drops the first bar).
    for (std::size_t i = series[k].size() - inputs[k].size(); i < series[k].size(); ++i) {
      const Bar& bar = series[k][i];
      writer.value(query.timespan.intraday() ? bar.ts.iso() : Date::from_key(bar.ts).iso());
    }
    writer.end_array();
  }
  writer.end_object();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    writer.key(specs[i].text);
    if (!single_series(specs[i])) {
      analytics::write_op_result(writer, results[i][0]);
      continue;
    }
    writer.begin_object();
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      writer.key(inputs[k].name);
      analytics::write_op_result(writer, results[i][k]);
    }
    writer.end_object();
  }
  writer.end_object();
  return writer.take();
}

// Every op runs; the first failing one makes the answer a 400 naming it (a request either
// computes all it asked for or says what is wrong).
Result<std::string> produce_analysis(const BarsQuery& query, const std::vector<analytics::ParsedSpec>& specs, bool each,
                                     bool log_returns, const Services& services) {
  auto series = load_bars(query, services);
  if (!series) return series.error();
  std::vector<analytics::OpInput> inputs = to_inputs(query, *series);
  if (log_returns) to_log_returns(inputs);
  if (each) return write_each(query, *series, inputs, specs);
  analytics::AnalyzeJson json;
  for (const auto& spec : specs) {
    auto result = analytics::run_op(spec, inputs);
    if (!result) return op_error(spec, "", result.error());
    json.add(spec.text, result);
  }
  return json.finish();
}

Result<bool> parse_input(const Query& query) {
  auto text = single(query, "input");
  if (!text) return text.error();
  if (!*text || **text == "close") return false;
  if (**text == "logreturns") return true;
  return make_error(errc::invalid_parameter, fmt::format("parameter 'input': '{}' is not close or logreturns", **text));
}

Result<bool> parse_each(const Query& query) {
  auto text = single(query, "each");
  if (!text) return text.error();
  if (!*text || **text == "false" || **text == "0") return false;
  if (**text == "true" || **text == "1") return true;
  return make_error(errc::invalid_parameter, fmt::format("parameter 'each': '{}' is not true or false", **text));
}

}  // namespace

Response get_analyze(const Request& request, const PathParams&, const Services& services) {
  auto query = parse_bars_query(request.query, services.limits, {"symbols", "from", "to", "timespan", "adjust", "op", "each", "input"});
  if (!query) return error_response(query.error());
  auto specs = parse_ops(request.query);
  if (!specs) return error_response(specs.error());
  auto each = parse_each(request.query);
  if (!each) return error_response(each.error());
  auto log_returns = parse_input(request.query);
  if (!log_returns) return error_response(log_returns.error());
  const auto produce = [&] { return produce_analysis(*query, *specs, *each, *log_returns, services); };
  if (services.cache == nullptr || services.versions == nullptr) {
    auto body = produce();
    return body ? json_response(std::move(*body)) : error_response(body.error());
  }
  std::string key = std::string(*each ? "analyze-each|" : "analyze|") + (*log_returns ? "logreturns|" : "close|") +
                    bars_cache_key(*query, *services.versions);
  for (const auto& spec : *specs) key += "|" + spec.text;
  return cached_json(services, key, produce);
}

}  // namespace streams::api
