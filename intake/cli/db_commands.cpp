#include "intake/cli/db_commands.h"

#include <memory>

#include "db/copy.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;

struct CopyArgs {
  std::string from;
  std::string to;
};
}  // namespace

void add_db_commands(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<CopyArgs>();
  auto* cmd = root.add_subcommand("db", "The database itself: move a deployment to another engine");
  cmd->require_subcommand(1);
  auto* copy = cmd->add_subcommand("copy", "Copy every row into a new, empty database (e.g. SQLite to PostgreSQL)");
  copy->add_option("--from", a->from, "The database to copy: a SQLite file or a postgresql:// URI")->required();
  copy->add_option("--to", a->to, "The new, empty database (default from TILFREDS_DB)")
      ->envname("TILFREDS_DB")
      ->required();
  copy->callback([&ctx, a] {
    db::Connection from(a->from);
    db::Connection to(a->to);
    auto result = db::copy_database(from, to);
    if (!result.refused.empty()) {
      *ctx.err << "tilfreds: db copy: " << result.refused << "\n";
      ctx.exit_code = kRefused;
      return;
    }
    std::int64_t rows = 0;
    for (const auto& t : result.tables) {
      *ctx.out << t.table << ": " << t.target_rows << "\n";
      rows += t.target_rows;
    }
    *ctx.out << "copied " << rows << " rows of " << result.tables.size()
             << " tables; the counts match on both sides. Give every server the same key file (--key-file): "
                "the link and code hashes need it.\n";
  });
}

}  // namespace tilfreds::intake::cli
