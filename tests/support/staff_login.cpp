#include "tests/support/staff_login.h"

#include <stdexcept>

#include "intake/staff/password.h"
#include "intake/staff/users.h"

namespace tilfreds::testing {

std::int64_t create_user(db::Database& db, const std::string& name, intake::staff::Role role,
                         const std::string& password) {
  intake::staff::PasswordHasher hasher(intake::staff::PasswordCost::kMinimum);
  auto result = intake::staff::add_user(db, hasher, {std::nullopt, "test"}, name, role, password);
  if (!result.ok()) {
    throw std::runtime_error("create_user " + name + ": " + result.problems.front().message);
  }
  return *result.value;
}

bool login(Browser& browser, const std::string& name, const std::string& password) {
  auto form = browser.get("/login");
  if (!form || form->status != 200) return false;
  auto r = browser.post("/login", {{"csrf", browser.csrf()}, {"navn", name}, {"adgangskode", password}});
  return r && r->status == 303 && browser.cookie("tf_staff").has_value();
}

}  // namespace tilfreds::testing
