// The audit log: who did what to which user or complaint, and when. Rows are only
// ever added: triggers in the schema refuse UPDATE and DELETE, so not even a bug
// in the application can rewrite history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

struct AuditEvent {
  std::optional<std::int64_t> actor_id;  // nullopt for the command line
  std::string actor_name;                // the user's name, or "cli"
  std::string action;                    // e.g. "create", "role", "disable", "view"
  std::string entity;                    // e.g. "user", "complaint"
  std::string entity_id;
  // The key of the citizen concerned (e.g. the complaint's receipt), so an admin can
  // answer "who looked at my case"; "" when none. The log cannot be anonymised
  // later, so subject and detail never hold anything a person typed (a name, a
  // contact, a complaint's text or unit, a note): only references, ids, codes from
  // closed lists, dates and the names of the fields that changed.
  std::string subject;
  std::string detail = "{}";  // JSON of what changed, within the rule above
};

// Appends `event`, stamped with the current UTC time. Runs inside the caller's
// transaction (a Database::write job), so the change and its audit row commit or
// roll back together. Throws Error on a database fault.
void record_audit(Connection& conn, const AuditEvent& event);

struct AuditRow {
  std::int64_t id = 0;
  std::string at;  // UTC ISO-8601
  std::optional<std::int64_t> actor_id;
  std::string actor_name;
  std::string action;
  std::string entity;
  std::string entity_id;
  std::string subject;
  std::string detail;
};

// Empty strings match everything.
struct AuditFilter {
  std::string subject;    // substring, case-insensitive for ASCII letters
  std::string entity;     // exact
  std::string entity_id;  // exact
  std::string actor;      // substring of the actor's name, case-insensitive for ASCII
  std::string action;     // exact
  std::string from;       // YYYY-MM-DD (UTC day), inclusive
  std::string to;         // YYYY-MM-DD (UTC day), inclusive
  int limit = 50;
  int offset = 0;
};

// The matching events, newest first, at most `limit` from `offset`. Ask for one
// more than a page to learn whether another page follows. A malformed date
// matches nothing rather than failing.
std::vector<AuditRow> find_audit(Connection& conn, const AuditFilter& filter);

}  // namespace tilfreds::db
