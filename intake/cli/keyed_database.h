// The database a command works on, opened the one way every command opens it:
// migrated, and with its key file read and checked (created at the first start),
// so no command can run on a database whose key file is missing or foreign.
#pragma once

#include "db/database.h"
#include "intake/cli/context.h"
#include "intake/survey/tokens.h"

namespace tilfreds::intake::cli {

class KeyedDatabase : public db::Database {
 public:
  // Opens ctx.db_path and the key file (--key-file, default the database path +
  // ".key"). Throws survey::KeyFileRefused (main exits 3 with its message) or db::Error.
  explicit KeyedDatabase(const Context& ctx);
  const survey::TokenKey& key() const { return key_; }

 private:
  survey::TokenKey key_;
};

}  // namespace tilfreds::intake::cli
