// The PostgreSQL engine behind db::Connection, through libpq.
//
// Statements are rewritten from the stores' SQLite dialect (dialect.h) and
// prepared once per connection and parameter types (PQprepare), then run with
// PQexecPrepared: integers as int8, text as text, blobs as binary bytea, a NULL
// as "unknown" for the server to infer. Results come back as text; a bytea
// column is unescaped so text() gives the same bytes SQLite gives.
//
// Faults: a lost connection, SQLSTATE class 08, 57P01-57P03 (the server shuts
// down or starts), class 53 (disk full, out of memory, too many connections),
// 40001/40P01 (serialisation failure, deadlock), 55P03 (lock timeout) and 25006
// (a read-only standby after a fail-over) are Unavailable: nothing was written,
// retry later. Every other error is Error. A connection found broken reconnects
// at its next prepare() or exec() (its prepared statements are made again).
#pragma once

#include <memory>
#include <string>

#include "db/connection.h"

namespace tilfreds::db::detail {

// The code of an Unavailable thrown because PostgreSQL chose this transaction as the victim
// of a deadlock or a serialisation failure (40P01, 40001): two servers' writers adding to
// the same count rows in different orders. The other transaction goes on, so the writer
// runs the job again at once (Database::commit_batch) instead of failing a citizen with 503.
inline constexpr int kPostgresqlConflict = -40001;

// Connects to `uri`; throws Unavailable if the server cannot be reached.
std::unique_ptr<ConnectionBackend> open_postgresql(const std::string& uri, Durability durability);

}  // namespace tilfreds::db::detail
