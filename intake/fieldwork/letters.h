// Letters and reminders made again after the import (issue 14): for every
// invitee of a wave, or for a reminder only those who have not completed and are
// neither ineligible nor undeliverable, each with the citizen's own link and code.
//
// The link and code exist in plain only in the letters: the database keeps them
// sealed under the key file (issue 10 §1), and `SecretOpener` is what opens one
// invitee's. Without it (a database from before sealing, or no key file) no
// letter can be made again, and the caller says so.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/survey_store.h"
#include "intake/staff/users.h"
#include "intake/survey/fieldwork.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::fieldwork {

// The letter of invitee `invitee_id` (reference given), or nullopt when its token
// and code cannot be opened.
using SecretOpener = std::function<std::optional<survey::Letter>(std::int64_t invitee_id, const std::string& reference)>;

// The opener that unseals the link and code the import sealed under `key`
// (survey::unseal_invitee_secrets); letters then carry `base_url`.
SecretOpener sealed_secret_opener(db::Database& db, const survey::TokenKey& key, std::string base_url);

struct LetterSet {
  std::vector<survey::Letter> letters;  // by reference
  std::vector<std::string> unopened;    // references whose secrets could not be opened
};

// The letters of `wave` (reminders: only those still to answer). A reminder set is
// recorded as that day's reminder round (db::record_reminder_round) and audited;
// letters are audited as made. Neither record holds a token or code, and a set
// with any unopened letter is neither (its caller hands out nothing).
LetterSet make_letters(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave, bool reminder,
                       const SecretOpener& open, const std::string& today);

}  // namespace tilfreds::intake::fieldwork
