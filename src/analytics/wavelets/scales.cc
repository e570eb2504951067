#include "analytics/wavelets/scales.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "analytics/errc.h"
#include "analytics/op.h"

namespace streams::analytics::wavelets {

namespace {

bool number(std::string_view text, double& out) {
  if (text.empty()) return false;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc{} && ptr == end && std::isfinite(out);
}

}  // namespace

Result<std::vector<double>> parse_scales(std::string_view text) {
  const auto malformed = [&] {
    return bad_param("scales", fmt::format("'{}' is not a number, a:b or a:b:step", text));
  };
  double parts[3] = {0, 0, 1};
  std::size_t count = 0;
  std::string_view rest = text;
  while (true) {
    const auto colon = rest.find(':');
    if (count == 3 || !number(rest.substr(0, colon), parts[count])) return malformed();
    ++count;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  if (count == 1) {
    if (!(parts[0] > 0)) return bad_param("scales", fmt::format("{} is not > 0", parts[0]));
    return std::vector<double>{parts[0]};
  }
  const double first = parts[0];
  const double last = parts[1];
  const double step = parts[2];
  if (!(first > 0)) return bad_param("scales", fmt::format("the first scale {} is not > 0", first));
  if (!(step > 0)) return bad_param("scales", fmt::format("the step {} is not > 0", step));
  if (last < first) return bad_param("scales", fmt::format("'{}' is empty (end below start)", text));
  // numpy.arange(first, last + step, step) semantics without its float overshoot: k*step added to first.
  const double n = std::floor((last - first) / step + 1e-9) + 1;
  if (n > static_cast<double>(k_max_scales)) {
    return bad_param("scales", fmt::format("'{}' gives {} scales, more than {}", text, n, k_max_scales));
  }
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(n));
  for (std::size_t k = 0; k < static_cast<std::size_t>(n); ++k) out.push_back(first + static_cast<double>(k) * step);
  return out;
}

}  // namespace streams::analytics::wavelets
