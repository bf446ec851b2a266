#include "intake/cli/user_commands.h"

#include <termios.h>
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <memory>

#include "db/staff_store.h"
#include "intake/cli/keyed_database.h"
#include "intake/staff/users.h"
#include "intake/web/render.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;

struct UserArgs {
  std::string name;
  std::string role;
};

// One line from standard input without its line end; on a terminal the typing is
// not echoed. nullopt when the input is empty.
std::optional<std::string> read_password(Context& ctx) {
  bool tty = isatty(STDIN_FILENO) != 0;
  termios before{};
  if (tty) {
    *ctx.err << "Password: " << std::flush;
    tcgetattr(STDIN_FILENO, &before);
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &before);
    *ctx.err << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!got || line.empty()) return std::nullopt;
  return line;
}

// Problems carry UI text keys; the command line speaks the English texts.
void report(const Problems& problems, Context& ctx) {
  web::Renderer texts;
  for (const auto& p : problems) *ctx.err << "tilfreds: " << p.where << ": " << texts.text("en", p.message) << "\n";
  ctx.exit_code = kRefused;
}

std::optional<db::StaffUserRow> user_or_report(db::Database& db, const std::string& name, Context& ctx) {
  auto row = db.read([&](db::Connection& c) { return db::find_staff_user_by_name(c, name); });
  if (!row) {
    *ctx.err << "tilfreds: no user named '" << name << "': see `tilfreds user list`\n";
    ctx.exit_code = kRefused;
  }
  return row;
}

CLI::Option* add_role_option(CLI::App* cmd, std::string& role) {
  return cmd->add_option("--role", role, "admin (users, offers, questionnaires), staff (complaints), secretary (reports) or reviewer (case review)")
      ->check(CLI::IsMember({"admin", "staff", "secretary", "reviewer"}));
}
}  // namespace

void add_user_commands(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<UserArgs>();
  auto* user = root.add_subcommand("user", "Staff users: add, list, change role, disable, enable, reset password");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Add a user; the password (at least 12 characters) is read from standard input");
  add->add_option("name", a->name, "User name, e.g. initials")->required();
  add_role_option(add, a->role)->required();
  add->callback([&ctx, a] {
    auto password = read_password(ctx);
    if (!password) {
      *ctx.err << "tilfreds: no password on standard input: e.g. `tilfreds user add " << a->name
               << " --role " << a->role << " < password-file`\n";
      ctx.exit_code = kRefused;
      return;
    }
    KeyedDatabase db(ctx);
    staff::PasswordHasher hasher;
    auto result = staff::add_user(db, hasher, staff::Actor::cli(), a->name, *staff::parse_role(a->role), *password);
    if (!result.ok()) return report(result.problems, ctx);
    *ctx.out << "added " << a->name << " (" << a->role << ")\n";
  });

  auto* list = user->add_subcommand("list", "List users: name, role, status, created (UTC)");
  list->callback([&ctx] {
    KeyedDatabase db(ctx);
    auto rows = db.read([](db::Connection& c) { return db::list_staff_users(c); });
    auto now = static_cast<std::int64_t>(std::time(nullptr));
    for (const auto& r : rows) {
      const char* state = !r.active ? "disabled" : r.locked_until > now ? "locked" : "active";
      *ctx.out << r.name << "\t" << r.role << "\t" << state << "\t" << r.created_at << "\n";
    }
  });

  auto* role = user->add_subcommand("role", "Change a user's role (their sessions end)");
  role->add_option("name", a->name, "User name")->required();
  add_role_option(role, a->role)->required();
  role->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto row = user_or_report(db, a->name, ctx);
    if (!row) return;
    auto problems = staff::change_role(db, staff::Actor::cli(), row->id, *staff::parse_role(a->role));
    if (!problems.empty()) return report(problems, ctx);
    *ctx.out << a->name << " is now " << a->role << "\n";
  });

  for (bool active : {false, true}) {
    auto* cmd = user->add_subcommand(active ? "enable" : "disable",
                                     active ? "Let a disabled user log in again"
                                            : "Stop a user from logging in (their sessions end)");
    cmd->add_option("name", a->name, "User name")->required();
    cmd->callback([&ctx, a, active] {
      KeyedDatabase db(ctx);
      auto row = user_or_report(db, a->name, ctx);
      if (!row) return;
      auto problems = staff::set_active(db, staff::Actor::cli(), row->id, active);
      if (!problems.empty()) return report(problems, ctx);
      *ctx.out << a->name << (active ? " enabled\n" : " disabled\n");
    });
  }

  auto* password = user->add_subcommand(
      "password", "Set a new password, read from standard input (also lifts a lockout; sessions end)");
  password->add_option("name", a->name, "User name")->required();
  password->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto row = user_or_report(db, a->name, ctx);
    if (!row) return;
    auto pw = read_password(ctx);
    if (!pw) {
      *ctx.err << "tilfreds: no password on standard input\n";
      ctx.exit_code = kRefused;
      return;
    }
    staff::PasswordHasher hasher;
    auto problems = staff::reset_password(db, hasher, staff::Actor::cli(), row->id, *pw);
    if (!problems.empty()) return report(problems, ctx);
    *ctx.out << "new password set for " << a->name << "\n";
  });
}

}  // namespace tilfreds::intake::cli
