// What the survey administration pages read and change beyond the invitees
// themselves (issue 14): the list of questionnaire versions, a wave's dates, the
// answers per day, which invitees a letter or reminder goes to, the reminder
// rounds and the editable letter texts (migration 011).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// ---- Questionnaires and waves

struct SurveyVersionRow {
  std::string id;
  std::int64_t version = 0;
  std::string imported_at;  // UTC "YYYY-MM-DD HH:MM:SS"
  std::int64_t waves = 0;   // waves bound to this version
};

// Every imported questionnaire version, by id and then newest version first.
std::vector<SurveyVersionRow> list_survey_versions(Connection& conn);

// Sets the wave's dates; returns false if there is no such wave. The caller checks
// that the change is allowed (only before the wave opens).
bool update_wave_dates(Connection& conn, std::int64_t wave_id, const std::optional<std::string>& opens,
                       const std::optional<std::string>& closes);

// ---- Progress

struct DayCount {
  std::string day;  // ISO date
  std::int64_t completed = 0;
};

// Completed questionnaires per completion day of `wave_id`, oldest day first; days
// without any are left out.
std::vector<DayCount> completions_per_day(Connection& conn, std::int64_t wave_id);

// ---- Letters and reminders

struct LetterRecipient {
  std::int64_t invitee_id = 0;
  std::string reference;
};

// The invitees of `wave_id` a letter goes to, by reference: all of them, or for a
// reminder only those not completed, ineligible or undeliverable.
std::vector<LetterRecipient> letter_recipients(Connection& conn, std::int64_t wave_id, bool reminder);

struct ReminderRound {
  std::string sent_on;  // ISO date
  std::int64_t letters = 0;
};

// Records that reminders for `letters` invitees were made on `day`. Made again on
// the same day it is the same round: the count is replaced, not added.
void record_reminder_round(Connection& conn, std::int64_t wave_id, const std::string& day,
                           std::int64_t letters);

// The reminder rounds of `wave_id`, oldest first.
std::vector<ReminderRound> reminder_rounds(Connection& conn, std::int64_t wave_id);

// The edited letter text of `kind` ("invitation" or "reminder"), or nullopt when
// the shipped text is in use.
std::optional<std::string> find_letter_text(Connection& conn, const std::string& kind);
// Stores the edited text of `kind`; nullopt goes back to the shipped text.
void put_letter_text(Connection& conn, const std::string& kind, const std::optional<std::string>& body);

}  // namespace tilfreds::db
