// The key file: the secret that keys a database's token and code hashes and seals
// their plain copies, kept beside the database but never in it, so that a copy of
// the database (and its journal and backups) alone gives away no code.
//
// Created at the first start with mode 0600 (default: the database path + ".key",
// or --key-file); the database records a check value of it (db::key_check). A
// start with a missing key file, or one that does not belong to the database, is
// refused: a new random key would silently make every letter's code fail.
#pragma once

#include <stdexcept>
#include <string>

#include "db/database.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::survey {

// Why a key file was refused; what() is one line an operator can act on.
class KeyFileRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where the key file of the database at `db_path` lives unless told otherwise.
std::string default_key_path(const std::string& db_path);

// The key of `db`: read from `key_path`, or — only if the database has no key
// recorded yet — created there (0600, never overwriting) and recorded. Throws
// KeyFileRefused if the file is missing while the database has a key, does not
// match the recorded key, or is not a key file; db::Error on a database fault.
TokenKey open_key_file(db::Database& db, const std::string& key_path);

}  // namespace tilfreds::intake::survey
