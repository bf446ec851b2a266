#include "db/audit_store.h"

namespace tilfreds::db {

void record_audit(Connection& conn, const AuditEvent& e) {
  auto st = conn.prepare(
      "INSERT INTO audit_event (at, actor_id, actor_name, action, entity, entity_id, subject, detail)"
      " VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?, ?)");
  if (e.actor_id) {
    st.bind(1, *e.actor_id);
  } else {
    st.bind_null(1);
  }
  st.bind(2, e.actor_name)
      .bind(3, e.action)
      .bind(4, e.entity)
      .bind(5, e.entity_id)
      .bind(6, e.subject)
      .bind(7, e.detail.empty() ? std::string("{}") : e.detail)
      .run();
}

std::vector<AuditRow> find_audit(Connection& conn, const AuditFilter& f) {
  // One statement for every filter combination: an empty parameter disables its test.
  auto st = conn.prepare(
      "SELECT id, at, actor_id, actor_name, action, entity, entity_id, subject, detail"
      " FROM audit_event WHERE"
      " (?1 = '' OR instr(lower(subject), lower(?1)) > 0) AND"
      " (?2 = '' OR entity = ?2) AND"
      " (?3 = '' OR entity_id = ?3) AND"
      " (?4 = '' OR instr(lower(actor_name), lower(?4)) > 0) AND"
      " (?5 = '' OR action = ?5) AND"
      " (?6 = '' OR at >= date(?6)) AND"
      " (?7 = '' OR at < date(?7, '+1 day'))"
      " ORDER BY at DESC, id DESC LIMIT ?8 OFFSET ?9");
  st.bind_all(f.subject, f.entity, f.entity_id, f.actor, f.action, f.from, f.to,
              static_cast<std::int64_t>(f.limit < 0 ? 0 : f.limit),
              static_cast<std::int64_t>(f.offset < 0 ? 0 : f.offset));
  std::vector<AuditRow> out;
  while (st.step()) {
    AuditRow r;
    r.id = st.int64(0);
    r.at = st.text(1);
    if (!st.is_null(2)) r.actor_id = st.int64(2);
    r.actor_name = st.text(3);
    r.action = st.text(4);
    r.entity = st.text(5);
    r.entity_id = st.text(6);
    r.subject = st.text(7);
    r.detail = st.text(8);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tilfreds::db
