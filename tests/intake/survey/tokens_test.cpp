#include "intake/survey/tokens.h"

#include <sodium.h>

#include <catch2/catch.hpp>
#include <set>

#include "tests/support/hex.h"

using namespace tilfreds::intake::survey;
using tilfreds::testing::hex;

TEST_CASE("tokens carry 128 random bits, URL-safe, and do not repeat") {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    std::string t = new_token();
    REQUIRE(t.size() == 22);
    REQUIRE(looks_like_token(t));
    unsigned char raw[32];
    size_t len = 0;
    REQUIRE(sodium_base642bin(raw, sizeof raw, t.data(), t.size(), nullptr, &len, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0);
    REQUIRE(len == 16);
    seen.insert(t);
  }
  CHECK(seen.size() == 10000);
  CHECK_FALSE(looks_like_token("short"));
  CHECK_FALSE(looks_like_token("AAAAAAAAAAAAAAAAAAAA/A"));
}

TEST_CASE("codes are typeable from paper and normalise forgivingly") {
  for (int i = 0; i < 1000; ++i) {
    std::string c = new_code();
    REQUIRE(c.size() == 9);
    REQUIRE(c[4] == '-');
    REQUIRE(c.find_first_of("0O1IL") == std::string::npos);
    REQUIRE(normalise_code(c) == c.substr(0, 4) + c.substr(5));
  }
  CHECK(normalise_code("abcd efgh") == std::optional<std::string>("ABCDEFGH"));
  CHECK(normalise_code(" AbCd-EfGh ") == std::optional<std::string>("ABCDEFGH"));
  CHECK_FALSE(normalise_code("ABCD-EFG"));     // too short
  CHECK_FALSE(normalise_code("ABCD-EFGHJ"));   // too long
  CHECK_FALSE(normalise_code("ABCD-EFG0"));    // 0 is not in the alphabet
  CHECK_FALSE(normalise_code("'; DROP--"));
}

TEST_CASE("hashes are SHA-256 of the exact text") {
  // FIPS 180-2 test vector: SHA-256("abc").
  CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256("ABCDEFGH") != sha256("ABCDEFGI"));
  CHECK(equal_secrets("same", "same"));
  CHECK_FALSE(equal_secrets("same", "sama"));
  CHECK_FALSE(equal_secrets("same", "same-longer"));
}
