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
      .bind_all(row.id, row.binding, row.path, row.fields, std::int64_t{row.file_left_out ? 1 : 0}, row.bytes, row.at)
      .run();
}

std::optional<KeptFormRow> take_kept_form_row(Connection& conn, const std::string& id, const std::string& binding,
                                             const std::optional<std::string>& path, std::int64_t kept_before) {
  auto st = conn.prepare(
      "SELECT binding, path, fields, file_left_out, bytes, at FROM kept_form WHERE id = ? AND at >= ?");
  st.bind_all(id, kept_before);
  if (!st.step()) return std::nullopt;
  KeptFormRow row{id, st.text(0), st.text(1), st.text(2), st.int64(3) != 0, st.int64(4), st.int64(5)};
  if (row.binding != binding || (path && row.path != *path)) return std::nullopt;
  // Only the server whose delete removed the row hands it out.
  conn.prepare("DELETE FROM kept_form WHERE id = ?").bind_all(id).run();
  if (conn.changes() != 1) return std::nullopt;
  return row;
}

}  // namespace tilfreds::db
