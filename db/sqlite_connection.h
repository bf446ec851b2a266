// The SQLite engine behind db::Connection: one file, WAL, secure_delete.
#pragma once

#include <memory>
#include <string>

#include "db/connection.h"

namespace tilfreds::db::detail {

// Opens (creating if needed) the file at `path`; throws Unavailable if it cannot.
std::unique_ptr<ConnectionBackend> open_sqlite(const std::string& path, Durability durability);

}  // namespace tilfreds::db::detail
