#pragma once
// OpResult → the JSON of `streams analyze` / GET /api/v1/analyze (BRIEF §4). Pure formatting
// into a string: one object whose keys are the SPEC strings in the order given; each value maps
// output names to arrays (null for NaN/inf), reals with 17 significant digits, matrices as arrays
// of rows, name lists as arrays of strings; a failed op is {"error": "..."}.

#include <string>
#include <string_view>

#include "analytics/op.h"
#include "core/json_writer.h"
#include "core/result.h"

namespace streams::analytics {

// Writes one op's value ({"name": [...], ...} or {"error": "..."}) at the writer's position.
void write_op_result(JsonWriter& writer, const Result<OpResult>& result);

// Builds the whole document, one op at a time.
class AnalyzeJson {
 public:
  AnalyzeJson();
  void add(std::string_view key, const Result<OpResult>& result);
  std::string finish();

 private:
  JsonWriter writer_{JsonWriter::RealFormat::significant17};
};

}  // namespace streams::analytics
