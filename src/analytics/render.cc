#include "analytics/render.h"

#include <type_traits>
#include <variant>

namespace streams::analytics {

void write_op_result(JsonWriter& writer, const Result<OpResult>& result) {
  writer.begin_object();
  if (!result) {
    writer.key("error").value(result.error().message);
    writer.end_object();
    return;
  }
  for (const OpOutput& output : result->outputs) {
    writer.key(output.name);
    std::visit(
        [&](const auto& data) {
          using T = std::decay_t<decltype(data)>;
          if constexpr (std::is_same_v<T, std::vector<double>>) {
            writer.array(data);
          } else if constexpr (std::is_same_v<T, std::vector<std::vector<double>>>) {
            writer.begin_array();
            for (const auto& row : data) writer.array(row);
            writer.end_array();
          } else {
            writer.begin_array();
            for (const auto& text : data) writer.value(std::string_view(text));
            writer.end_array();
          }
        },
        output.data);
  }
  writer.end_object();
}

AnalyzeJson::AnalyzeJson() { writer_.begin_object(); }

void AnalyzeJson::add(std::string_view key, const Result<OpResult>& result) {
  writer_.key(key);
  write_op_result(writer_, result);
}

std::string AnalyzeJson::finish() {
  writer_.end_object();
  return writer_.take();
}

}  // namespace streams::analytics
