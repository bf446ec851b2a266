// The demo's staff accounts: one per role, so whoever tries the demo can log in as
// a caseworker, a committee secretary or an administrator. Their passwords are new
// at every `tilfreds demo`, like the citizen link, and printed only then.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/staff/password.h"

namespace tilfreds::intake::staff {

struct DemoLogin {
  std::string name;
  std::string role;      // "admin", "staff", "secretary", "reviewer"
  std::string password;  // fresh; stored only as its argon2id hash
};

// A staff user in `db` that `tilfreds demo` did not create (its audited creator is
// not "demo"), or nullopt: then `db` is a demo database (or a new one) and the demo
// may reset its logins. The first such user's name, to say why the demo refuses.
std::optional<std::string> user_not_from_demo(db::Database& db);

// Creates the demo users admin, sagsbehandler, sekretaer, kvalitet (the reviewer) and
// tilsyn (a secretary with the supervisor permission) if missing and gives each a
// new random password (audited as changes by "demo"). Throws
// std::runtime_error, changing nothing, if `db` has a user the demo did not create
// (a real database: its admin's password must never be reset by a demo), and
// db::Error on a database fault.
std::vector<DemoLogin> demo_logins(db::Database& db, PasswordHasher& hasher);

}  // namespace tilfreds::intake::staff
