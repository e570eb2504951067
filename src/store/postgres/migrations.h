#pragma once
// The numbered schema migrations of the PostgreSQL store, oldest first, each applied in its own
// transaction together with its row in schema_migrations. Never edit a released migration: append.

#include <span>

namespace streams::store::postgres {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> migrations();

}  // namespace streams::store::postgres
