// The demo's staff accounts: one per role, so whoever tries the demo can log in as
// a caseworker, a committee secretary or an administrator. Their passwords are new
// at every `tilfreds demo`, like the citizen link, and printed only then.
#pragma once

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

// Creates the demo users admin, sagsbehandler and sekretaer if missing and gives
// each a new random password (audited as changes by "demo"). Throws db::Error on
// a database fault.
std::vector<DemoLogin> demo_logins(db::Database& db, PasswordHasher& hasher);

}  // namespace tilfreds::intake::staff
