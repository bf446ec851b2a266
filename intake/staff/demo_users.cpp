#include "intake/staff/demo_users.h"

#include "db/staff_store.h"
#include "intake/staff/users.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::staff {

std::vector<DemoLogin> demo_logins(db::Database& db, PasswordHasher& hasher) {
  const Actor demo{std::nullopt, "demo"};
  std::vector<DemoLogin> out;
  for (auto [name, role] : {std::pair{"admin", Role::kAdmin}, std::pair{"sagsbehandler", Role::kStaff},
                            std::pair{"sekretaer", Role::kSecretary}}) {
    // 16 base64url characters of a 128-bit secret: 96 bits, past any guessing.
    std::string password = survey::new_secret().substr(0, 16);
    auto existing = db.read([&](db::Connection& c) { return db::find_staff_user_by_name(c, name); });
    Problems problems = existing ? reset_password(db, hasher, demo, existing->id, password)
                                 : add_user(db, hasher, demo, name, role, password).problems;
    if (!problems.empty()) {
      throw std::runtime_error("demo user " + std::string(name) + ": " + problems.front().message);
    }
    out.push_back({name, role_name(role), password});
  }
  return out;
}

}  // namespace tilfreds::intake::staff
