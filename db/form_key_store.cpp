#include "db/form_key_store.h"

namespace tilfreds::db {

std::optional<std::int64_t> find_form_key(Connection& conn, const std::string& form_key) {
  auto st = conn.prepare("SELECT complaint_id FROM complaint_form_key WHERE form_key = ?");
  st.bind_all(form_key);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

void record_form_key(Connection& conn, const std::string& form_key, std::int64_t complaint_id,
                     std::int64_t now, std::int64_t keep_seconds) {
  conn.prepare("DELETE FROM complaint_form_key WHERE created_at < ?").bind_all(now - keep_seconds).run();
  conn.prepare("INSERT INTO complaint_form_key (form_key, complaint_id, created_at) VALUES (?, ?, ?)")
      .bind_all(form_key, complaint_id, now)
      .run();
}

}  // namespace tilfreds::db
