#include "core/instrument.h"

#include <fmt/format.h>

#include "core/errc.h"

namespace streams {

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::earnings: return "earnings";
    case EventKind::dividend: return "dividend";
    case EventKind::split: return "split";
  }
  return "earnings";
}

Result<EventKind> parse_event_kind(std::string_view text) {
  if (text == "earnings") return EventKind::earnings;
  if (text == "dividend") return EventKind::dividend;
  if (text == "split") return EventKind::split;
  return make_error(core::errc::invalid_argument,
                    fmt::format("invalid event kind '{}': expected earnings, dividend or split", text));
}

}  // namespace streams
