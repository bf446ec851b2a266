#include "intake/complaints/handling.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "db/form_key_store.h"
#include "intake/complaints/complaint.h"

namespace tilfreds::intake::complaints {

namespace {
constexpr const char* kEntity = "complaint";
// A form is valid for hours (PublicFormOptions::max_form_age_seconds); its key is kept
// two days, so a resend from a tab left open overnight still finds its complaint.
constexpr std::int64_t kFormKeySeconds = 2 * 24 * 60 * 60;

void audit(db::Connection& c, const Actor& actor, const char* action, std::int64_t id,
           const std::string& receipt, const nlohmann::json& detail) {
  db::record_audit(c, db::AuditEvent{actor.id, actor.name, action, kEntity, std::to_string(id),
                                     audit_subject(receipt), detail.dump()});
}

nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
nlohmann::json opt(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

// The values of a state the audit log may keep: dates, ids and codes from closed
// lists. Free text (name, contact, text, and the unit typed in "Enhed") never enters
// the log, which cannot be anonymised; that it changed shows in "changed".
nlohmann::json audited_values(const db::ComplaintState& s) {
  return {{"received_on", s.received_on},   {"channel", s.channel},
          {"offer_id", opt(s.offer_id)},
          {"benefit_group", s.benefit_group}, {"categories", s.categories},
          {"status", s.status},             {"assignee_id", opt(s.assignee_id)},
          {"deadline", s.deadline},         {"outcome", s.outcome},
          {"decided_on", opt(s.decided_on)}, {"forwarded_to", s.forwarded_to},
          {"forwarded_on", opt(s.forwarded_on)}, {"forward_result", s.forward_result}};
}
// 'YYYY-MM-DD HH:MM:SS' in UTC, as SQLite's datetime('now') writes changed_at.
std::string utc_days_ago(int days) {
  std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days) * 24 * 60 * 60;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &utc);
  return buf;
}
}  // namespace

std::string audit_subject(const std::string& receipt) { return "klage:" + receipt; }

Registered register_complaint(db::Database& db, const db::ComplaintState& state, const Actor& actor,
                              const std::string& form_key) {
  Registered out;
  db.write([&](db::Connection& c) {
    if (!form_key.empty()) {
      if (auto earlier = db::find_form_key(c, form_key)) {
        if (auto row = db::find_complaint(c, *earlier)) {
          out = Registered{row->id, row->receipt, true};
          return;
        }
      }
    }
    out = Registered{0, new_receipt(), false};
    out.id = db::create_complaint(c, out.receipt, state, actor.id);
    if (!form_key.empty()) {
      db::record_form_key(c, form_key, out.id, static_cast<std::int64_t>(std::time(nullptr)), kFormKeySeconds);
    }
    audit(c, actor, "create", out.id, out.receipt, {{"version", 1}, {"values", audited_values(state)}});
  });
  return out;
}

UpdateOutcome update_complaint(db::Database& db, std::int64_t id, std::int64_t seen_version,
                               const db::ComplaintState& state, const Actor& actor) {
  UpdateOutcome outcome = UpdateOutcome::kNotFound;
  db.write([&](db::Connection& c) {
    auto current = db::find_complaint(c, id);
    if (!current) return;
    if (current->version != seen_version) {
      outcome = UpdateOutcome::kConflict;
      return;
    }
    auto changed = changed_fields(current->state, state);
    if (changed.empty()) {
      outcome = UpdateOutcome::kUnchanged;
      return;
    }
    auto version = db::add_complaint_version(c, id, state, actor.id);
    nlohmann::json values = audited_values(state), detail_values = nlohmann::json::object();
    for (const auto& f : changed) {
      if (values.contains(f)) detail_values[f] = values[f];
    }
    audit(c, actor, "update", id, current->receipt,
          {{"version", *version}, {"changed", changed}, {"values", detail_values}});
    outcome = UpdateOutcome::kSaved;
  });
  return outcome;
}

bool add_complaint_note(db::Database& db, std::int64_t id, const std::string& text, const Actor& actor) {
  bool found = false;
  db.write([&](db::Connection& c) {
    auto current = db::find_complaint(c, id);
    if (!current) return;
    std::int64_t note = db::add_note(c, id, text, actor.id);
    audit(c, actor, "note", id, current->receipt, {{"note_id", note}});
    found = true;
  });
  return found;
}

std::optional<db::ComplaintRow> read_complaint(db::Database& db, std::int64_t id, const Actor& actor) {
  std::optional<db::ComplaintRow> row;
  db.write([&](db::Connection& c) {
    row = db::find_complaint(c, id);
    if (row) audit(c, actor, "read", id, row->receipt, {{"version", row->version}});
  });
  return row;
}

std::vector<std::int64_t> anonymise_closed(db::Database& db, int older_than_days, const Actor& actor) {
  std::vector<std::int64_t> done;
  std::string before = utc_days_ago(older_than_days);
  db.write([&](db::Connection& c) {
    for (std::int64_t id : db::closed_before(c, before)) {
      auto row = db::find_complaint(c, id);
      db::anonymise_complaint(c, id);
      audit(c, actor, "anonymise", id, row->receipt, {{"older_than_days", older_than_days}});
      done.push_back(id);
    }
  });
  return done;
}

}  // namespace tilfreds::intake::complaints
