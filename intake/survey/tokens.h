// Letter tokens, short codes and their hashes.
//
// A token is 128 random bits, base64url without padding (22 characters): with that
// much entropy a single fast hash (SHA-256) is the right storage form. A code is 8
// characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), about
// 40 bits: enough against guessing only together with the rate limit on /kode.
#pragma once

#include <optional>
#include <string>

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
// Raw 32-byte SHA-256 of `s`, the form stored in the database.
std::string sha256(const std::string& s);

// Compares two secrets without leaking where they differ.
bool equal_secrets(const std::string& a, const std::string& b);

}  // namespace tilfreds::intake::survey
