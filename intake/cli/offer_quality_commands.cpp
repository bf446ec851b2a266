#include "intake/cli/offer_quality_commands.h"

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "db/audit_store.h"
#include "db/database.h"
#include "db/offer_quality_store.h"
#include "db/staff_permission_store.h"
#include "db/staff_store.h"
#include "intake/dates.h"
#include "intake/offers/overview_columns.h"
#include "intake/offers/quality_input.h"
#include "intake/web/render.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;
const offers::Editor kCli{std::nullopt, "cli"};

struct Args {
  std::string file;
  std::string column;
  int green = 0;
  int yellow = 0;
  std::string user;
  std::string permission;
};

using Importer = offers::ImportResult (*)(db::Database&, const std::string&, const offers::Editor&,
                                          const std::string&);

void add_import(CLI::App* parent, const char* name, const char* what, const char* columns, Importer importer,
                Context& ctx) {
  auto file = std::make_shared<std::string>();
  auto* group = parent->add_subcommand(name, what);
  group->require_subcommand(1);
  auto* import = group->add_subcommand("import", std::string("Import a CSV file: ") + columns);
  import->add_option("FILE", *file, "CSV with a header line, ';' or ','")->required()->check(CLI::ExistingFile);
  import->callback([&ctx, file, importer] {
    std::ifstream in(*file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    db::Database db(ctx.db_path);
    auto result = importer(db, text.str(), kCli, today_iso());
    if (!result.problems.empty()) {
      web::Renderer renderer;
      *ctx.err << "tilfreds: nothing was imported, " << result.problems.size()
               << (result.problems.size() == 1 ? " problem" : " problems") << ":\n";
      for (const auto& p : result.problems) *ctx.err << "  " << p.where << ": " << renderer.text("en", p.message) << "\n";
      ctx.exit_code = kRefused;
      return;
    }
    *ctx.out << "imported " << result.stored << (result.stored == 1 ? " row" : " rows") << "\n";
  });
}

void audit(db::Connection& c, const char* action, const std::string& entity, const std::string& id,
           const nlohmann::json& detail) {
  db::record_audit(c, db::AuditEvent{std::nullopt, "cli", action, entity, id, "", detail.dump()});
}
}  // namespace

void add_offer_quality_commands(CLI::App& root, Context& ctx) {
  CLI::App* offer = root.get_subcommand("offer");
  add_import(offer, "ratings", "Supervision ratings (smiley glad|neutral|sur) per offer and half-year",
             "offer;period;smiley;visited;supervisor[;summary]", &offers::import_ratings, ctx);
  add_import(offer, "effects", "Citizens in work or education after the offer, per offer and half-year",
             "offer;period;ended;in_work;in_education", &offers::import_effects, ctx);
  add_import(offer, "ages", "Citizens per age band, per offer and half-year (sets the citizens too)",
             "offer;period;under_30;age_30_49;age_50_plus[;citizens]", &offers::import_ages, ctx);

  auto a = std::make_shared<Args>();
  auto* target = offer->add_subcommand("target", "Targets of the quality overview: a traffic light per column");
  target->require_subcommand(1);
  auto* set = target->add_subcommand("set", "Set a column's target: green from N %, yellow from N %, red below");
  set->add_option("COLUMN", a->column, "satisfaction | not_upheld | effect")
      ->required()
      ->check(CLI::IsMember(offers::kTargetColumns));
  set->add_option("--green", a->green, "Green from this whole percent")->required()->check(CLI::Range(0, 100));
  set->add_option("--yellow", a->yellow, "Yellow from this whole percent")->required()->check(CLI::Range(0, 100));
  set->callback([&ctx, a] {
    if (a->yellow > a->green) {
      *ctx.err << "tilfreds: --yellow " << a->yellow << " is above --green " << a->green
               << ": yellow must start at or below green\n";
      ctx.exit_code = kRefused;
      return;
    }
    db::Database db(ctx.db_path);
    db.write([&](db::Connection& c) {
      db::set_target(c, {a->column, a->green, a->yellow});
      audit(c, "set", "offer_target", a->column, {{"green_from", a->green}, {"yellow_from", a->yellow}});
    });
  });
  auto* clear = target->add_subcommand("clear", "Remove a column's target (its default, or no light, applies)");
  clear->add_option("COLUMN", a->column, "satisfaction | not_upheld | effect")
      ->required()
      ->check(CLI::IsMember(offers::kTargetColumns));
  clear->callback([&ctx, a] {
    db::Database db(ctx.db_path);
    db.write([&](db::Connection& c) {
      if (db::clear_target(c, a->column)) audit(c, "clear", "offer_target", a->column, nlohmann::json::object());
    });
  });
  auto* list = target->add_subcommand("list", "The targets in force: column, green from, yellow from");
  list->callback([&ctx] {
    db::Database db(ctx.db_path);
    auto th = offers::quality_thresholds(db);
    auto effect = offers::effect_target(db);
    *ctx.out << "satisfaction\t" << th.satisfaction_green << "\t" << th.satisfaction_yellow << "\n"
             << "not_upheld\t" << th.not_upheld_green << "\t" << th.not_upheld_yellow << "\n"
             << "effect\t" << (effect ? std::to_string(effect->first) + "\t" + std::to_string(effect->second) : "none")
             << "\n";
  });

  CLI::App* user = root.get_subcommand("user");
  for (bool grant : {true, false}) {
    auto* cmd = user->add_subcommand(grant ? "grant" : "revoke",
                                     grant ? "Give a user a permission beside their role: supervisor (enters the "
                                             "supervision ratings of the offers)"
                                           : "Take a permission away");
    cmd->add_option("NAME", a->user, "User name")->required();
    cmd->add_option("PERMISSION", a->permission, "supervisor")->required()->check(CLI::IsMember({"supervisor"}));
    cmd->callback([&ctx, a, grant] {
      db::Database db(ctx.db_path);
      bool found = false;
      db.write([&](db::Connection& c) {
        auto u = db::find_staff_user_by_name(c, a->user);
        if (!u) return;
        found = true;
        bool changed = grant ? db::grant_permission(c, u->id, a->permission)
                             : db::revoke_permission(c, u->id, a->permission);
        if (changed) audit(c, grant ? "grant" : "revoke", "user", std::to_string(u->id), {{"permission", a->permission}});
      });
      if (!found) {
        *ctx.err << "tilfreds: there is no user '" << a->user << "' (see tilfreds user list)\n";
        ctx.exit_code = kRefused;
        return;
      }
      *ctx.out << (grant ? "granted " : "revoked ") << a->permission << (grant ? " to " : " from ") << a->user << "\n";
    });
  }
}

}  // namespace tilfreds::intake::cli
