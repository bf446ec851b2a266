// Managing staff accounts, the same for the admin pages and the command line:
// each change is checked, written and audited in one transaction (issue 5: every
// change to a user is in the audit log).
//
// Problems carry the form field in `where` ("name", "role", "password", "user")
// and a UI text key in `message` (templates/text/*.json), so the browser shows it
// in Danish and the command line in English.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/staff/password.h"
#include "intake/staff/roles.h"

namespace tilfreds::intake::staff {

// Who makes a change, as the audit log records it.
struct Actor {
  std::optional<std::int64_t> id;  // nullopt for the command line
  std::string name;

  static Actor cli() { return Actor{std::nullopt, "cli"}; }
};

// The problem key for a user name: 2–64 bytes of UTF-8 without spaces or control
// characters; nullopt if fine.
std::optional<std::string> name_problem(const std::string& name);

// Creates an active user; its id, or problems (name invalid or taken, password weak).
Result<std::int64_t> add_user(db::Database& db, PasswordHasher& hasher, const Actor& actor,
                              const std::string& name, Role role, const std::string& password);

// Each returns no problems on success. A change that would leave no active admin
// is refused ("staff_error_last_admin"); an unknown id is "staff_error_no_user".
// Role changes, disabling and password resets end the user's sessions.
Problems change_role(db::Database& db, const Actor& actor, std::int64_t user_id, Role role);
Problems set_active(db::Database& db, const Actor& actor, std::int64_t user_id, bool active);
Problems reset_password(db::Database& db, PasswordHasher& hasher, const Actor& actor,
                        std::int64_t user_id, const std::string& password);

}  // namespace tilfreds::intake::staff
