// Every row of every table, as text: for tests that prove a request changed
// nothing in the database (the hostile-input table), and for diagnosing one that did.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// Table name → its rows, each row its columns as SQL literals (quote()) joined by
// ',', sorted so the result does not depend on storage order. Covers every table
// in the schema, including migration bookkeeping. Throws Error as Connection does.
std::map<std::string, std::vector<std::string>> table_contents(Connection& conn);

}  // namespace tilfreds::db
