// The site settings table (migration 007): key → value, nothing more. Which keys
// exist and which values are valid is the caller's business (intake/settings);
// this file only reads and writes rows.
#pragma once

#include <map>
#include <string>

#include "db/connection.h"

namespace tilfreds::db {

// Every stored setting, by key. Empty when none is set. Throws Error on a fault.
std::map<std::string, std::string> list_settings(Connection& conn);

// Stores `value` under `key`, replacing an earlier value; an empty `value` removes
// the row (the setting is then not set). Returns the value it replaced, "" if
// none. Runs in the caller's transaction; throws Error on a fault.
std::string put_setting(Connection& conn, const std::string& key, const std::string& value);

}  // namespace tilfreds::db
