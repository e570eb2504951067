// GET /api/v1/indicators: the registry's metadata for listings and UI forms — every TA-Lib
// function (group, inputs, parameters with type/default/range, outputs, overlay or pane below)
// and every other op of the analytics engine, in one list.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "analytics/indicators/indicator_registry.h"
#include "analytics/ops.h"
#include "api/errc.h"
#include "api/handlers.h"
#include "api/params.h"
#include "core/json_writer.h"

namespace streams::api {
namespace {

std::string_view type_name(analytics::ParamType type) {
  switch (type) {
    case analytics::ParamType::integer:
      return "int";
    case analytics::ParamType::real:
      return "real";
    case analytics::ParamType::matype:
      return "matype";
  }
  return "int";
}

std::string_view output_kind(analytics::OutputKind kind) {
  switch (kind) {
    case analytics::OutputKind::line:
      return "line";
    case analytics::OutputKind::histogram:
      return "histogram";
    case analytics::OutputKind::integer:
      return "integer";
  }
  return "line";
}

void range_value(JsonWriter& json, double v) {
  if (std::isinf(v)) {
    json.null();
  } else {
    json.value(v);
  }
}

// "a | b | c" → ["a", "b", "c"] (the choices convention of OpParamInfo::help).
std::vector<std::string_view> split_choices(std::string_view help) {
  std::vector<std::string_view> out;
  while (!help.empty()) {
    const std::size_t bar = help.find('|');
    std::string_view item = help.substr(0, bar);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(item);
    if (bar == std::string_view::npos) break;
    help.remove_prefix(bar + 1);
  }
  return out;
}

void write_talib(JsonWriter& json, const analytics::IndicatorSpec& spec) {
  json.begin_object();
  json.key("name").value(spec.name).key("group").value(spec.group).key("description").value(spec.description);
  json.key("source").value("talib").key("overlay").value(spec.overlay);
  json.key("inputs").begin_array();
  for (const std::string_view input : spec.inputs) json.value(input);
  json.end_array();
  json.key("params").begin_array();
  for (const analytics::IndicatorParam& p : spec.params) {
    json.begin_object().key("name").value(p.name).key("type").value(type_name(p.type));
    json.key("default").value(p.default_value).key("min").value(p.min).key("max").value(p.max);
    json.end_object();
  }
  json.end_array();
  json.key("outputs").begin_array();
  for (const analytics::IndicatorOutput& o : spec.outputs) {
    json.begin_object().key("name").value(o.name).key("kind").value(output_kind(o.kind)).end_object();
  }
  json.end_array();
  json.end_object();
}

void write_op(JsonWriter& json, const analytics::OpSpec& op) {
  json.begin_object();
  json.key("name").value(op.name).key("group").value(op.group).key("description").value(op.description);
  json.key("source").value("op").key("overlay").value(op.overlay).key("multi_input").value(op.multi_input);
  json.key("params").begin_array();
  for (const analytics::OpParamInfo& p : op.params) {
    json.begin_object().key("name").value(p.name).key("type").value(p.type);
    json.key("default");
    double number = 0;
    const auto* end = p.default_value.data() + p.default_value.size();
    const bool numeric =
        (p.type == "int" || p.type == "real") && std::from_chars(p.default_value.data(), end, number).ptr == end;
    if (numeric) {
      json.value(number);
    } else if (p.type == "bool" && (p.default_value == "true" || p.default_value == "false")) {
      json.value(p.default_value == "true");
    } else {
      json.value(p.default_value);
    }
    json.key("min");
    range_value(json, p.min);
    json.key("max");
    range_value(json, p.max);
    if (p.type == "choice") {
      json.key("choices").begin_array();
      for (const std::string_view choice : split_choices(p.help)) json.value(choice);
      json.end_array();
    }
    json.key("help").value(p.help);
    json.end_object();
  }
  json.end_array();
  json.key("outputs").begin_array();
  for (const std::string_view o : op.outputs)
    json.begin_object().key("name").value(o).key("kind").value("line").end_object();
  json.end_array();
  json.end_object();
}

std::string produce_indicators() {
  JsonWriter json;
  json.reserve(96 * 1024);
  json.begin_object().key("indicators").begin_array();
  std::size_t count = 0;
  for (const analytics::IndicatorSpec& spec : analytics::indicator_registry()) {
    write_talib(json, spec);
    ++count;
  }
  for (const analytics::OpSpec& op : analytics::op_registry()) {
    write_op(json, op);
    ++count;
  }
  json.end_array().key("count").value(count).end_object();
  return json.take();
}

}  // namespace

Response get_indicators(const Request& request, const PathParams&, const Services&) {
  if (auto known = check_known(request.query, {}); !known) return error_response(known.error());
  // The registries are compiled in: one body for the life of the process.
  static const std::string body = produce_indicators();
  return json_response(body);
}

}  // namespace streams::api
