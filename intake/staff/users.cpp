#include "intake/staff/users.h"

#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "db/staff_store.h"
#include "intake/text.h"

namespace tilfreds::intake::staff {

namespace {
constexpr const char* kNoUser = "staff_error_no_user";
constexpr const char* kLastAdmin = "staff_error_last_admin";

void audit(db::Connection& c, const Actor& actor, const char* action, std::int64_t user_id,
           const nlohmann::json& detail) {
  db::record_audit(c, db::AuditEvent{actor.id, actor.name, action, "user", std::to_string(user_id),
                                     "", detail.dump()});
}

// Whether taking `row`'s admin rights away would leave nobody to manage users.
bool is_last_admin(db::Connection& c, const db::StaffUserRow& row) {
  return row.role == "admin" && row.active && db::count_active_admins(c) <= 1;
}
}  // namespace

std::optional<std::string> name_problem(const std::string& name) {
  if (name.size() < 2 || name.size() > 64 || !is_valid_utf8(name)) return "staff_error_name_invalid";
  for (unsigned char ch : name) {
    if (ch <= 0x20 || ch == 0x7f) return "staff_error_name_invalid";
  }
  return std::nullopt;
}

Result<std::int64_t> add_user(db::Database& db, PasswordHasher& hasher, const Actor& actor,
                              const std::string& name, Role role, const std::string& password) {
  Result<std::int64_t> result;
  if (auto p = name_problem(name)) result.problems.push_back({"name", *p});
  if (auto p = password_problem(password, name)) result.problems.push_back({"password", *p});
  if (!result.problems.empty()) return result;
  std::string hash = hasher.hash(password);
  db.write([&](db::Connection& c) {
    result.value = db::insert_staff_user(c, name, role_name(role), hash);
    if (result.value) {
      audit(c, actor, "create", *result.value, {{"name", name}, {"role", role_name(role)}});
    }
  });
  if (!result.value) result.problems.push_back({"name", "staff_error_name_taken"});
  return result;
}

Problems change_role(db::Database& db, const Actor& actor, std::int64_t user_id, Role role) {
  Problems problems;
  db.write([&](db::Connection& c) {
    auto row = db::find_staff_user(c, user_id);
    if (!row) return problems.push_back({"user", kNoUser});
    if (row->role == role_name(role)) return;
    if (role != Role::kAdmin && is_last_admin(c, *row)) return problems.push_back({"role", kLastAdmin});
    db::set_staff_role(c, user_id, role_name(role));
    db::delete_staff_sessions_of(c, user_id);
    audit(c, actor, "role", user_id, {{"before", row->role}, {"after", role_name(role)}});
  });
  return problems;
}

Problems set_active(db::Database& db, const Actor& actor, std::int64_t user_id, bool active) {
  Problems problems;
  db.write([&](db::Connection& c) {
    auto row = db::find_staff_user(c, user_id);
    if (!row) return problems.push_back({"user", kNoUser});
    if (row->active == active) return;
    if (!active && is_last_admin(c, *row)) return problems.push_back({"user", kLastAdmin});
    db::set_staff_active(c, user_id, active);
    if (!active) db::delete_staff_sessions_of(c, user_id);
    audit(c, actor, active ? "enable" : "disable", user_id,
          {{"before", {{"active", row->active}}}, {"after", {{"active", active}}}});
  });
  return problems;
}

Problems reset_password(db::Database& db, PasswordHasher& hasher, const Actor& actor,
                        std::int64_t user_id, const std::string& password) {
  auto row = db.read([&](db::Connection& c) { return db::find_staff_user(c, user_id); });
  if (!row) return {{"user", kNoUser}};
  if (auto p = password_problem(password, row->name)) return {{"password", *p}};
  std::string hash = hasher.hash(password);
  Problems problems;
  db.write([&](db::Connection& c) {
    if (!db::set_staff_password(c, user_id, hash)) return problems.push_back({"user", kNoUser});
    db::delete_staff_sessions_of(c, user_id);
    // The hash itself is never logged.
    audit(c, actor, "password", user_id, nlohmann::json::object());
  });
  return problems;
}

}  // namespace tilfreds::intake::staff
