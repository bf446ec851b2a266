// Case review (ledelsestilsyn) and action plans, issue 15: areas, versioned
// schemes, reviews per area and period, sampled cases with their results per
// control point, the counts reports read, and action plans with a status history.
//
// Values (risk, frequency, result, error age, colour) are stored as the words
// intake validated; the schema's CHECKs refuse anything else as a fault. Case
// references are personal data: clear_case_refs removes them, the rows and
// their results stay for the statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// ---- Areas and schemes --------------------------------------------------------

struct ReviewAreaRow {
  std::string id;
  std::string name;
  std::string risk;       // overvaagning | tilsyn | intensiveret
  std::string frequency;  // monthly | quarterly | halfyearly | yearly
  std::optional<std::int64_t> sample_size;
  int green_from = 95;
  int yellow_from = 75;
};

// Stores `area`; returns false (and changes nothing) when the id is taken.
bool add_review_area(Connection& conn, const ReviewAreaRow& area);
// Every area, by id.
std::vector<ReviewAreaRow> review_areas(Connection& conn);
// The area `id`, or nullopt.
std::optional<ReviewAreaRow> find_review_area(Connection& conn, const std::string& id);

struct ReviewSchemeRow {
  std::string area_id;
  std::int64_t version = 0;
  std::string valid_from;  // ISO date
  std::string definition;  // JSON, validated by intake
};

enum class PutScheme { kCreated, kUnchanged, kConflict };
// Stores the scheme unless (area, version) exists: kUnchanged when the existing
// one is identical (valid_from and definition), kConflict when it differs.
PutScheme put_review_scheme(Connection& conn, const ReviewSchemeRow& scheme);
// Every version of the area's scheme, oldest first.
std::vector<ReviewSchemeRow> review_schemes(Connection& conn, const std::string& area_id);

// ---- Reviews, cases and results --------------------------------------------------

struct ReviewRow {
  std::int64_t id = 0;
  std::string area_id;
  std::string period;
  std::string review_date;
  std::int64_t scheme_version = 0;
};

// The review of `area_id` in `period`, or nullopt.
std::optional<ReviewRow> find_review(Connection& conn, const std::string& area_id,
                                     const std::string& period);
// The review with id `id`, or nullopt.
std::optional<ReviewRow> find_review_by_id(Connection& conn, std::int64_t id);
// Every review of the area, by period.
std::vector<ReviewRow> reviews_of_area(Connection& conn, const std::string& area_id);
// Creates the review and returns its id; `review.id` is ignored. Throws Error when
// the area already has a review in that period (check find_review first).
std::int64_t create_review(Connection& conn, const ReviewRow& review);
// Sets the review date and scheme version of review `review.id`.
void update_review(Connection& conn, const ReviewRow& review);
// Deletes the review's cases, results, samples and counts (the review stays), for
// an import that replaces what was registered.
void clear_review(Connection& conn, std::int64_t review_id);

struct ReviewCaseRow {
  std::int64_t id = 0;
  std::int64_t review_id = 0;
  std::string group_id;
  std::int64_t position = 0;
  std::optional<std::string> case_ref;  // nullopt once anonymised
  bool done = false;
};

// Adds a case and returns its id. Throws Error when the review already holds the
// reference in that group (intake checks first).
std::int64_t add_review_case(Connection& conn, std::int64_t review_id, const std::string& group_id,
                             std::int64_t position, const std::optional<std::string>& case_ref);
// The review's cases by group and position.
std::vector<ReviewCaseRow> review_cases(Connection& conn, std::int64_t review_id);
// The case `id`, or nullopt.
std::optional<ReviewCaseRow> find_review_case(Connection& conn, std::int64_t id);

struct ReviewResultRow {
  std::string control_point;
  std::string result;                     // ok | fejl | ikke_relevant
  std::optional<std::string> error_age;   // ny | gammel, for fejl only
  std::optional<std::string> act_date;
  std::optional<bool> reproduced;
};

// Replaces the case's results with `results`, marks it done, and refreshes the
// review's counts in the same transaction.
void save_case_results(Connection& conn, std::int64_t case_id,
                       const std::vector<ReviewResultRow>& results);
// As save_case_results for many cases of one review, refreshing the counts once
// (an import).
void save_review_results(Connection& conn, std::int64_t review_id,
                         const std::vector<std::pair<std::int64_t, std::vector<ReviewResultRow>>>& cases);
// The case's results by control point.
std::vector<ReviewResultRow> case_results(Connection& conn, std::int64_t case_id);

struct ReviewGroupCount {
  std::string group_id;
  std::int64_t cases = 0;          // cases with results
  std::int64_t correct_cases = 0;  // of them, cases without any error
};
struct ReviewPointCount {
  std::string group_id;
  std::string control_point;
  std::int64_t checked = 0;  // ok or fejl
  std::int64_t errors = 0;
  std::int64_t new_errors = 0;
  std::int64_t old_errors = 0;
};
struct ReviewCounts {
  std::vector<ReviewGroupCount> groups;  // by group id
  std::vector<ReviewPointCount> points;  // by group id, control point
};
// The review's counts, as last refreshed. Cost independent of the number of cases.
ReviewCounts review_counts(Connection& conn, std::int64_t review_id);

// Sets case_ref NULL on the cases of reviews dated before `before` (ISO date);
// returns how many references were cleared.
std::int64_t clear_case_refs(Connection& conn, const std::string& before);

// ---- Samples ------------------------------------------------------------------------

struct ReviewSampleRow {
  std::int64_t review_id = 0;
  std::string group_id;
  std::uint64_t seed = 0;
  std::int64_t population = 0;
  std::int64_t size = 0;
  std::string list_digest;
  std::string drawn_by;
  std::string drawn_at;  // set by the store
};
// Records a draw; returns false when the group of that review was drawn already.
bool record_review_sample(Connection& conn, const ReviewSampleRow& sample);
// The review's draws, by group.
std::vector<ReviewSampleRow> review_samples(Connection& conn, std::int64_t review_id);

// ---- Action plans --------------------------------------------------------------------

struct ReviewActionRow {
  std::int64_t id = 0;
  std::string area_id;
  std::string period;
  std::string number;
  std::int64_t position = 0;
  std::string theme;
  std::string text;
  std::string control_points;  // comma-separated ids
  std::string owner;
  std::string expected;
};
// Inserts the action, or updates the one with the same (area, period, number);
// returns its id.
std::int64_t put_review_action(Connection& conn, const ReviewActionRow& action);
// The plan of `area_id` for `period`, by position.
std::vector<ReviewActionRow> review_actions(Connection& conn, const std::string& area_id,
                                            const std::string& period);
// The action `id`, or nullopt.
std::optional<ReviewActionRow> find_review_action(Connection& conn, std::int64_t id);

struct ActionStatusRow {
  std::int64_t action_id = 0;
  std::string period;
  std::string text;
  std::string colour;  // green | yellow | red
  std::string recorded_by;
  std::string recorded_at;  // set by the store
};
// Appends a status; earlier ones stay as history.
void add_action_status(Connection& conn, const ActionStatusRow& status);
// Every status of the action, oldest first (the last per period is current).
std::vector<ActionStatusRow> action_statuses(Connection& conn, std::int64_t action_id);

}  // namespace tilfreds::db
