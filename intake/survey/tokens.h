// Letter tokens, short codes and their keyed hashes.
//
// A token is 128 random bits, base64url without padding (22 characters). A code is
// 8 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L),
// about 40 bits: enough against guessing only together with the rate limit on
// /kode, and far too few against an offline search of an unkeyed hash. So both are
// stored as HMAC-SHA-256 under a key that lives in a file outside the database
// (TokenKey, key_file.h): a copy of the database alone gives no code away. A fast
// keyed hash, not a password hash, is right: the secret is the key, and lookups
// must be one indexed equality.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/database.h"
#include "db/invitee_store.h"
#include "intake/secret_shapes.h"

namespace tilfreds::intake::survey {

// Shared with web/ (intake/secret_shapes.h), which redacts these shapes from its log.
using intake::looks_like_token;
using intake::new_secret;
using intake::normalise_code;

// A new random letter token (22 URL-safe characters).
std::string new_token();
// A new random code, printed as "ABCD-EFGH".
std::string new_code();
// Raw 32-byte SHA-256 of `s`: for 256-bit cookie secrets, and the form tokens and
// codes had before migration 005.
std::string sha256(const std::string& s);

// The key of a database's tokens and codes (the key file's 32 bytes).
class TokenKey {
 public:
  static constexpr size_t kBytes = 32;
  // From the key file's bytes; throws std::invalid_argument unless there are kBytes.
  explicit TokenKey(const std::string& bytes);
  ~TokenKey();
  TokenKey(const TokenKey& other);
  TokenKey& operator=(const TokenKey&) = delete;
  // A new random key.
  static TokenKey generate();

  // HMAC-SHA-256 of `s` (raw 32 bytes), the form tokens and codes are stored in.
  std::string hash(const std::string& s) const;
  // HMAC of a fixed label: stored in the database, it tells a start-up whether a
  // key file belongs to it without revealing the key.
  std::string check_value() const;
  // `plain` encrypted and authenticated (crypto_secretbox_easy, XSalsa20-Poly1305)
  // under a key derived from this one: a random nonce followed by the box.
  std::string seal(const std::string& plain) const;
  // The plain text of seal()'s output, or nullopt if it was not sealed under this
  // key or was altered.
  std::optional<std::string> unseal(const std::string& sealed) const;
  // The key file's bytes (to write the file).
  const std::string& bytes() const { return mac_key_; }

 private:
  std::string mac_key_;
  std::string box_key_;
};

// What a typed token or code is looked up by: its keyed hash, and its SHA-256 for
// invitees imported before keyed hashes (db::LookupHash).
db::LookupHash lookup_hash(const TokenKey& key, const std::string& secret);

// The token and code of invitee `invitee_id` in plain text, for re-making letters
// and reminders; nullopt if there is no such invitee, it predates sealing, or the
// key is not the one that sealed them. Never log or store the result.
struct PlainSecrets {
  std::string token;
  std::string code;  // ABCD-EFGH as printed in the letter
};
std::optional<PlainSecrets> unseal_invitee_secrets(db::Database& db, const TokenKey& key,
                                                   std::int64_t invitee_id);

// Compares two secrets without leaking where they differ.
bool equal_secrets(const std::string& a, const std::string& b);

}  // namespace tilfreds::intake::survey
