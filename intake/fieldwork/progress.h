// How far a wave has come: per benefit group and in total, how many are invited,
// opened, partial, completed, ineligible and undeliverable, the AAPOR response
// rates RR1 and RR2, the completed questionnaires per day and the reminder
// rounds. One computation behind the progress page and `tilfreds wave status`,
// so the two always show the same figures. Nothing here shows one citizen.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/fieldwork_store.h"
#include "db/invitee_store.h"
#include "db/survey_store.h"
#include "intake/survey/fieldwork.h"

namespace tilfreds::intake::fieldwork {

struct ProgressRow {
  std::string group;                               // group id; "" for the total
  std::map<db::InviteeStatus, std::int64_t> counts;  // every status, zero where none
  std::int64_t in_frame = 0;                       // everybody invited, whatever became of them
  std::optional<double> rr1;                       // completed / (in frame - ineligible)
  std::optional<double> rr2;                       // (completed + partial) / the same
};

struct WaveProgress {
  db::WaveRow wave;
  survey::WaveState state = survey::WaveState::kOpen;
  std::vector<ProgressRow> groups;  // by group id
  ProgressRow total;
  std::vector<db::DayCount> per_day;
  std::vector<db::ReminderRound> reminders;
  // Completed questionnaires not yet in the answer counts: on PostgreSQL they wait to
  // be mixed (survey/submission.h); always 0 on SQLite.
  std::int64_t waiting_to_mix = 0;
};

// The progress of `wave` on `today`. Throws db::Error on a database fault.
WaveProgress wave_progress(db::Database& db, const db::WaveRow& wave, const std::string& today);

// "not_yet_open", "open" or "closed".
const char* state_name(survey::WaveState state);

// The figures as `wave status --json` prints them and the page offers them: the
// status counts at the top level (as before), with in_frame, rr1, rr2 (null when
// nobody eligible was invited), state, per_day, reminders and, with
// `by_group`, groups, and waiting_to_mix.
nlohmann::json progress_json(const WaveProgress& p, bool by_group);

}  // namespace tilfreds::intake::fieldwork
