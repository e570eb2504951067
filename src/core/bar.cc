#include "core/bar.h"

#include <array>
#include <fmt/format.h>

#include "core/errc.h"

namespace streams {
namespace {
constexpr std::array<std::string_view, 6> unit_names{"second", "minute", "hour", "day", "week", "month"};
}

std::string_view to_string(TimespanUnit unit) { return unit_names.at(static_cast<std::size_t>(unit)); }

Result<Timespan> Timespan::parse_unit(std::string_view unit) {
  for (std::size_t i = 0; i < unit_names.size(); ++i) {
    if (unit == unit_names[i]) return Timespan{static_cast<TimespanUnit>(i), 1};
  }
  return make_error(core::errc::invalid_timespan,
                    fmt::format("invalid timespan '{}': expected one of second, minute, hour, day, week, month", unit));
}

}  // namespace streams
