// The shapes of the secrets the site hands out — random opaque ids, letter tokens,
// short codes — and how to make a random one. Kept below web/ and survey/ alike:
// the server (web/) redacts anything shaped like a token or a code from its log,
// and survey/ issues and checks them (survey/tokens.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tilfreds::intake {

// A code is 8 characters from a 31-letter alphabet without look-alikes (no 0/O,
// 1/I/L), about 40 bits.
inline constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
inline constexpr std::size_t kCodeLength = 8;

// `bytes` random bytes (libsodium), base64url without padding.
std::string random_base64url(std::size_t bytes);

// A new random opaque id for cookies and CSRF tokens (256 bits, URL-safe).
std::string new_secret();

// The code's canonical form — upper case, spaces and dashes removed — or nullopt
// if it cannot be a code (wrong length or a letter outside the alphabet).
std::optional<std::string> normalise_code(const std::string& typed);

// Whether `s` has the shape of a letter token: 22 base64url characters (128 bits).
bool looks_like_token(const std::string& s);

}  // namespace tilfreds::intake
