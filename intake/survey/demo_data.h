// The embedded demo: the shipped jobcentre questionnaire, two earlier waves with
// answers and an open wave with invitees, some of whom have answered — all written
// through the same stores as real fieldwork, so the demo exercises the real path.
#pragma once

#include <random>
#include <string>

#include "db/database.h"
#include "db/response_store.h"
#include "intake/survey/fieldwork.h"

namespace tilfreds::intake::survey {

// The questionnaire file shipped in surveys/ (embedded), or throws if absent.
const std::string& shipped_survey(const std::string& file_name);

// Fills an empty database with the demo (nothing happens if the demo wave exists).
// Returns the label of the open demo wave.
std::string ensure_demo(db::Database& db, const TokenKey& key, const std::string& base_url);

// A respondent as the demo draws them (a benefit group by its usual weight,
// answers by the grade shares of demo year `year_index`, 0..2), ready to store:
// benchmarks fill millions of responses with the same draws.
db::NewResponse random_response(const Questionnaire& q, std::int64_t wave_id, int year_index,
                                std::mt19937& rng);

// A new invitee in the open demo wave with a fresh link and code to try.
Letter new_demo_invitee(db::Database& db, const TokenKey& key, const std::string& base_url);

}  // namespace tilfreds::intake::survey
