// Anonymous responses and the counts reports read.
//
// A response row carries the wave, the benefit group, the frame's background
// columns and the answers: no invitee id, no token, no date, and a random primary
// key, so neither its content nor its position can be matched to an invitee.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// One cell of the counts: in this wave, for respondents with `dim` = `dim_value`
// (dim "all" with value "" is everybody), `question_id` was answered `answer`.
struct CountKey {
  std::string dim;
  std::string dim_value;
  std::string question_id;
  std::string answer;
};

struct DimValue {
  std::string dim;
  std::string dim_value;
};

struct NewResponse {
  std::int64_t wave_id = 0;
  std::string group;
  std::string background;  // JSON object
  std::string answers;     // JSON object question id → value
  std::vector<CountKey> answer_counts;  // one per (dimension, answered question)
  std::vector<DimValue> respondent_dims;  // the dimensions this respondent counts in
};

enum class SubmitOutcome {
  kStored,            // response stored, counts bumped, invitee completed, draft gone
  kAlreadyCompleted,  // the invitee had submitted before: nothing written
  kNotOpen,           // the invitee is ineligible or undeliverable: nothing written
};

// The whole submission, to be run inside one transaction (the writer's batch):
// checks the invitee has not completed, inserts the response, bumps the counts,
// marks the invitee completed on `completed_day` (ISO date) and erases its group and
// background (complete_invitee), deletes the draft and the invitee's cookie
// sessions, and asks the writer to empty the journal before it acknowledges
// (Connection::forget_journal_after_commit). Throws Error if the invitee does not exist.
SubmitOutcome submit_response(Connection& conn, std::int64_t invitee_id,
                              const NewResponse& response, const std::string& completed_day);

// Responses that belong to no invitee (generated data for benchmarks, an earlier
// year's raw responses): each row and its counts stored exactly as
// submit_response stores them, without the invitee's bookkeeping. Counts are added
// once per distinct cell of the batch, by the batch's total, so the table ends as
// if every response had been submitted alone — and a batch of 10^5 costs a few
// hundred upserts instead of millions. Row ids continue after the table's largest
// instead of being random: random keys would scatter a big batch over the whole
// table, and with no invitee behind these rows their order can reveal nothing.
// Never use it for a citizen's submission. Run inside one transaction (a
// Database::write job); throws Error on a fault, and then nothing of it is kept
// once the job is rolled back.
void store_responses(Connection& conn, std::span<const NewResponse> responses);

// Where a row carries the id of the transaction that wrote it (PostgreSQL's xmin),
// a response stored by submit_response can be joined to its invitee. There a
// submission goes through the queue (migration 014) in two transactions:
//
// queue_submission: submit_response's checks and bookkeeping, but the response is
// stored as `sealed` (its content encrypted by the caller) in response_queue.
SubmitOutcome queue_submission(Connection& conn, std::int64_t invitee_id, std::int64_t wave_id,
                               std::string_view sealed, const std::string& completed_day);

struct WaitingSubmission {
  std::int64_t id = 0;
  std::string sealed;
};
// Number of waiting submissions per wave that has any (wave id, count).
std::vector<std::pair<std::int64_t, std::int64_t>> waiting_per_wave(Connection& conn);
// Takes the wave's mixing lock (a write to its row, held to commit: two servers
// mixing one wave take turns) and returns its waiting submissions.
std::vector<WaitingSubmission> lock_waiting_submissions(Connection& conn, std::int64_t wave_id);
// The mixing transaction (Database::write_alone): stores `responses`, in the order
// given, under random keys, adds their counts, removes the queue rows `taken`, and
// rewrites every completed invitee of the wave, so that no completed invitee keeps
// the transaction id of its own submission.
void store_mixed(Connection& conn, std::int64_t wave_id, std::span<const NewResponse> responses,
                 std::span<const std::int64_t> taken);

struct CountRow {
  std::string dim_value;
  std::string question_id;
  std::string answer;
  std::int64_t n = 0;
};
// Every count of `wave_id` in dimension `dim`, ordered by value, question, answer.
std::vector<CountRow> answer_counts(Connection& conn, std::int64_t wave_id, const std::string& dim);

// Respondents of `wave_id` per value of `dim`.
std::vector<std::pair<std::string, std::int64_t>> respondent_counts(Connection& conn,
                                                                    std::int64_t wave_id,
                                                                    const std::string& dim);

// The answers (JSON object text) of every response of `wave_id`, ordered by the
// response's random key, so the order says nothing about who answered when. Only
// the answers column is read: free-text comments need no group or background.
// Returns an empty vector for a wave without responses.
std::vector<std::string> response_answers(Connection& conn, std::int64_t wave_id);

}  // namespace tilfreds::db
