// Letter tokens, short codes and their hashes.
//
// A token is 128 random bits, base64url without padding (22 characters): with that
// much entropy a single fast hash (SHA-256) is the right storage form. A code is 8
// characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), about
// 40 bits: enough against guessing only together with the rate limit on /kode.
#pragma once

#include <optional>
#include <string>

namespace tilfreds::intake::survey {

// A new random letter token (22 URL-safe characters).
std::string new_token();
// A new random code, printed as "ABCD-EFGH".
std::string new_code();
// A new random opaque id for cookies and CSRF tokens (256 bits, URL-safe).
std::string new_secret();

// The code's canonical form — upper case, spaces and dashes removed — or nullopt
// if it cannot be a code (wrong length or a letter outside the alphabet).
std::optional<std::string> normalise_code(const std::string& typed);

// Whether `s` has the shape of a token (so lookups of junk are skipped).
bool looks_like_token(const std::string& s);

// Raw 32-byte SHA-256 of `s`, the form stored in the database.
std::string sha256(const std::string& s);

// Compares two secrets without leaking where they differ.
bool equal_secrets(const std::string& a, const std::string& b);

}  // namespace tilfreds::intake::survey
