#include "intake/secret_shapes.h"

#include <sodium.h>

#include <stdexcept>

namespace tilfreds::intake {

std::string random_base64url(std::size_t bytes) {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string new_secret() { return random_base64url(32); }

std::optional<std::string> normalise_code(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
    if (out.size() > kCodeLength) return std::nullopt;
  }
  if (out.size() != kCodeLength) return std::nullopt;
  return out;
}

bool looks_like_token(const std::string& s) {
  if (s.size() != 22) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace tilfreds::intake
