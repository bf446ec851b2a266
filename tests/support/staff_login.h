// Staff users for HTTP tests: create one straight in the database and log a
// Browser in through the real /login form (its CSRF cookie included).
#pragma once

#include <cstdint>
#include <string>

#include "db/database.h"
#include "intake/staff/roles.h"
#include "tests/support/test_server.h"

namespace tilfreds::testing {

// Creates an active user (cheap argon2id; audited with actor "test") and returns
// its id. Throws std::runtime_error if the name or password is refused.
std::int64_t create_user(db::Database& db, const std::string& name, intake::staff::Role role,
                         const std::string& password);

// Fetches /login and posts the form; true when the server logged the browser in
// (303 with a tf_staff cookie). The browser then carries the session and its CSRF
// token is the session's once a staff page has been fetched.
bool login(Browser& browser, const std::string& name, const std::string& password);

// The page a 401 page's "log in again" link (/login?next=…) returns to, decoded;
// empty when the page has no such link.
std::string return_path(const std::string& lost_body);

}  // namespace tilfreds::testing
