// Complaints as a chain of versions. Every change a member of staff makes is a
// new complaint_version row (the highest is the current state) and every note is
// a new row; nothing is deleted. Personal data — the citizen's name and contact,
// the complaint text and the note texts — sit in their own columns so that
// anonymise_complaint can clear them in every version while the columns that
// statistics read stay.
//
// Values (channel, status, outcome, categories) are stored as the words the
// intake layer validated; this store does not interpret them, except `status`
// and `deadline` for the "overdue" filter and the retention query.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// The content of one version.
struct ComplaintState {
  std::string received_on;  // ISO date
  std::string channel;
  std::optional<std::int64_t> offer_id;
  std::string unit;
  std::string benefit_group;
  std::string categories;  // comma-separated
  std::string status = "received";
  std::optional<std::int64_t> assignee_id;
  std::string deadline;  // ISO date
  std::string outcome;
  std::optional<std::string> decided_on;
  std::string forwarded_to;
  std::optional<std::string> forwarded_on;
  std::string forward_result;
  // Personal data; nullopt once anonymised (or never given).
  std::optional<std::string> citizen_name;
  std::optional<std::string> citizen_contact;
  std::optional<std::string> text;
};

struct ComplaintRow {
  std::int64_t id = 0;
  std::string receipt;
  std::string created_at;
  bool anonymised = false;
  std::int64_t version = 0;
  std::string changed_at;
  std::optional<std::int64_t> changed_by;  // staff user; nullopt = the public form
  ComplaintState state;
};

// Inserts a complaint and its version 1; returns its id. Throws Error if the
// receipt is already taken (the caller draws 80 random bits: a bug or a clash).
std::int64_t create_complaint(Connection& conn, const std::string& receipt,
                              const ComplaintState& state, std::optional<std::int64_t> actor);

// Appends `state` as the next version of complaint `id`; returns the new version
// number, or nullopt if there is no such complaint.
std::optional<std::int64_t> add_complaint_version(Connection& conn, std::int64_t id,
                                                  const ComplaintState& state,
                                                  std::optional<std::int64_t> actor);

// The current version of complaint `id`, or nullopt.
std::optional<ComplaintRow> find_complaint(Connection& conn, std::int64_t id);

// Every version of complaint `id`, oldest first; empty if there is none.
std::vector<ComplaintRow> complaint_versions(Connection& conn, std::int64_t id);

struct ComplaintFilter {
  std::optional<std::string> status;
  std::optional<std::int64_t> offer_id;
  std::optional<std::string> category;   // one of the comma-separated categories
  std::optional<std::string> overdue_on;  // ISO date: open (received/in progress) with deadline before it
  std::optional<std::string> search;      // substring of receipt, unit, name, contact or text
  int limit = 200;
};

// The current versions matching every given filter, newest received first.
std::vector<ComplaintRow> list_complaints(Connection& conn, const ComplaintFilter& filter);

// What the staff list shows of a complaint's current version.
struct ComplaintSummary {
  std::int64_t id = 0;
  std::string receipt;
  std::string received_on;  // ISO date
  std::optional<std::int64_t> offer_id;
  std::string unit;
  std::string status;
  std::string deadline;  // ISO date
};

// The same rows with only what the staff list shows: seven columns instead of 24 (the
// complaint's text among them), each row seven values instead of a ComplaintRow's 24.
std::vector<ComplaintSummary> list_complaint_summaries(Connection& conn, const ComplaintFilter& filter);

// The current versions of complaints received in [from, to] (ISO dates, both
// inclusive), for statistics. Personal columns are left empty.
std::vector<ComplaintRow> complaints_received(Connection& conn, const std::string& from,
                                              const std::string& to);

struct NoteRow {
  std::int64_t id = 0;
  std::string written_at;
  std::optional<std::int64_t> author_id;
  std::optional<std::string> text;  // nullopt once anonymised
};

// Appends a note to complaint `id`; returns the note id. Throws Error if the
// complaint does not exist.
std::int64_t add_note(Connection& conn, std::int64_t complaint_id, const std::string& text,
                      std::optional<std::int64_t> author);

// The notes of complaint `id`, oldest first.
std::vector<NoteRow> complaint_notes(Connection& conn, std::int64_t complaint_id);

// Closed, not yet anonymised complaints whose current version was written before
// `cutoff` (a UTC datetime 'YYYY-MM-DD HH:MM:SS' or date), by id.
std::vector<std::int64_t> closed_before(Connection& conn, const std::string& cutoff);

// Clears name, contact and text in every version and the text of every note, and
// marks the complaint anonymised. Returns false if there is no such complaint.
bool anonymise_complaint(Connection& conn, std::int64_t id);

}  // namespace tilfreds::db
