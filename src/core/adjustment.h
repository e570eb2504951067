#pragma once
// Price adjustment for corporate actions, as charts of long histories need it.
//  - Adjust::splits: prices before each split's ex-date are divided by its ratio and volumes
//    multiplied by it (what polygon.io's adjusted=true does).
//  - Adjust::all: splits as above, and prices before each dividend's ex-date multiplied by
//    close_ex / (close_ex + D), where close_ex is the unadjusted close of the ex-date session and
//    D the cash amount — the factor Alpha Vantage's adj_close uses (checked against all 208 price
//    files of the demo data, see tests/adjustment_test.cc). Volumes are adjusted for splits only.
// Factors are cumulative: a bar is adjusted by every event whose ex-date is after its session.
// Pure functions; no I/O.

#include <span>
#include <string_view>

#include "core/bar.h"
#include "core/instrument.h"
#include "core/result.h"

namespace streams {

enum class Adjust { none, splits, all };

// "none" (also "raw", "false"), "splits" (also "true"), "all".
Result<Adjust> parse_adjust(std::string_view text);
std::string_view to_string(Adjust adjust);

// Adjusts `bars` (ascending ts, one instrument) in place for `events` (any order; earnings are
// ignored). Intraday bars are matched to events by their New York session date. A split whose
// ex-date is after the last bar still applies to every bar; a dividend whose ex-date is after the
// last bar is skipped (its ex-date close is unknown), so pass bars up to the present for `all`.
void adjust_bars(std::span<Bar> bars, std::span<const Event> events, Adjust adjust,
                 Timespan timespan = Timespan::daily());

}  // namespace streams
