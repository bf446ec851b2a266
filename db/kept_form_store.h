// Staff forms kept over a lost session (intake/staff/form_stash.h) as rows of
// kept_form (migration 013), for servers that share one database. The fields
// arrive already encoded (JSON text); this file never reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.h"

namespace tilfreds::db {

struct KeptFormRow {
  std::string id;
  std::string binding;  // bytes (a SHA-256), stored as a blob
  std::string path;
  std::string fields;
  bool file_left_out = false;
  std::int64_t bytes = 0;
  std::int64_t at = 0;
};

// Deletes the forms kept before `kept_before`, then the oldest until fewer than
// `max_entries` remain and `row.bytes` more fit under `max_bytes`; then inserts `row`.
void keep_form_row(Connection& conn, const KeptFormRow& row, std::int64_t kept_before, std::int64_t max_entries,
                   std::int64_t max_bytes);
// The form under `id` kept at or after `kept_before` for `binding` (and `path`, when
// given), deleted on the way out (so one server hands it out, once); nullopt when
// there is none, or it is another browser's or another page's (then it stays).
std::optional<KeptFormRow> take_kept_form_row(Connection& conn, const std::string& id, const std::string& binding,
                                             const std::optional<std::string>& path, std::int64_t kept_before);

}  // namespace tilfreds::db
