// Running a survey, the same for the pages under /undersoegelser and the command
// line (issue 14): every change is checked, stored and audited in one
// transaction, whoever makes it. The audit row says who, what and which wave;
// never a token or a code (those exist only in letters).
//
// Problems carry the form field or option in `where` and an English message that
// the command line prints and the pages show beside the field.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/invitee_store.h"
#include "db/survey_store.h"
#include "intake/problem.h"
#include "intake/staff/users.h"
#include "intake/survey/counts_import.h"
#include "intake/survey/fieldwork.h"

namespace tilfreds::intake::fieldwork {

using staff::Actor;

// Validates and stores a questionnaire (survey::import_survey); audited when a new
// version is stored.
Result<survey::ImportedSurvey> upload_questionnaire(db::Database& db, const Actor& actor,
                                                    const std::string& json_text);

// Creates a wave of `version` (default: the latest) of `survey_id`.
Result<db::WaveRow> create_wave(db::Database& db, const Actor& actor, const std::string& survey_id,
                                std::optional<std::int64_t> version, const std::string& label,
                                const std::optional<std::string>& opens,
                                const std::optional<std::string>& closes);

// New dates for a wave that has not opened yet on `today` (once citizens can
// answer, the letters carry the dates: only closing early is allowed then).
Problems change_wave_dates(db::Database& db, const Actor& actor, const db::WaveRow& wave,
                           const std::optional<std::string>& opens, const std::optional<std::string>& closes,
                           const std::string& today);

// Ends an open wave: its last day becomes yesterday, so from today it is closed, and
// every submission still waiting to be mixed becomes a response (survey/submission.h).
Problems close_wave_early(db::Database& db, const survey::TokenKey& key, const Actor& actor,
                          const db::WaveRow& wave, const std::string& today);

// The waiting submissions of a closed wave mixed into its responses: a wave that closed
// by its date, whose last ones the server mixes within ten minutes, at once. Returns
// how many; problems if the wave is not closed.
Result<std::int64_t> mix_closed_wave(db::Database& db, const survey::TokenKey& key, const db::WaveRow& wave,
                                     const std::string& today);

// Imports the frame (survey::import_frame), audited with how many were imported.
survey::FrameImport import_frame(db::Database& db, const survey::TokenKey& key, const Actor& actor,
                                 const db::WaveRow& wave,
                                 const std::string& csv_text, const std::string& base_url, bool allow_errors,
                                 std::function<void(std::size_t, std::size_t)> progress = {});

// The references of a marking CSV (a column `reference`; every other column is
// ignored), or the problems of the file.
Result<std::vector<std::string>> references_csv(const std::string& csv_text);

// Marks references ineligible or undeliverable; one audit row per invitee whose
// status changed (subject: the reference), in the same transaction.
db::MarkResult mark_invitees(db::Database& db, const Actor& actor, const db::WaveRow& wave,
                             const std::vector<std::string>& references, db::InviteeStatus status);

// Imports an earlier year's counts (survey::import_counts), audited.
Result<survey::CountsImport> import_counts(db::Database& db, const Actor& actor,
                                           const survey::CountsImportRequest& request);

}  // namespace tilfreds::intake::fieldwork
