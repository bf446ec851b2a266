#include "db/staff_permission_store.h"

namespace tilfreds::db {

bool grant_permission(Connection& conn, std::int64_t user_id, const std::string& permission) {
  conn.prepare("INSERT INTO staff_permission (user_id, permission, granted_at)"
               " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ON CONFLICT DO NOTHING")
      .bind_all(user_id, permission)
      .run();
  return conn.changes() > 0;
}

bool revoke_permission(Connection& conn, std::int64_t user_id, const std::string& permission) {
  conn.prepare("DELETE FROM staff_permission WHERE user_id = ? AND permission = ?")
      .bind_all(user_id, permission)
      .run();
  return conn.changes() > 0;
}

bool has_permission(Connection& conn, std::int64_t user_id, const std::string& permission) {
  auto st = conn.prepare("SELECT 1 FROM staff_permission WHERE user_id = ? AND permission = ?");
  st.bind_all(user_id, permission);
  return st.step();
}

std::vector<std::string> permissions_of(Connection& conn, std::int64_t user_id) {
  auto st = conn.prepare("SELECT permission FROM staff_permission WHERE user_id = ? ORDER BY permission");
  st.bind_all(user_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

}  // namespace tilfreds::db
