#include "core/adjustment.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/errc.h"

namespace streams {

Result<Adjust> parse_adjust(std::string_view text) {
  if (text == "none" || text == "raw" || text == "false") return Adjust::none;
  if (text == "splits" || text == "true") return Adjust::splits;
  if (text == "all") return Adjust::all;
  return make_error(core::errc::invalid_argument,
                    fmt::format("invalid adjustment '{}': expected none, splits or all", text));
}

std::string_view to_string(Adjust adjust) {
  switch (adjust) {
    case Adjust::none: return "none";
    case Adjust::splits: return "splits";
    case Adjust::all: return "all";
  }
  return "none";
}

void adjust_bars(std::span<Bar> bars, std::span<const Event> events, Adjust adjust, Timespan timespan) {
  if (adjust == Adjust::none || bars.empty()) return;
  std::vector<const Event*> actions;
  for (const Event& event : events) {
    const bool split = event.kind == EventKind::split && event.value > 0 && event.value != 1;
    const bool dividend = adjust == Adjust::all && event.kind == EventKind::dividend && event.value > 0;
    if (split || dividend) actions.push_back(&event);
  }
  if (actions.empty()) return;
  // Newest first: walking the bars backwards, an event starts to apply once its ex-date is passed.
  std::sort(actions.begin(), actions.end(), [](const Event* a, const Event* b) { return a->date > b->date; });

  const auto session = [&](const Bar& bar) {
    return timespan.intraday() ? exchange_date(bar.ts) : Date::from_key(bar.ts);
  };
  double price_factor = 1;
  double volume_factor = 1;
  std::size_t next_action = 0;
  bool have_later_close = false;
  double later_close = 0;  // unadjusted close of the earliest bar seen so far (the session after)
  for (std::size_t i = bars.size(); i-- > 0;) {
    Bar& bar = bars[i];
    const Date day = session(bar);
    while (next_action < actions.size() && actions[next_action]->date > day) {
      const Event& action = *actions[next_action++];
      if (action.kind == EventKind::split) {
        price_factor /= action.value;
        volume_factor *= action.value;
      } else if (have_later_close) {  // dividend: needs the ex-date session's close
        price_factor *= later_close / (later_close + action.value);
      }
    }
    later_close = bar.close;
    have_later_close = true;
    if (price_factor == 1 && volume_factor == 1) continue;
    bar.open *= price_factor;
    bar.high *= price_factor;
    bar.low *= price_factor;
    bar.close *= price_factor;
    bar.vwap *= price_factor;  // NaN stays NaN
    bar.volume *= volume_factor;
  }
}

}  // namespace streams
