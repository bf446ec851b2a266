#include "intake/complaints/form_stamp.h"

#include <sodium.h>

#include <stdexcept>

namespace tilfreds::intake::complaints {

namespace {
void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}
}  // namespace

FormStamp::FormStamp() : key_(crypto_auth_KEYBYTES, '\0') {
  ensure_sodium();
  crypto_auth_keygen(reinterpret_cast<unsigned char*>(key_.data()));
}

FormStamp::FormStamp(std::string key) : key_(std::move(key)) {
  ensure_sodium();
  if (key_.size() < crypto_auth_KEYBYTES) throw std::invalid_argument("form stamp key too short");
  key_.resize(crypto_auth_KEYBYTES);
}

std::string FormStamp::mac(const std::string& message) const {
  unsigned char out[crypto_auth_BYTES];
  crypto_auth(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              reinterpret_cast<const unsigned char*>(key_.data()));
  std::string hex(crypto_auth_BYTES * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out, sizeof out);
  hex.pop_back();
  return hex;
}

std::string FormStamp::issue(std::int64_t now) const {
  std::string t = std::to_string(now);
  return t + "." + mac(t);
}

StampCheck FormStamp::check(const std::string& stamp, std::int64_t now, std::int64_t min_seconds,
                            std::int64_t max_seconds) const {
  auto dot = stamp.find('.');
  if (dot == std::string::npos || dot == 0 || dot > 12) return StampCheck::kInvalid;
  std::string t = stamp.substr(0, dot);
  if (t.find_first_not_of("0123456789") != std::string::npos) return StampCheck::kInvalid;
  std::string expected = mac(t), given = stamp.substr(dot + 1);
  if (given.size() != expected.size() ||
      sodium_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return StampCheck::kInvalid;
  }
  std::int64_t age = now - std::stoll(t);
  if (age < min_seconds) return StampCheck::kTooFast;
  if (age > max_seconds) return StampCheck::kTooOld;
  return StampCheck::kOk;
}

}  // namespace tilfreds::intake::complaints
