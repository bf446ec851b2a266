// Moving a deployment from one engine to the other (issue 17): every row of every
// table, from a SQLite file to a PostgreSQL database or back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

struct TableCopy {
  std::string table;
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;  // counted after the commit
};

struct CopyResult {
  // Empty when copied; else why nothing was copied (the target holds rows already,
  // or the two schemas differ), in words for the operator.
  std::string refused;
  std::vector<TableCopy> tables;  // in the order copied: parents before children
};

// Migrates both to this tilfreds's schema, then copies every table's rows in
// foreign-key order inside ONE transaction on `to`, while `from` is held in a
// write transaction of its own (nothing changes under the copy); identity
// sequences on the target continue after the copied ids. Refuses, touching no
// row, when any table of `to` has rows. Throws Error on a fault (nothing of the
// copy is kept) and when the counts on the two sides differ after the commit.
CopyResult copy_database(Connection& from, Connection& to);

}  // namespace tilfreds::db
