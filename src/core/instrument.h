#pragma once
// Reference data beside the bars: instruments, corporate and calendar events, macro series.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/symbol.h"
#include "core/time.h"

namespace streams {

struct Instrument {
  Symbol symbol;
  std::string name;
  std::string sector;    // GICS sector, e.g. "Information Technology"
  std::string industry;  // GICS sub-industry, e.g. "Technology Hardware, Storage & Peripherals"
  std::string exchange;
  std::string currency = "USD";
  bool active = true;
};

enum class EventKind : std::uint8_t { earnings, dividend, split };
std::string_view to_string(EventKind kind);
Result<EventKind> parse_event_kind(std::string_view text);

// A dated event of one instrument. value: the cash amount of a dividend, the ratio of a split
// (new shares per old share: 4 for AAPL's 4:1), unused (NaN) for earnings. time_of_day: "bmo",
// "amc" or empty when unknown.
struct Event {
  Symbol symbol;
  Date date;
  EventKind kind = EventKind::earnings;
  double value = 0;
  std::string time_of_day;
};

// One observation of a macro series (FRED convention: monthly series dated the 1st).
struct MacroPoint {
  Date date;
  double value = 0;
};

}  // namespace streams
