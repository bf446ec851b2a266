// A citizen's submission, stored so that no row of it can be joined to the invitee.
//
// One SQLite file stores the response in the transaction that completes the invitee
// (db::submit_response): its rows carry no writer, sit under random keys, and the
// journal is emptied before the acknowledgement. PostgreSQL stamps every row with
// the id of the transaction that wrote it (xmin), so there a submission is two steps
// (migration 014):
//   1. the transaction that completes the invitee stores the response sealed with
//      the key file's key in response_queue (db::queue_submission);
//   2. a mixing transaction of its own (Database::write_alone) opens several of a
//      wave's waiting submissions, inserts them in random order under random keys,
//      adds their counts, and rewrites every completed invitee of the wave, so a
//      response shares its transaction with at least `batch` other responses and with
//      no invitee's submission.
// Mixing waits until 2 × batch submissions of a wave wait, then mixes all but a
// random `batch` of them: the ones kept back make the wave's last mix, when it
// closes, as large as every other. So a wave's answer counts trail its completed
// invitees by between `batch` and 2 × batch − 1 while it is open (its response
// rates, counted from the invitees, do not), and are whole once it has closed.
#pragma once

#include <cstdint>
#include <string>

#include "db/database.h"
#include "db/response_store.h"
#include "intake/survey/answers.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::survey {

// A draft's answers as the draft table keeps them: sealed with the key (base64 text),
// so that a row version PostgreSQL keeps after the draft is gone (until vacuum reuses
// its space), or its WAL, pairs the invitee with nothing readable. On both engines.
std::string seal_draft(const TokenKey& key, const Answers& answers);
// The answers of a stored draft: sealed, or plain JSON as drafts were stored before.
// A sealed draft that does not open gives no answers (the key file is checked at
// start-up, so only an altered row does that).
Answers open_draft(const TokenKey& key, const std::string& stored);

// Fewest responses one mixing transaction stores while a wave is open (the
// smallest count the committee tables print, intake/reports).
constexpr std::int64_t kMixBatch = 5;

struct MixPolicy {
  // Whether submissions go through the queue: the engine's rows carry their writer.
  bool queued = false;
  // See above; 0 mixes every submission at once, in a transaction of its own
  // (tests that read a response right after submitting it).
  std::int64_t batch = kMixBatch;
};
// The queue on PostgreSQL, the direct path on SQLite.
MixPolicy mix_policy_for(const db::Database& db, std::int64_t batch = kMixBatch);

// The submission's own transaction, inside a write job: the response stored at once
// (SQLite) or sealed in the queue (PostgreSQL). Mixing is the caller's (below).
db::SubmitOutcome submit_in(db::Connection& conn, const TokenKey& key, const MixPolicy& policy,
                            std::int64_t invitee_id, const db::NewResponse& response,
                            const std::string& completed_day);

// Stores `response` for `invitee_id` as the policy says (the queue, then a mix if
// enough wait). Throws what Database::write throws for the submission itself
// (Unavailable: nothing stored); a mix that fails afterwards is logged and left to
// the next one, since the submission is durable either way.
db::SubmitOutcome submit(db::Database& db, const TokenKey& key, const MixPolicy& policy,
                         std::int64_t invitee_id, const db::NewResponse& response,
                         const std::string& completed_day);

// Mixes the waiting submissions of `wave_id`: all of them if `whole` (a closed
// wave), otherwise as the policy says. Returns how many became responses. Throws
// Error if a waiting submission does not open under `key` (then nothing is mixed).
std::int64_t mix_waiting(db::Database& db, const TokenKey& key, const MixPolicy& policy, std::int64_t wave_id,
                         bool whole);

// Every wave's: a closed wave's whole, an open wave's as the policy says. At start-up
// (submissions queued before a crash) and periodically (waves that closed since).
// Returns how many became responses.
std::int64_t mix_all_waiting(db::Database& db, const TokenKey& key, const MixPolicy& policy,
                             const std::string& today);

}  // namespace tilfreds::intake::survey
