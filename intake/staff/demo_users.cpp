#include "intake/staff/demo_users.h"

#include "db/staff_permission_store.h"
#include "db/staff_store.h"
#include "intake/staff/users.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::staff {

std::vector<DemoLogin> demo_logins(db::Database& db, PasswordHasher& hasher) {
  const Actor demo{std::nullopt, "demo"};
  std::vector<DemoLogin> out;
  for (const auto& account : {std::pair<std::string, Role>{"admin", Role::kAdmin},
                              std::pair<std::string, Role>{"sagsbehandler", Role::kStaff},
                              std::pair<std::string, Role>{"sekretaer", Role::kSecretary},
                              std::pair<std::string, Role>{"tilsyn", Role::kSecretary}}) {
    const std::string& name = account.first;
    const Role role = account.second;
    // 16 base64url characters of a 128-bit secret: 96 bits, past any guessing.
    std::string password = survey::new_secret().substr(0, 16);
    auto existing = db.read([&](db::Connection& c) { return db::find_staff_user_by_name(c, name); });
    Problems problems = existing ? reset_password(db, hasher, demo, existing->id, password)
                                 : add_user(db, hasher, demo, name, role, password).problems;
    if (!problems.empty()) {
      throw std::runtime_error("demo user " + name + ": " + problems.front().message);
    }
    std::string shown = role_name(role);
    if (name == "tilsyn") {
      // The external supervisor: reads reports and enters the offers' smileys.
      db.write([&](db::Connection& c) {
        db::grant_permission(c, db::find_staff_user_by_name(c, name)->id, "supervisor");
      });
      shown += " + supervisor";
    }
    out.push_back({name, shown, password});
  }
  return out;
}

}  // namespace tilfreds::intake::staff
