#include "db/settings_store.h"

namespace tilfreds::db {

std::map<std::string, std::string> list_settings(Connection& conn) {
  auto st = conn.prepare("SELECT key, value FROM site_setting");
  std::map<std::string, std::string> out;
  while (st.step()) out.emplace(st.text(0), st.text(1));
  return out;
}

std::string put_setting(Connection& conn, const std::string& key, const std::string& value) {
  std::string before;
  {
    auto st = conn.prepare("SELECT value FROM site_setting WHERE key = ?");
    st.bind_all(key);
    if (st.step()) before = st.text(0);
  }
  if (value.empty()) {
    conn.prepare("DELETE FROM site_setting WHERE key = ?").bind_all(key).run();
  } else {
    conn.prepare("INSERT INTO site_setting (key, value, changed_at) VALUES (?, ?, datetime('now'))"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at")
        .bind_all(key, value)
        .run();
  }
  return before;
}

}  // namespace tilfreds::db
