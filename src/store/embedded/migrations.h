#pragma once
// The numbered schema migrations of the embedded store, oldest first. A migration is never edited
// once released: change the schema by appending a new one. Each runs in its own transaction
// together with its row in schema_version.

#include <span>

namespace streams::store::embedded {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> migrations();

}  // namespace streams::store::embedded
