#include "analytics/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "analytics/indicators/indicator_registry.h"
#include "analytics/ops.h"
#include "core/json_writer.h"

namespace streams::analytics {
namespace {

std::string_view type_name(ParamType type) {
  switch (type) {
    case ParamType::integer: return "int";
    case ParamType::real: return "real";
    case ParamType::matype: return "matype";
  }
  return "int";
}

std::string number(double v) {
  if (v >= 3e37) return "3e37";
  if (v <= -3e37) return "-3e37";
  return fmt::format("{}", v);
}

std::string input_text(std::string_view input) {
  if (input == "real") return "real (price=close)";
  if (input == "real0") return "real0 (price0=high)";
  if (input == "real1") return "real1 (price1=low)";
  if (input == "periods") return "periods (periods=<column>)";
  return std::string(input);
}

}  // namespace

std::string catalog_text() {
  std::string out;
  std::map<std::string_view, std::vector<const IndicatorSpec*>> groups;
  for (const IndicatorSpec& spec : indicator_registry()) groups[spec.group].push_back(&spec);
  out += fmt::format("TA-Lib functions ({})\n", indicator_registry().size());
  for (const auto& [group, specs] : groups) {
    out += fmt::format("\n== {} ==\n", group);
    for (const IndicatorSpec* spec : specs) {
      out += fmt::format("{:<20} {}\n", spec->name, spec->description);
      std::vector<std::string> inputs;
      for (const auto input : spec->inputs) inputs.push_back(input_text(input));
      out += fmt::format("    inputs:  {}\n", fmt::join(inputs, ", "));
      if (!spec->params.empty()) {
        std::vector<std::string> params;
        for (const IndicatorParam& p : spec->params) {
          params.push_back(fmt::format("{}={} ({} {}..{})", p.name, number(p.default_value), type_name(p.type),
                                       number(p.min), number(p.max)));
        }
        out += fmt::format("    params:  {}\n", fmt::join(params, ", "));
      }
      std::vector<std::string_view> outputs;
      for (const IndicatorOutput& o : spec->outputs) outputs.push_back(o.name);
      out += fmt::format("    outputs: {}\n", fmt::join(outputs, ", "));
    }
  }
  out += fmt::format("\nOther ops ({})\n", op_registry().size());
  std::map<std::string_view, std::vector<const OpSpec*>> op_groups;
  for (const OpSpec& op : op_registry()) op_groups[op.group].push_back(&op);
  for (const auto& [group, ops] : op_groups) {
    out += fmt::format("\n== {} ==\n", group);
    for (const OpSpec* op : ops) {
      out += fmt::format("{:<20} {}\n", op->name, op->description);
      out += fmt::format("    inputs:  {}\n", op->multi_input ? "every input (2..N series)"
                                             : op->overlay   ? "high, low, close of the first input"
                                                             : "close of the first input");
      if (!op->params.empty()) {
        std::vector<std::string> params;
        for (const OpParamInfo& p : op->params) {
          params.push_back(fmt::format("{}={} ({}{}{})", p.name, p.default_value, p.type, p.help.empty() ? "" : " ",
                                       p.help));
        }
        out += fmt::format("    params:  {}\n", fmt::join(params, ", "));
      }
      out += fmt::format("    outputs: {}\n", fmt::join(op->outputs, ", "));
    }
  }
  return out;
}

std::string catalog_json() {
  JsonWriter w;
  w.begin_object();
  w.key("talib").begin_array();
  for (const IndicatorSpec& spec : indicator_registry()) {
    w.begin_object();
    w.key("name").value(spec.name);
    w.key("group").value(spec.group);
    w.key("description").value(spec.description);
    w.key("overlay").value(spec.overlay);
    w.key("inputs").begin_array();
    for (const auto input : spec.inputs) w.value(input);
    w.end_array();
    w.key("params").begin_array();
    for (const IndicatorParam& p : spec.params) {
      w.begin_object();
      w.key("name").value(p.name);
      w.key("type").value(type_name(p.type));
      w.key("default").value(p.default_value);
      w.key("min").value(p.min);
      w.key("max").value(p.max);
      w.end_object();
    }
    w.end_array();
    w.key("outputs").begin_array();
    for (const IndicatorOutput& o : spec.outputs) {
      w.begin_object();
      w.key("name").value(o.name);
      w.key("kind").value(o.kind == OutputKind::integer ? "integer" : o.kind == OutputKind::histogram ? "histogram" : "line");
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("ops").begin_array();
  for (const OpSpec& op : op_registry()) {
    w.begin_object();
    w.key("name").value(op.name);
    w.key("group").value(op.group);
    w.key("description").value(op.description);
    w.key("multi_input").value(op.multi_input);
    w.key("overlay").value(op.overlay);
    w.key("params").begin_array();
    for (const OpParamInfo& p : op.params) {
      w.begin_object();
      w.key("name").value(p.name);
      w.key("type").value(p.type);
      w.key("default").value(p.default_value);
      w.key("help").value(p.help);
      w.end_object();
    }
    w.end_array();
    w.key("outputs").begin_array();
    for (const auto o : op.outputs) w.value(o);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace streams::analytics
