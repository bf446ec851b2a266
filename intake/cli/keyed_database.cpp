#include "intake/cli/keyed_database.h"

#include "intake/survey/key_file.h"

#include <stdexcept>

namespace tilfreds::intake::cli {

namespace {
// A SQLite file's key lives beside it by default; a database server has no "beside",
// and every server of a site must read the same key: the operator names the file.
std::string key_path(const Context& ctx) {
  if (!ctx.key_file.empty()) return ctx.key_file;
  if (db::engine_of(ctx.db_path) == db::Engine::kPostgresql) {
    throw std::runtime_error("a PostgreSQL database needs --key-file (the same file on every server)");
  }
  return survey::default_key_path(ctx.db_path);
}

// Checked before connecting, so a refused start has touched nothing.
const std::string& target(const Context& ctx) {
  key_path(ctx);
  return ctx.db_path;
}
}  // namespace

KeyedDatabase::KeyedDatabase(const Context& ctx)
    : db::Database(target(ctx)), key_(survey::open_key_file(*this, key_path(ctx))) {}

}  // namespace tilfreds::intake::cli
