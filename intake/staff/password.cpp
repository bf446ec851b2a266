#include "intake/staff/password.h"

#include <sodium.h>

#include <algorithm>
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
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool PasswordHasher::verify(const std::string& stored, const std::string& password) {
  if (stored.size() >= crypto_pwhash_STRBYTES) return false;
  HashSlot slot(*this);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> password_problem(const std::string& password) {
  if (password.size() > kMaxPasswordBytes) return "staff_error_password_long";
  if (!is_valid_utf8(password)) return "staff_error_password_invalid";
  // UTF-8 continuation bytes do not start a code point.
  std::size_t code_points = std::count_if(password.begin(), password.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  if (code_points < kMinPasswordLength) return "staff_error_password_short";
  return std::nullopt;
}

}  // namespace tilfreds::intake::staff
