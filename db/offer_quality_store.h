// The quality figures of the offers per half-year, beside the register in
// offer_store.h: the supervisor's smiley (a chain of versions per offer and
// period, the highest current), the effect counts, the citizens' age bands, and
// the municipality's targets per overview column. Counts and judgements of
// offers only: nothing here names a citizen. Callers validate (intake/offers);
// the schema's CHECKs are the last line, and violate them with a db::Error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// ---- Supervision ratings -------------------------------------------------------

struct RatingRow {
  std::int64_t offer_id = 0;
  std::string period;     // "2026H1"
  std::int64_t version = 0;
  std::string smiley;     // "glad", "neutral", "sur"
  std::string visited_on;  // ISO date
  std::string supervisor;
  std::string summary;
  std::string changed_at;  // UTC ISO-8601
  std::optional<std::int64_t> changed_by;  // staff user; nullopt from the command line
  std::string changed_by_name;
};

// Stores `r` (offer_id, period, smiley, visited_on, supervisor, summary,
// changed_by, changed_by_name; version and changed_at are ignored) as the next
// version of its offer and period and returns that version (1 for the first).
// Throws Error on a database fault or a value the schema refuses.
std::int64_t add_rating_version(Connection& conn, const RatingRow& r);

// The current (highest) version for `offer_id` in `period`, or nullopt.
std::optional<RatingRow> current_rating(Connection& conn, std::int64_t offer_id, const std::string& period);

// The current version of every rated offer in `period`, by offer id.
std::vector<RatingRow> current_ratings(Connection& conn, const std::string& period);

// Every version for `offer_id`, newest period and version first.
std::vector<RatingRow> rating_history(Connection& conn, std::int64_t offer_id);

// ---- Effects and age bands -------------------------------------------------------

struct EffectRow {
  std::int64_t offer_id = 0;
  std::string period;
  std::int64_t ended = 0;
  std::int64_t in_work = 0;
  std::int64_t in_education = 0;
};

struct AgeRow {
  std::int64_t offer_id = 0;
  std::string period;
  std::int64_t under_30 = 0;
  std::int64_t age_30_49 = 0;
  std::int64_t age_50_plus = 0;
};

// Records (or replaces) the row of its offer and period.
void put_effect(Connection& conn, const EffectRow& row);
void put_age(Connection& conn, const AgeRow& row);

// The rows of `period` (offer_id = 0) or of one offer in every period
// (period = ""), by period then offer id.
std::vector<EffectRow> list_effects(Connection& conn, std::int64_t offer_id, const std::string& period);
std::vector<AgeRow> list_ages(Connection& conn, std::int64_t offer_id, const std::string& period);

// ---- Targets ---------------------------------------------------------------------

struct TargetRow {
  std::string column;  // "satisfaction", "not_upheld", "effect"
  int green_from = 0;
  int yellow_from = 0;
};

// Sets (or replaces) the target of `row.column`.
void set_target(Connection& conn, const TargetRow& row);
// Removes the target of `column`; returns false when there was none.
bool clear_target(Connection& conn, const std::string& column);
// Every target set, by column.
std::vector<TargetRow> list_targets(Connection& conn);

}  // namespace tilfreds::db
