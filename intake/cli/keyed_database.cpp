#include "intake/cli/keyed_database.h"

#include "intake/survey/key_file.h"

namespace tilfreds::intake::cli {

KeyedDatabase::KeyedDatabase(const Context& ctx)
    : db::Database(ctx.db_path),
      key_(survey::open_key_file(*this, ctx.key_file.empty() ? survey::default_key_path(ctx.db_path)
                                                             : ctx.key_file)) {}

}  // namespace tilfreds::intake::cli
