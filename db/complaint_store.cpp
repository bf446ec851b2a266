#include "db/complaint_store.h"

namespace tilfreds::db {

namespace {
constexpr const char* kCurrentColumns =
    "SELECT id, receipt, created_at, anonymised, version, changed_at, changed_by,"
    " received_on, channel, offer_id, unit, benefit_group, categories, status, assignee_id,"
    " deadline, outcome, decided_on, forwarded_to, forwarded_on, forward_result,"
    " citizen_name, citizen_contact, text FROM complaint_current ";

std::optional<std::int64_t> optional_id(const Statement& st, int column) {
  if (st.is_null(column)) return std::nullopt;
  return st.int64(column);
}

ComplaintRow row_from(const Statement& st, bool personal) {
  ComplaintRow r;
  r.id = st.int64(0);
  r.receipt = st.text(1);
  r.created_at = st.text(2);
  r.anonymised = st.int64(3) != 0;
  r.version = st.int64(4);
  r.changed_at = st.text(5);
  r.changed_by = optional_id(st, 6);
  ComplaintState& s = r.state;
  s.received_on = st.text(7);
  s.channel = st.text(8);
  s.offer_id = optional_id(st, 9);
  s.unit = st.text(10);
  s.benefit_group = st.text(11);
  s.categories = st.text(12);
  s.status = st.text(13);
  s.assignee_id = optional_id(st, 14);
  s.deadline = st.text(15);
  s.outcome = st.text(16);
  s.decided_on = st.optional_text(17);
  s.forwarded_to = st.text(18);
  s.forwarded_on = st.optional_text(19);
  s.forward_result = st.text(20);
  if (personal) {
    s.citizen_name = st.optional_text(21);
    s.citizen_contact = st.optional_text(22);
    s.text = st.optional_text(23);
  }
  return r;
}

void insert_version(Connection& conn, std::int64_t id, std::int64_t version,
                    const ComplaintState& s, std::optional<std::int64_t> actor) {
  auto st = conn.prepare(
      "INSERT INTO complaint_version (complaint_id, version, changed_at, changed_by,"
      " received_on, channel, offer_id, unit, benefit_group, categories, status, assignee_id,"
      " deadline, outcome, decided_on, forwarded_to, forwarded_on, forward_result,"
      " citizen_name, citizen_contact, text)"
      " VALUES (?1, ?2, datetime('now'), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
      " ?15, ?16, ?17, ?18, ?19, ?20)");
  st.bind(1, id).bind(2, version);
  st.bind(3, actor);
  st.bind(4, s.received_on).bind(5, s.channel);
  st.bind(6, s.offer_id);
  st.bind(7, s.unit).bind(8, s.benefit_group).bind(9, s.categories).bind(10, s.status);
  st.bind(11, s.assignee_id);
  st.bind(12, s.deadline).bind(13, s.outcome).bind(14, s.decided_on).bind(15, s.forwarded_to);
  st.bind(16, s.forwarded_on).bind(17, s.forward_result);
  st.bind(18, s.citizen_name).bind(19, s.citizen_contact).bind(20, s.text);
  st.run();
}
}  // namespace

std::int64_t create_complaint(Connection& conn, const std::string& receipt,
                              const ComplaintState& state, std::optional<std::int64_t> actor) {
  // current_version (migration 012) names the row complaint_current shows: set here and
  // in add_complaint_version, inside the caller's write transaction with the version.
  conn.prepare("INSERT INTO complaint (receipt, created_at, current_version) VALUES (?, datetime('now'), 1)")
      .bind_all(receipt)
      .run();
  std::int64_t id = conn.last_insert_rowid();
  insert_version(conn, id, 1, state, actor);
  return id;
}

std::optional<std::int64_t> add_complaint_version(Connection& conn, std::int64_t id,
                                                  const ComplaintState& state,
                                                  std::optional<std::int64_t> actor) {
  auto st = conn.prepare("SELECT MAX(version) FROM complaint_version WHERE complaint_id = ?");
  st.bind_all(id);
  if (!st.step() || st.is_null(0)) return std::nullopt;
  std::int64_t next = st.int64(0) + 1;
  insert_version(conn, id, next, state, actor);
  conn.prepare("UPDATE complaint SET current_version = ? WHERE id = ?").bind_all(next, id).run();
  return next;
}

std::optional<ComplaintRow> find_complaint(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kCurrentColumns) + "WHERE id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return row_from(st, true);
}

std::vector<ComplaintRow> complaint_versions(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(
      "SELECT c.id, c.receipt, c.created_at, c.anonymised, v.version, v.changed_at, v.changed_by,"
      " v.received_on, v.channel, v.offer_id, v.unit, v.benefit_group, v.categories, v.status,"
      " v.assignee_id, v.deadline, v.outcome, v.decided_on, v.forwarded_to, v.forwarded_on,"
      " v.forward_result, v.citizen_name, v.citizen_contact, v.text"
      " FROM complaint c JOIN complaint_version v ON v.complaint_id = c.id"
      " WHERE c.id = ? ORDER BY v.version");
  st.bind_all(id);
  std::vector<ComplaintRow> out;
  while (st.step()) out.push_back(row_from(st, true));
  return out;
}

namespace {
// The filter of list_complaints and list_complaint_summaries: only the conditions given,
// each with its own placeholder in the order bind_filter() binds them. A condition kept
// as `?1 IS NULL OR …` is tested on every row even when it is not set (bench/README.md,
// page_bench, session 14); there are at most 32 such statements to prepare and keep.
std::string filter_clause(const ComplaintFilter& f) {
  std::string where;
  auto add = [&](const char* condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  if (f.status) add("status = ?");
  if (f.offer_id) add("offer_id = ?");
  if (f.category) add("',' || categories || ',' LIKE '%,' || ? || ',%'");
  if (f.overdue_on) add("(status IN ('received', 'in_progress') AND deadline < ?)");
  if (f.search) {
    add("instr(lower(receipt || ' ' || unit || ' ' || coalesce(citizen_name, '')"
        " || ' ' || coalesce(citizen_contact, '') || ' ' || coalesce(text, '')), lower(?)) > 0");
  }
  // complaint_id = id, in the index: no sort.
  return where + " ORDER BY received_on DESC, complaint_id DESC LIMIT ?";
}

void bind_filter(Statement& st, const ComplaintFilter& f) {
  int i = 1;
  if (f.status) st.bind(i++, f.status);
  if (f.offer_id) st.bind(i++, f.offer_id);
  if (f.category) st.bind(i++, f.category);
  if (f.overdue_on) st.bind(i++, f.overdue_on);
  if (f.search) st.bind(i++, f.search);
  st.bind(i, std::int64_t{f.limit});
}
}  // namespace

std::vector<ComplaintRow> list_complaints(Connection& conn, const ComplaintFilter& f) {
  auto st = conn.prepare(std::string(kCurrentColumns) + filter_clause(f));
  bind_filter(st, f);
  std::vector<ComplaintRow> out;
  while (st.step()) out.push_back(row_from(st, true));
  return out;
}

std::vector<ComplaintSummary> list_complaint_summaries(Connection& conn, const ComplaintFilter& f) {
  auto st = conn.prepare("SELECT id, receipt, received_on, offer_id, unit, status, deadline FROM complaint_current" +
                         filter_clause(f));
  bind_filter(st, f);
  std::vector<ComplaintSummary> out;
  out.reserve(64);
  while (st.step()) {
    ComplaintSummary& r = out.emplace_back();
    r.id = st.int64(0);
    r.receipt = st.text(1);
    r.received_on = st.text(2);
    r.offer_id = optional_id(st, 3);
    r.unit = st.text(4);
    r.status = st.text(5);
    r.deadline = st.text(6);
  }
  return out;
}

std::vector<ComplaintRow> complaints_received(Connection& conn, const std::string& from,
                                              const std::string& to) {
  auto st = conn.prepare(std::string(kCurrentColumns) +
                         "WHERE received_on BETWEEN ? AND ? ORDER BY id");
  st.bind_all(from, to);
  std::vector<ComplaintRow> out;
  while (st.step()) out.push_back(row_from(st, false));
  return out;
}

std::int64_t add_note(Connection& conn, std::int64_t complaint_id, const std::string& text,
                      std::optional<std::int64_t> author) {
  auto st = conn.prepare(
      "INSERT INTO complaint_note (complaint_id, written_at, author_id, text)"
      " VALUES (?, datetime('now'), ?, ?)");
  st.bind(1, complaint_id);
  st.bind(2, author);
  st.bind(3, text);
  st.run();
  return conn.last_insert_rowid();
}

std::vector<NoteRow> complaint_notes(Connection& conn, std::int64_t complaint_id) {
  auto st = conn.prepare(
      "SELECT id, written_at, author_id, text FROM complaint_note WHERE complaint_id = ?"
      " ORDER BY id");
  st.bind_all(complaint_id);
  std::vector<NoteRow> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1), optional_id(st, 2), st.optional_text(3)});
  return out;
}

std::vector<std::int64_t> closed_before(Connection& conn, const std::string& cutoff) {
  auto st = conn.prepare(
      "SELECT id FROM complaint_current WHERE status = 'closed' AND anonymised = 0"
      " AND changed_at < ? ORDER BY id");
  st.bind_all(cutoff);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.int64(0));
  return out;
}

bool anonymise_complaint(Connection& conn, std::int64_t id) {
  conn.prepare("UPDATE complaint SET anonymised = 1 WHERE id = ?").bind_all(id).run();
  if (conn.changes() == 0) return false;
  // Every field a person typed, in every version: the unit ("Enhed") is free text too.
  conn.prepare("UPDATE complaint_version SET citizen_name = NULL, citizen_contact = NULL,"
               " text = NULL, unit = '' WHERE complaint_id = ?")
      .bind_all(id)
      .run();
  conn.prepare("UPDATE complaint_note SET text = NULL WHERE complaint_id = ?").bind_all(id).run();
  // The journal's frames still hold the cleared text until a checkpoint overwrites it.
  conn.forget_journal_after_commit();
  return true;
}

}  // namespace tilfreds::db
