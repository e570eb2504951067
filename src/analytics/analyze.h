#pragma once
// The engine behind `streams analyze` and GET /api/v1/analyze: runs one parsed SPEC over the
// input series. TA-Lib functions are looked up first in the indicator registry and run through
// an adapter (input columns, TA-Lib's parameter defaults and ranges, NaN-filled outputs of the
// input's length); other names are looked up in the op registry (ops.h).
//
// TA-Lib adapter conventions (python TA-Lib's, BRIEF §4):
//  - price inputs (open, high, low, close, volume) are the columns of the first input;
//  - a single "real" input is `close` unless `price=<column>` names another column;
//  - two-series functions (beta, correl, add, sub, mult, div) read `high` and `low` unless
//    `price0=` / `price1=` name other columns; mavp reads its periods from `periods=<column>`;
//  - rows before the first one where every input is a number are skipped, as python TA-Lib
//    does, so the lookback counts from there; all-NaN input gives all-null outputs.
// Pure: no I/O; safe to call from any thread.

#include <span>

#include "analytics/op.h"
#include "analytics/spec.h"
#include "core/result.h"

namespace streams::analytics {

Result<OpResult> run_op(const ParsedSpec& spec, std::span<const OpInput> inputs);

// Both registries know `name` (TA-Lib function or op).
bool op_exists(std::string_view name);

}  // namespace streams::analytics
