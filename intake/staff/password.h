// Staff passwords: argon2id through libsodium (crypto_pwhash_str), the rules a new
// password must meet, and a bound on how many hashes run at once.
//
// Argon2id at libsodium's "interactive" limits uses 64 MiB per hash; without a
// bound, a flood of login attempts would allocate 64 MiB per worker thread. The
// semaphore makes the extra attempts wait instead (OWASP Password Storage Cheat
// Sheet: argon2id, m ≥ 19 MiB).
#pragma once

#include <atomic>
#include <optional>
#include <semaphore>
#include <string>

namespace tilfreds::intake::staff {

enum class PasswordCost {
  kInteractive,  // libsodium OPSLIMIT/MEMLIMIT_INTERACTIVE (64 MiB): production
  kMinimum,      // libsodium's minimum limits: tests only, where speed matters
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = PasswordCost::kInteractive, int max_concurrent = 2);

  // The argon2id string ("$argon2id$v=19$m=…") for `password`. Throws
  // std::runtime_error if the memory cannot be had (a fault, not a user error).
  std::string hash(const std::string& password);
  // Whether `password` matches `stored`; false for a malformed `stored` too.
  bool verify(const std::string& stored, const std::string& password);

  // The most hashes that ran at once so far: shows the bound holds (tests).
  int peak_concurrency() const { return peak_.load(); }
  // argon2id runs so far, by kind: a refused login costs exactly one verification,
  // whatever the reason (tests count them).
  long hashes() const { return hashes_.load(); }
  long verifications() const { return verifications_.load(); }

 private:
  friend class HashSlot;
  PasswordCost cost_;
  std::counting_semaphore<64> slots_;
  std::atomic<int> running_{0};
  std::atomic<int> peak_{0};
  std::atomic<long> hashes_{0};
  std::atomic<long> verifications_{0};
};

// Fewest characters (Unicode code points) a password must have.
constexpr std::size_t kMinPasswordLength = 12;
// Most bytes accepted, so a huge "password" cannot be used to load the server.
constexpr std::size_t kMaxPasswordBytes = 1024;

// The UI text key of what is wrong with `password` as a new password for user
// `user_name`, or nullopt if it is acceptable: too short or long, unreadable, too
// few different characters or one part repeated ("aaaaaaaaaaaa", twelve spaces,
// "abcabcabcabc"), a dictionary word with digits and signs around it
// ("password1234"), or refused by libpwquality (cracklib's dictionary, the user's
// name, runs like "12345", palindromes). Deterministic: the system's
// /etc/security/pwquality.conf is not read.
std::optional<std::string> password_problem(const std::string& password, const std::string& user_name = "");

}  // namespace tilfreds::intake::staff
