// Permissions a staff user holds beside their role (migration 009): today only
// "supervisor", which lets a user of any role enter the external supervision's
// ratings of the offers. Kept apart from staff_user so that a new permission
// never rebuilds that table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// Grants `permission` to the user; returns false when they held it already.
// Throws Error when the user does not exist or the permission is unknown.
bool grant_permission(Connection& conn, std::int64_t user_id, const std::string& permission);
// Takes it away; returns false when they did not hold it.
bool revoke_permission(Connection& conn, std::int64_t user_id, const std::string& permission);
bool has_permission(Connection& conn, std::int64_t user_id, const std::string& permission);
// The user's permissions, by name.
std::vector<std::string> permissions_of(Connection& conn, std::int64_t user_id);

}  // namespace tilfreds::db
