// Handling a complaint: every change is a new version written together with its
// audit event in one transaction of the writer (db.write), so the audit log can
// never miss a change that was stored, nor record one that was not.
//
// The audit subject of every event about a complaint is "klage:<receipt>": the
// citizen's key when they ask who has looked at their case. Audit details name
// the changed fields and the new non-personal values, never the personal ones
// (name, contact, text): anonymisation can clear those in the complaint, not in
// the audit log, which cannot be edited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/complaint_store.h"
#include "db/database.h"

namespace tilfreds::intake::complaints {

struct Actor {
  std::optional<std::int64_t> id;  // staff user; nullopt = the public form or a command
  std::string name;
};

// The audit subject for a complaint's citizen.
std::string audit_subject(const std::string& receipt);

struct Registered {
  std::int64_t id = 0;
  std::string receipt;
  bool repeated = false;  // the form's key had stored this complaint already: nothing written
};

// Stores a new complaint (version 1) with a fresh receipt and audits "create".
// With a `form_key` (the public form's idempotency key), a key that already stored a
// complaint returns that complaint with `repeated` set instead, checked in the same
// transaction, so two posts of one form racing each other store one complaint.
// Throws db::Error (db::Unavailable when the database is busy) on faults.
Registered register_complaint(db::Database& db, const db::ComplaintState& state, const Actor& actor,
                              const std::string& form_key = {});

enum class UpdateOutcome {
  kSaved,      // a new version, audited
  kUnchanged,  // the form changed nothing: no version, no event
  kConflict,   // someone saved a newer version since `seen_version` was read: nothing written
  kNotFound,
};

// Appends `state` as a new version of complaint `id` if its current version is
// still `seen_version`, and audits "update" with the changed fields.
UpdateOutcome update_complaint(db::Database& db, std::int64_t id, std::int64_t seen_version,
                               const db::ComplaintState& state, const Actor& actor);

// Appends a note and audits "note". Returns false if there is no such complaint.
bool add_complaint_note(db::Database& db, std::int64_t id, const std::string& text, const Actor& actor);

// The complaint with its personal data, auditing "read" (who looked at the case).
// Returns nullopt (and audits nothing) if there is no such complaint.
std::optional<db::ComplaintRow> read_complaint(db::Database& db, std::int64_t id, const Actor& actor);

// Clears the personal data of every closed complaint whose last change is older
// than `older_than_days` days, auditing "anonymise" for each; returns their ids.
std::vector<std::int64_t> anonymise_closed(db::Database& db, int older_than_days, const Actor& actor);

}  // namespace tilfreds::intake::complaints
