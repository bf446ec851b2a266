#include "intake/survey/tokens.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace tilfreds::intake::survey {

namespace {
void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
}
}  // namespace

std::string new_token() { return random_base64url(16); }

std::string new_code() {
  ensure_sodium();
  std::string code;
  for (size_t i = 0; i < kCodeLength; ++i) {
    if (i == 4) code += '-';
    // randombytes_uniform avoids the modulo bias of rand() % n.
    code += kCodeAlphabet[randombytes_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))];
  }
  return code;
}

std::string sha256(const std::string& s) {
  ensure_sodium();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(s.data()), s.size());
  return out;
}

bool equal_secrets(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tilfreds::intake::survey
