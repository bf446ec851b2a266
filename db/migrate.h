// Schema migrations: db/migrations/NNN_name.sql, embedded in the binary and applied
// in order, each in its own transaction, recorded in `schema_migration`.
#pragma once

#include "db/connection.h"

namespace tilfreds::db {

// Applies every embedded migration `conn`'s database has not seen. Throws Error if
// the database records a migration this binary does not have (a newer tilfreds
// wrote it) or if a migration fails (its transaction is rolled back).
void migrate(Connection& conn);

// Applies the embedded migrations up to and including `version` only: for tests
// that build a database as an older tilfreds left it, then open it with this one.
void migrate_to(Connection& conn, int version);

// The highest migration number this binary knows.
int latest_schema_version();

}  // namespace tilfreds::db
