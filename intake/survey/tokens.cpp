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

namespace {
// Subkey of the key file for sealing (libsodium's crypto_kdf, BLAKE2b): the HMAC and
// the box never share a key.
constexpr std::uint64_t kBoxSubkey = 1;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "tfletter";
constexpr std::string_view kCheckLabel = "tilfreds key check v1";
}  // namespace

TokenKey::TokenKey(const std::string& bytes) : mac_key_(bytes), box_key_(crypto_secretbox_KEYBYTES, '\0') {
  ensure_sodium();
  static_assert(kBytes == crypto_kdf_KEYBYTES && kBytes == crypto_auth_hmacsha256_KEYBYTES);
  if (bytes.size() != kBytes) throw std::invalid_argument("a token key has 32 bytes");
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(box_key_.data()), box_key_.size(),
                             kBoxSubkey, kKdfContext,
                             reinterpret_cast<const unsigned char*>(mac_key_.data()));
}

TokenKey::TokenKey(const TokenKey& other) = default;

TokenKey::~TokenKey() {
  sodium_memzero(mac_key_.data(), mac_key_.size());
  sodium_memzero(box_key_.data(), box_key_.size());
}

TokenKey TokenKey::generate() {
  ensure_sodium();
  std::string bytes(kBytes, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  TokenKey key(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

std::string TokenKey::hash(const std::string& s) const {
  std::string out(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(out.data()),
                         reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                         reinterpret_cast<const unsigned char*>(mac_key_.data()));
  return out;
}

std::string TokenKey::check_value() const { return hash(std::string(kCheckLabel)); }

std::string TokenKey::seal(const std::string& plain) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(box_key_.data()));
  return out;
}

std::optional<std::string> TokenKey::unseal(const std::string& sealed) const {
  constexpr size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (sealed.size() < kOverhead) return std::nullopt;
  std::string out(sealed.size() - kOverhead, '\0');
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(box_key_.data())) != 0) {
    return std::nullopt;
  }
  return out;
}

db::LookupHash lookup_hash(const TokenKey& key, const std::string& secret) {
  return {key.hash(secret), sha256(secret)};
}

std::optional<PlainSecrets> unseal_invitee_secrets(db::Database& db, const TokenKey& key,
                                                   std::int64_t invitee_id) {
  auto sealed = db.read([&](db::Connection& c) { return db::find_sealed_secrets(c, invitee_id); });
  if (!sealed) return std::nullopt;
  auto token = key.unseal(sealed->token);
  auto code = key.unseal(sealed->code);
  if (!token || !code) return std::nullopt;
  return PlainSecrets{*token, *code};
}

bool equal_secrets(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tilfreds::intake::survey
