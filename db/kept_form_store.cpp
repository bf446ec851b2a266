#include "db/kept_form_store.h"

namespace tilfreds::db {

void keep_form_row(Connection& conn, const KeptFormRow& row, std::int64_t kept_before, std::int64_t max_entries,
                   std::int64_t max_bytes) {
  conn.prepare("DELETE FROM kept_form WHERE at < ?").bind_all(kept_before).run();
  for (;;) {
    auto totals = conn.prepare("SELECT count(*), coalesce(sum(bytes), 0) FROM kept_form");
    totals.step();
    if (totals.int64(0) == 0 || (totals.int64(0) < max_entries && totals.int64(1) + row.bytes <= max_bytes)) break;
    conn.prepare("DELETE FROM kept_form WHERE id = (SELECT id FROM kept_form ORDER BY at, id LIMIT 1)").run();
  }
  conn.prepare(
          "INSERT INTO kept_form (id, binding, path, fields, file_left_out, bytes, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, row.id)
      .bind_blob(2, row.binding)
      .bind(3, row.path)
      .bind(4, row.fields)
      .bind(5, std::int64_t{row.file_left_out ? 1 : 0})
      .bind(6, row.bytes)
      .bind(7, row.at)
      .run();
}

std::optional<KeptFormRow> take_kept_form_row(Connection& conn, const std::string& id, const std::string& binding,
                                             const std::optional<std::string>& path, std::int64_t kept_before) {
  // Another browser's form is as good as none (and stays for its own browser).
  auto st = conn.prepare(
      "SELECT path, fields, file_left_out, bytes, at FROM kept_form WHERE id = ? AND binding = ? AND at >= ?");
  st.bind(1, id).bind_blob(2, binding).bind(3, kept_before);
  if (!st.step()) return std::nullopt;
  KeptFormRow row{id, binding, st.text(0), st.text(1), st.int64(2) != 0, st.int64(3), st.int64(4)};
  if (path && row.path != *path) return std::nullopt;
  // Only the server whose delete removed the row hands it out.
  conn.prepare("DELETE FROM kept_form WHERE id = ?").bind_all(id).run();
  if (conn.changes() != 1) return std::nullopt;
  return row;
}

}  // namespace tilfreds::db
