#include "intake/cli/settings_commands.h"

#include <memory>

#include "intake/cli/keyed_database.h"
#include "intake/settings/site_settings.h"
#include "intake/web/render.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;

struct SettingsArgs {
  std::string key;
  std::string value;
};

// One line per setting: a long text's line ends are shown as "\n".
std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}
}  // namespace

void add_settings_commands(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<SettingsArgs>();
  auto* cmd = root.add_subcommand("settings", "The municipality's site: name, contact, accessibility statement, privacy texts");
  cmd->require_subcommand(1);

  std::string keys;
  for (const auto& k : settings::known_keys()) keys += std::string(keys.empty() ? "" : ", ") + k.key;
  auto* set = cmd->add_subcommand("set", "Set KEY to VALUE (an empty VALUE unsets it); keys: " + keys);
  set->add_option("key", a->key, "e.g. organisation.name")->required();
  set->add_option("value", a->value, "e.g. \"Lejre Kommune\"")->required();
  set->callback([&ctx, a, keys] {
    KeyedDatabase db(ctx);
    auto problems = settings::save(db, {{a->key, a->value}}, std::nullopt, "cli");
    if (!problems.empty()) {
      // Problems carry UI text keys; the command line speaks the English texts.
      web::Renderer texts;
      for (const auto& p : problems) *ctx.err << "tilfreds: " << p.where << ": " << texts.text("en", p.message) << "\n";
      if (!settings::find_key(a->key)) *ctx.err << "tilfreds: known keys: " << keys << "\n";
      ctx.exit_code = kRefused;
      return;
    }
    *ctx.out << (a->value.empty() ? "unset " + a->key : "set " + a->key)
             << " (a running server shows it after a restart, or at once when saved on /admin/indstillinger)\n";
  });

  auto* list = cmd->add_subcommand("list", "Every key and its value; warns about keys a public site needs");
  list->callback([&ctx] {
    KeyedDatabase db(ctx);
    auto stored = settings::load(db);
    for (const auto& k : settings::known_keys()) {
      auto it = stored.find(k.key);
      *ctx.out << k.key << "\t" << (it == stored.end() ? "-" : one_line(it->second)) << "\n";
    }
    for (const auto& key : settings::missing_for_public_site(stored)) {
      *ctx.err << "tilfreds: warning: " << key << " is not set; a public site needs it (tilfreds settings set "
               << key << " VALUE)\n";
    }
  });
}

}  // namespace tilfreds::intake::cli
