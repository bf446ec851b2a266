#include "intake/staff/demo_users.h"

#include <algorithm>
#include <stdexcept>

#include "db/audit_store.h"
#include "db/staff_permission_store.h"
#include "db/staff_store.h"
#include "intake/staff/users.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::staff {

namespace {
constexpr const char* kDemoActor = "demo";
}  // namespace

std::optional<std::string> user_not_from_demo(db::Database& db) {
  return db.read([](db::Connection& c) -> std::optional<std::string> {
    for (const auto& user : db::list_staff_users(c)) {
      db::AuditFilter filter;
      filter.entity = "user";
      filter.entity_id = std::to_string(user.id);
      filter.action = "create";
      filter.actor = kDemoActor;
      auto created = db::find_audit(c, filter);
      bool by_demo = std::any_of(created.begin(), created.end(),
                                 [](const db::AuditRow& r) { return r.actor_name == kDemoActor && !r.actor_id; });
      if (!by_demo) return user.name;
    }
    return std::nullopt;
  });
}

std::vector<DemoLogin> demo_logins(db::Database& db, PasswordHasher& hasher) {
  if (auto other = user_not_from_demo(db)) {
    throw std::runtime_error("this is not a demo database: user '" + *other +
                             "' was not created by tilfreds demo, so no login is reset");
  }
  const Actor demo{std::nullopt, kDemoActor};
  std::vector<DemoLogin> out;
  for (const auto& account : {std::pair<std::string, Role>{"admin", Role::kAdmin},
                              std::pair<std::string, Role>{"sagsbehandler", Role::kStaff},
                              std::pair<std::string, Role>{"sekretaer", Role::kSecretary},
                              std::pair<std::string, Role>{"kvalitet", Role::kReviewer},
                              std::pair<std::string, Role>{"tilsyn", Role::kSecretary}}) {
    const std::string& name = account.first;
    const Role role = account.second;
    // 16 base64url characters of a 128-bit secret: 96 bits, past any guessing. A draw
    // the password rules refuse (a run like "abcde", by chance) is drawn again.
    std::string password = survey::new_secret().substr(0, 16);
    for (int i = 0; i < 20 && password_problem(password, name); ++i) password = survey::new_secret().substr(0, 16);
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
