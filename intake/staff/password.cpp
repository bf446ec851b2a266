#include "intake/staff/password.h"

#include <pwquality.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include "intake/text.h"

namespace tilfreds::intake::staff {

namespace {
void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
}
}  // namespace

// Holds one of the hasher's slots for the length of a hash, however it ends.
class HashSlot {
 public:
  explicit HashSlot(PasswordHasher& h) : h_(h) {
    h_.slots_.acquire();
    int now = ++h_.running_;
    int peak = h_.peak_.load();
    while (now > peak && !h_.peak_.compare_exchange_weak(peak, now)) {
    }
  }
  ~HashSlot() {
    --h_.running_;
    h_.slots_.release();
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  PasswordHasher& h_;
};

PasswordHasher::PasswordHasher(PasswordCost cost, int max_concurrent)
    : cost_(cost), slots_(std::clamp(max_concurrent, 1, 64)) {
  ensure_sodium();
}

std::string PasswordHasher::hash(const std::string& password) {
  bool interactive = cost_ == PasswordCost::kInteractive;
  unsigned long long ops = interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
  size_t mem = interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN;
  char out[crypto_pwhash_STRBYTES];
  HashSlot slot(*this);
  ++hashes_;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool PasswordHasher::verify(const std::string& stored, const std::string& password) {
  ++verifications_;
  if (stored.size() >= crypto_pwhash_STRBYTES) return false;
  HashSlot slot(*this);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

namespace {
// libpwquality's verdict on `password` (PWQ_ERROR_… < 0, else a score). cracklib keeps
// state between calls, so one check runs at a time.
int pwquality_verdict(const std::string& password, const std::string& user_name) {
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::unique_ptr<pwquality_settings_t, decltype(&pwquality_free_settings)> settings(
      pwquality_default_settings(), &pwquality_free_settings);
  if (!settings) return PWQ_ERROR_MEM_ALLOC;
  // Length is ours (code points, kMinPasswordLength); the library's credit rules would
  // otherwise count Danish letters as "other" characters.
  pwquality_set_int_value(settings.get(), PWQ_SETTING_MIN_LENGTH, 6);
  pwquality_set_int_value(settings.get(), PWQ_SETTING_MAX_REPEAT, 3);
  pwquality_set_int_value(settings.get(), PWQ_SETTING_MAX_SEQUENCE, 4);
  pwquality_set_int_value(settings.get(), PWQ_SETTING_DICT_CHECK, 1);
  pwquality_set_int_value(settings.get(), PWQ_SETTING_USER_CHECK, 1);
  // Words anyone guessing at a jobcentre's survey tool tries first.
  pwquality_set_str_value(settings.get(), PWQ_SETTING_BAD_WORDS,
                          "tilfreds jobcenter jobcentret password");
  // No auxiliary error: for several verdicts (a run, a sequence, too few classes) it is
  // the limit as an integer in the pointer, not memory to free; only pwquality_strerror
  // knows which, and the page words its own reason from the verdict alone.
  return pwquality_check(settings.get(), password.c_str(), nullptr,
                         user_name.empty() ? nullptr : user_name.c_str(), nullptr);
}

std::string problem_key(int verdict) {
  switch (verdict) {
    case PWQ_ERROR_CRACKLIB_CHECK:
    case PWQ_ERROR_BAD_WORDS:
      return "staff_error_password_dictionary";
    case PWQ_ERROR_USER_CHECK:
    case PWQ_ERROR_GECOS_CHECK:
      return "staff_error_password_name";
    case PWQ_ERROR_MAX_CONSECUTIVE:
    case PWQ_ERROR_MAX_CLASS_REPEAT:
    case PWQ_ERROR_MAX_SEQUENCE:
    case PWQ_ERROR_PALINDROME:
      return "staff_error_password_repeats";
    default:
      return "staff_error_password_weak";
  }
}

// The letters of `password`, lower-cased (ASCII), without digits, spaces and signs:
// "Password1234!" → "password". cracklib judges a long password by itself and lets
// a dictionary word with a few digits around it pass.
std::string letters_of(const std::string& password) {
  std::string out;
  for (unsigned char c : password) {
    if (c >= 0x80) out += static_cast<char>(c);
    else if (std::isalpha(c)) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// Whether `s` is one shorter piece written again and again ("abcabc", "aaaa").
bool is_repetition(const std::string& s) {
  for (std::size_t unit = 1; unit <= s.size() / 2; ++unit) {
    if (s.size() % unit != 0) continue;
    bool same = true;
    for (std::size_t i = unit; same && i < s.size(); ++i) same = s[i] == s[i - unit];
    if (same) return true;
  }
  return false;
}
}  // namespace

std::optional<std::string> password_problem(const std::string& password, const std::string& user_name) {
  if (password.size() > kMaxPasswordBytes) return "staff_error_password_long";
  if (!is_valid_utf8(password)) return "staff_error_password_invalid";
  // UTF-8 continuation bytes do not start a code point.
  std::size_t code_points = std::count_if(password.begin(), password.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (code_points < kMinPasswordLength) return "staff_error_password_short";
  std::set<char> distinct(password.begin(), password.end());
  if (distinct.size() < 5 || is_repetition(password)) return "staff_error_password_repeats";
  int verdict = pwquality_verdict(password, user_name);
  if (verdict < 0) return problem_key(verdict);
  std::string letters = letters_of(password);
  if (letters.size() >= 4 && is_repetition(letters)) return "staff_error_password_repeats";
  if (letters.size() >= 6 && letters.size() + 2 < password.size()) {
    int core = pwquality_verdict(letters, user_name);
    if (core == PWQ_ERROR_CRACKLIB_CHECK || core == PWQ_ERROR_BAD_WORDS) return "staff_error_password_dictionary";
  }
  return std::nullopt;
}

}  // namespace tilfreds::intake::staff
