// Invitees of a wave, their drafts and their cookie sessions: the side of the
// database that knows who was invited. Nothing here is ever joined to `response`.
//
// Anonymity against a copy of the file (migration 005): an invitee's group and
// background stay only until it completes (complete_invitee erases them), so how
// many of a group were invited, opened, answered … is kept in counters per
// dimension value, moved in the same transaction as every status change. Tokens
// and codes arrive here already keyed-hashed and sealed: db/ stores bytes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

// An invitee's place in the fieldwork. The first four only move forward.
enum class InviteeStatus { kInvited, kOpened, kPartial, kCompleted, kIneligible, kUndeliverable };

// "invited", "opened", … as stored and as the CLI prints them.
const char* status_name(InviteeStatus status);
// The status named `name`, or nullopt for an unknown name.
std::optional<InviteeStatus> parse_status(const std::string& name);

struct NewInvitee {
  std::string reference;
  std::string group;
  std::string background;    // JSON object of further frame columns (string values)
  std::string token_hash;    // keyed hash (HMAC-SHA-256) of the token, raw bytes
  std::string code_hash;     // keyed hash of the normalised code, raw bytes
  std::string token_sealed;  // the token encrypted under the key file (nonce + box)
  std::string code_sealed;   // the code, likewise
};

// How a token or code is looked up: by its keyed hash, and for invitees imported
// before migration 005 (whose letters are out) by the unkeyed SHA-256 they were
// stored with. `legacy` may be empty when there is nothing to try.
struct LookupHash {
  std::string keyed;
  std::string legacy;
};

struct InviteeRow {
  std::int64_t id = 0;
  std::int64_t wave_id = 0;
  std::string reference;
  std::string group;
  std::string background;
  InviteeStatus status = InviteeStatus::kInvited;
};

enum class InsertInvitee { kInserted, kDuplicateReference, kDuplicateCode };

// Inserts one invitee into `wave_id`. Returns kDuplicateReference if the wave has
// the reference already and kDuplicateCode if the code hash is taken (the caller
// draws another code); nothing is written in either case.
InsertInvitee insert_invitee(Connection& conn, std::int64_t wave_id, const NewInvitee& invitee);

// A whole frame in one transaction: begin_frame_import, insert_invitee_uncounted for each
// row, then count_invited_after with what begin_frame_import returned. On PostgreSQL one count
// row updated thousands of times in one transaction grows slower with every update (each
// version stays until the commit), and so do the lookups a connection planned once while the
// table was small (a scan, which it keeps: no ANALYZE sees the rows until the commit):
// 16,000 rows took 29 s, 6.5 s without either (2,000: 1.8 s and 0.9 s).
InsertInvitee insert_invitee_uncounted(Connection& conn, std::int64_t wave_id, const NewInvitee& invitee);
// The largest invitee id so far (0 if none); on PostgreSQL, every statement until the end of
// the transaction planned for the table as it is then (plan_cache_mode, SET LOCAL).
std::int64_t begin_frame_import(Connection& conn);
// Counts every invitee of `wave_id` with an id above `after_id` as invited, one upsert for all.
void count_invited_after(Connection& conn, std::int64_t wave_id, std::int64_t after_id);

// The invitee whose token (or code) hashes to `hash`, or nullopt. A completed
// invitee comes back with empty group and background (they were erased).
std::optional<InviteeRow> find_invitee_by_token(Connection& conn, const LookupHash& hash);
std::optional<InviteeRow> find_invitee_by_code(Connection& conn, const LookupHash& hash);
std::optional<InviteeRow> find_invitee(Connection& conn, std::int64_t id);
std::optional<InviteeRow> find_invitee_by_reference(Connection& conn, std::int64_t wave_id,
                                                    const std::string& reference);

// Moves invited → opened → partial; never backwards and never out of completed,
// ineligible or undeliverable. Returns whether the status changed (the counters
// move with it).
bool advance_status(Connection& conn, std::int64_t invitee_id, InviteeStatus to);

// The invitee side of a submission, inside its transaction: counts the invitee as
// completed in every dimension it was counted in, then erases its group and
// background and sets status completed and `completed_day`. Throws Error if the
// invitee does not exist or is already completed (the caller checks first).
void complete_invitee(Connection& conn, std::int64_t invitee_id, const std::string& completed_day);

// Sets ineligible or undeliverable for each reference of the wave; returns the
// references not found in the wave (nothing is changed for those). Completed
// invitees are left alone and reported in `completed` so a clerk sees why.
struct MarkResult {
  int changed = 0;
  std::vector<std::string> unknown;
  std::vector<std::string> completed;
};
MarkResult mark_invitees(Connection& conn, std::int64_t wave_id,
                         const std::vector<std::string>& references, InviteeStatus status);

// Invitees per status (every status present, zero where none), per group, and per
// value of dimension `dim` ("group" or a background column), read from the
// counters: exact for completed invitees too, whose group is no longer stored.
using StatusCounts = std::map<InviteeStatus, std::int64_t>;
StatusCounts status_counts(Connection& conn, std::int64_t wave_id);
std::map<std::string, StatusCounts> status_counts_by_group(Connection& conn, std::int64_t wave_id);
std::map<std::string, StatusCounts> status_counts_by_dim(Connection& conn, std::int64_t wave_id,
                                                         const std::string& dim);

// The sealed token and code of an invitee (empty for rows from before migration
// 005), or nullopt if there is no such invitee.
struct SealedSecrets {
  std::string token;
  std::string code;
};
std::optional<SealedSecrets> find_sealed_secrets(Connection& conn, std::int64_t invitee_id);

// The check value of the key that hashed this database's tokens, or nullopt if no
// key was recorded yet. put_key_check records one; returns false (writing
// nothing) if one is recorded already.
std::optional<std::string> key_check(Connection& conn);
bool put_key_check(Connection& conn, const std::string& mac);

struct DraftRow {
  std::string answers;  // JSON object question id → value
  std::int64_t page = 0;
};
std::optional<DraftRow> find_draft(Connection& conn, std::int64_t invitee_id);
void save_draft(Connection& conn, std::int64_t invitee_id, const DraftRow& draft);

struct CitizenSessionRow {
  std::int64_t invitee_id = 0;
  std::string csrf;
  std::int64_t expires_at = 0;
};
void create_citizen_session(Connection& conn, const std::string& id_hash,
                            const CitizenSessionRow& session);
// The unexpired session with this id hash at time `now` (unix seconds), or nullopt.
std::optional<CitizenSessionRow> find_citizen_session(Connection& conn,
                                                      const std::string& id_hash,
                                                      std::int64_t now);
// Removes sessions that expired before `now`; returns how many.
int delete_expired_citizen_sessions(Connection& conn, std::int64_t now);

}  // namespace tilfreds::db
