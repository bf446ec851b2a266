// Setting up case review (the admin's part): areas with risk level, frequency,
// sample size and light thresholds; scheme versions; and clearing old case
// references (`review anonymise`). Each change writes an audit event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.h"
#include "db/review_store.h"
#include "intake/problem.h"
#include "intake/staff/users.h"

namespace tilfreds::intake::review {

// Validates and stores the area. Problems: an id that is not a stable id or is
// taken ("ID"), an empty name ("--name"), an unknown risk or frequency, a sample
// size below 1, thresholds not 0 <= yellow <= green <= 100.
Problems add_area(db::Database& db, const staff::Actor& actor, const db::ReviewAreaRow& area);

// Parses, validates and stores a scheme version. Problems: JSON paths from
// parse_scheme, an unknown area ("/area"), a version stored before with other
// content ("/version"), a valid_from not after the previous version's.
// Returns the stored row (its version) when fine; kUnchanged imports are fine.
Result<db::ReviewSchemeRow> import_scheme(db::Database& db, const staff::Actor& actor, const std::string& json_text);

// Clears the case references of reviews whose review date is more than `days`
// days before `today` (ISO date); returns how many were cleared.
std::int64_t anonymise_reviews(db::Database& db, const staff::Actor& actor, int days, const std::string& today);

}  // namespace tilfreds::intake::review
