#pragma once
// Errors of the store layer.

#include <system_error>

namespace streams::store {

enum class errc {
  ok = 0,
  unavailable,       // cannot open / connect
  migration_failed,  // a numbered migration failed; nothing of it was applied
  schema_too_new,    // the database was migrated by a newer streams
  constraint,        // a row violates a constraint (e.g. bar with high < low)
  query_failed,
};

const std::error_category& store_category();
inline std::error_code make_error_code(errc e) { return {static_cast<int>(e), store_category()}; }

}  // namespace streams::store

template <>
struct std::is_error_code_enum<streams::store::errc> : std::true_type {};
