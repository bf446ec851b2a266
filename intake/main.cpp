// tilfreds: survey, complaint and statistics server for Danish jobcentres.
// Exit codes: 0 done, 1 input refused (problems listed), 2 usage, 3 fault.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "intake/cli/comment_commands.h"
#include "intake/cli/complaint_commands.h"
#include "intake/cli/context.h"
#include "intake/cli/db_commands.h"
#include "intake/cli/fieldwork_commands.h"
#include "intake/cli/offer_quality_commands.h"
#include "intake/cli/report_command.h"
#include "intake/cli/review_commands.h"
#include "intake/cli/serve_command.h"
#include "intake/cli/settings_commands.h"
#include "intake/cli/stats_command.h"
#include "intake/cli/user_commands.h"

int main(int argc, char** argv) {
  using namespace tilfreds::intake::cli;
  // Everything tilfreds creates — the database, its -wal and -shm, the key file, the
  // letters file with plain links and codes, exported reports — is for its owner only.
  ::umask(077);
  Context ctx;
  CLI::App app{"tilfreds: satisfaction surveys, complaints and statistics for jobcentres"};
  // TILFREDS_DB: a PostgreSQL URI with its password stays out of the process list.
  app.add_option("--db", ctx.db_path,
                 "SQLite database file, or a PostgreSQL URI (postgresql://user@host/db); "
                 "default from TILFREDS_DB")
      ->envname("TILFREDS_DB")
      ->capture_default_str();
  app.add_option("--key-file", ctx.key_file,
                 "Key of the database's link and code hashes (default: the database path + .key; "
                 "required with PostgreSQL); created at the first start, back it up apart from the database");
  app.require_subcommand(1);
  add_fieldwork_commands(app, ctx);
  add_serve_commands(app, ctx);
  add_stats_command(app, ctx);
  add_report_command(app, ctx);
  add_user_commands(app, ctx);
  add_complaint_commands(app, ctx);
  add_comment_commands(app, ctx);
  add_settings_commands(app, ctx);
  add_review_commands(app, ctx);
  add_offer_quality_commands(app, ctx);
  add_db_commands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "tilfreds: " << e.what() << "\n";
    return 3;
  }
  return ctx.exit_code;
}
