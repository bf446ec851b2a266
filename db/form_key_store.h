// Idempotency keys of the public complaint form (migration 007): which complaint
// a form's key already stored, so a form posted twice files one complaint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.h"

namespace tilfreds::db {

// The complaint stored under `form_key`, or nullopt. Throws Error on a fault.
std::optional<std::int64_t> find_form_key(Connection& conn, const std::string& form_key);

// Records that `form_key` stored `complaint_id` at `now` (unix seconds) and deletes
// keys older than `keep_seconds`. Run it in the transaction that creates the
// complaint. Throws Error if the key is already recorded (check first).
void record_form_key(Connection& conn, const std::string& form_key, std::int64_t complaint_id,
                     std::int64_t now, std::int64_t keep_seconds);

}  // namespace tilfreds::db
