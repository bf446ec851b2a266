// Invitees of a wave, their drafts and their cookie sessions: the side of the
// database that knows who was invited. Nothing here is ever joined to `response`.
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
  std::string background;  // JSON object of further frame columns
  std::string token_hash;  // raw SHA-256 bytes
  std::string code_hash;   // raw SHA-256 bytes
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

// The invitee whose token (or code) hashes to `hash`, or nullopt.
std::optional<InviteeRow> find_invitee_by_token(Connection& conn, const std::string& hash);
std::optional<InviteeRow> find_invitee_by_code(Connection& conn, const std::string& hash);
std::optional<InviteeRow> find_invitee(Connection& conn, std::int64_t id);
std::optional<InviteeRow> find_invitee_by_reference(Connection& conn, std::int64_t wave_id,
                                                    const std::string& reference);

// Moves invited → opened → partial; never backwards and never out of completed,
// ineligible or undeliverable. Returns whether the status changed.
bool advance_status(Connection& conn, std::int64_t invitee_id, InviteeStatus to);

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

// Invitees per status (every status present, zero where none) and per group.
std::map<InviteeStatus, std::int64_t> status_counts(Connection& conn, std::int64_t wave_id);
std::map<std::string, std::map<InviteeStatus, std::int64_t>> status_counts_by_group(
    Connection& conn, std::int64_t wave_id);

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
