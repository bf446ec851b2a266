// The columns of the quality overview per offer that the offer-quality data adds
// (issue 16) beside satisfaction and complaints: citizens by age band, the effect
// (share in work or education), the supervision smiley; a traffic light where the
// municipality has set a target, an arrow against the previous half-year, and the
// method note's lines for them. Only counts and the supervisor's judgement of an
// offer go in: no citizen-level data.
//
// Methods: the effect share with its Wilson interval (stats/proportion.h), hidden
// when fewer than 5 ended (stats/suppression.h's threshold); its change tested by
// stats/two_proportions.h (z, Fisher when small) and shown with stats/indicator.h's
// arrow rule (more in work is good); age bands suppressed per offer with the
// citizens as the printed row total (stats::suppress); the smiley's arrow compares
// the ratings' order (sur < neutral < glad) without a test: a rating is not a sample.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/complaints/figures.h"
#include "intake/complaints/statistics.h"
#include "intake/reports/document.h"
#include "intake/web/render.h"

namespace tilfreds::intake::offers {

// The columns a target can be set for, as `tilfreds offer target set` names them.
inline const std::vector<std::string> kTargetColumns{"satisfaction", "not_upheld", "effect"};

// The thresholds of the overview: the stored targets over the built-in defaults.
// Throws db::Error on a database fault.
complaints::QualityThresholds quality_thresholds(db::Database& db);

// The effect target (whole percents), or nullopt when none is set: the effect
// column then has no light.
std::optional<std::pair<int, int>> effect_target(db::Database& db);

// Top-2 ("i høj grad" or "i nogen grad") and respondents of the overall question
// "tilfreds_alt_i_alt" per value of the frame column `tilbud` (an offer's name)
// among the respondents of `wave_id`; empty when the frame had no such column.
std::map<std::string, std::pair<std::int64_t, std::int64_t>> satisfaction_by_offer(db::Database& db,
                                                                                   std::int64_t wave_id);

// The wave before `wave_id` (same questionnaire, earlier opening date or label)
// whose respondents carry `tilbud`, or nullopt.
std::optional<std::int64_t> previous_offer_wave(db::Database& db, std::int64_t wave_id);

// Appends the age, effect and smiley columns to `table` (the overview, one row per
// offer in `offer_ids`, same order; column 1 the satisfaction of `wave_id`, which
// gets its arrow against the previous wave), a table of the supervisors' visits as
// a further block of `section`, and their lines to `method`.
void add_quality_columns(db::Database& db, const complaints::Period& period, std::optional<std::int64_t> wave_id,
                         const std::vector<std::int64_t>& offer_ids, reports::Table& table,
                         reports::Section& section, std::vector<reports::MethodItem>& method,
                         const web::Renderer& renderer, const std::string& lang);

// The smiley as a cell: its shape and word ("☺ glad"), a light of the same
// meaning, so neither colour nor shape alone carries it.
reports::Cell smiley_cell(const std::string& smiley, const web::Renderer& renderer, const std::string& lang);

// "☺", "😐", "☹" for glad, neutral, sur.
std::string smiley_shape(const std::string& smiley);

}  // namespace tilfreds::intake::offers
