// Keyed hashes (issue 10 §1): tokens and codes are stored as HMAC-SHA-256 under a
// key kept in a file outside the database, sealed copies open only with that key,
// and a database never starts with a missing or foreign key file.
#include "intake/survey/key_file.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "db/invitee_store.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/fieldwork.h"
#include "tests/support/hex.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds::intake::survey;
using tilfreds::testing::hex;
namespace db = tilfreds::db;
using tilfreds::testing::TempDir;

namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

struct Fielded {
  TempDir dir;
  db::Database database{dir.file("t.db")};
  TokenKey key = open_key_file(database, default_key_path(database.path()));
  db::WaveRow wave;
  std::vector<Letter> letters;

  Fielded() {
    REQUIRE(import_survey(database, shipped_survey("jobcenter.json")).ok());
    wave = *create_wave(database, "jobcenter", "2024", std::nullopt, std::nullopt).value;
    letters = import_frame(database, key, wave, "reference;group\nP-1;dagpenge\nP-2;dagpenge\n",
                           "http://x", false)
                  .letters;
    REQUIRE(letters.size() == 2);
  }
  std::string token(size_t i) const { return letters[i].url.substr(letters[i].url.find("/s/") + 3); }
};
}  // namespace

TEST_CASE("the keyed hash is HMAC-SHA-256 with the key file's 32 bytes") {
  std::string bytes;
  for (int i = 0; i < 32; ++i) bytes += static_cast<char>(i);
  // python3 -c "import hmac,hashlib; print(hmac.new(bytes(range(32)), b'abc', hashlib.sha256).hexdigest())"
  CHECK(hex(TokenKey(bytes).hash("abc")) == "f0133729c4163dede81e21cd47839256da58171238c8a0d874397c73b14e1e47");
  CHECK(TokenKey(bytes).hash("abc") != sha256("abc"));
  CHECK_THROWS_AS(TokenKey("short"), std::invalid_argument);
}

TEST_CASE("the key file is created once with mode 0600 and then required") {
  TempDir dir;
  const std::string db_path = dir.file("t.db"), key_path = default_key_path(db_path);
  CHECK(key_path == db_path + ".key");
  std::string first;
  {
    db::Database database(db_path);
    first = open_key_file(database, key_path).check_value();
  }
  struct stat st {};
  REQUIRE(::stat(key_path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == 32);
  db::Database database(db_path);
  CHECK(open_key_file(database, key_path).check_value() == first);

  const std::string kept = file_bytes(key_path);
  SECTION("missing: refused, not replaced by a new key") {
    std::filesystem::remove(key_path);
    CHECK_THROWS_WITH(open_key_file(database, key_path), Catch::Contains("is missing"));
    CHECK_FALSE(std::filesystem::exists(key_path));
  }
  SECTION("another database's key: refused") {
    write_file(key_path, TokenKey::generate().bytes());
    CHECK_THROWS_WITH(open_key_file(database, key_path), Catch::Contains("does not belong"));
  }
  SECTION("not a key file: refused") {
    write_file(key_path, kept.substr(0, 20));
    CHECK_THROWS_WITH(open_key_file(database, key_path), Catch::Contains("not a tilfreds key file"));
  }
  SECTION("elsewhere, named by --key-file: accepted") {
    std::filesystem::rename(key_path, dir.file("backup.key"));
    CHECK(open_key_file(database, dir.file("backup.key")).check_value() == first);
  }
}

TEST_CASE("tokens and codes are stored keyed and sealed, never plain or as plain SHA-256") {
  Fielded f;
  const std::string code = *normalise_code(f.letters[0].code);
  f.database.read([&](db::Connection& c) {
    auto st = c.prepare("SELECT token_hash, code_hash, token_sealed, code_sealed, hash_kind FROM invitee"
                        " WHERE reference = 'P-1'");
    REQUIRE(st.step());
    CHECK(st.text(0) == f.key.hash(f.token(0)));
    CHECK(st.text(1) == f.key.hash(code));
    CHECK(st.text(0) != sha256(f.token(0)));
    CHECK(st.text(1) != sha256(code));
    CHECK(st.text(2).find(f.token(0)) == std::string::npos);
    CHECK(st.text(3).find(f.letters[0].code) == std::string::npos);
    CHECK(st.text(4) == "hmac");
    // The whole file holds neither the token nor the code in plain.
    return 0;
  });
  const std::string file = file_bytes(f.database.path()) + file_bytes(f.database.path() + "-wal");
  CHECK(file.find(f.token(0)) == std::string::npos);
  CHECK(file.find(code) == std::string::npos);

  auto by_token = f.database.read([&](db::Connection& c) {
    return db::find_invitee_by_token(c, lookup_hash(f.key, f.token(0)));
  });
  REQUIRE(by_token);
  CHECK(by_token->reference == "P-1");
  // Knowing the token but not the key finds nothing.
  CHECK_FALSE(f.database.read([&](db::Connection& c) {
    return db::find_invitee_by_token(c, {sha256(f.token(0)), sha256(f.token(0))});
  }));
  auto by_code = f.database.read([&](db::Connection& c) {
    return db::find_invitee_by_code(c, lookup_hash(f.key, code));
  });
  REQUIRE(by_code);
  CHECK(by_code->reference == "P-1");
}

TEST_CASE("the sealed token and code open with the key file's key only") {
  Fielded f;
  auto plain = unseal_invitee_secrets(f.database, f.key, 1);
  REQUIRE(plain);
  CHECK(plain->token == f.token(0));
  CHECK(plain->code == f.letters[0].code);
  CHECK_FALSE(unseal_invitee_secrets(f.database, TokenKey::generate(), 1));
  CHECK_FALSE(unseal_invitee_secrets(f.database, f.key, 999));
  std::string sealed = f.key.seal("secret");
  sealed.back() = static_cast<char>(sealed.back() ^ 1);
  CHECK_FALSE(f.key.unseal(sealed));  // altered: refused, not garbage
}

TEST_CASE("an invitee imported before keyed hashes is still found by its letter") {
  Fielded f;
  const std::string token = new_token(), code = "ABCDEFGH";
  f.database.write([&](db::Connection& c) {
    c.prepare("INSERT INTO invitee (wave_id, reference, grp, token_hash, code_hash)"
              " VALUES (?, 'OLD', 'dagpenge', ?, ?)")
        .bind(1, f.wave.id)
        .bind_blob(2, sha256(token))
        .bind_blob(3, sha256(code))
        .run();
  });
  auto old = f.database.read([&](db::Connection& c) { return db::find_invitee_by_token(c, lookup_hash(f.key, token)); });
  REQUIRE(old);
  CHECK(old->reference == "OLD");
  CHECK(f.database.read([&](db::Connection& c) { return db::find_invitee_by_code(c, lookup_hash(f.key, code)); }));
}
