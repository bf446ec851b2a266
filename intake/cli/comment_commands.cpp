#include "intake/cli/comment_commands.h"

#include <memory>
#include <optional>

#include "intake/cli/keyed_database.h"
#include "intake/reports/comment_coding.h"
#include "intake/survey/fieldwork.h"
#include "intake/web/render.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;

struct CommentArgs {
  std::string survey, wave, comment, name;
  std::optional<std::string> theme, tone, wording;
  bool quote = false, no_quote = false;
};

// Problems carry UI text keys; the command line speaks the English texts.
void report(const Problems& problems, Context& ctx) {
  web::Renderer texts;
  for (const auto& p : problems) {
    *ctx.err << "tilfreds: --" << p.where << ": " << texts.text("en", p.message) << "\n";
  }
  ctx.exit_code = kRefused;
}

std::optional<db::WaveRow> wave_of(db::Database& db, const CommentArgs& a, Context& ctx) {
  auto wave = survey::find_wave(db, a.wave, a.survey.empty() ? std::nullopt : std::optional(a.survey));
  if (!wave.ok()) {
    for (const auto& p : wave.problems) *ctx.err << "tilfreds: --wave: " << p.message << "\n";
    ctx.exit_code = kRefused;
  }
  return wave.value;
}

std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' || c == '\r' ? ' ' : c;
  return out;
}
}  // namespace

void add_comment_commands(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<CommentArgs>();
  auto* cmd = root.add_subcommand("comments", "Code the comments of a wave for the committee appendix: themes, ris/ros, quotes");
  cmd->require_subcommand(1);
  auto wave_options = [a](CLI::App* sub) {
    sub->add_option("--wave", a->wave, "The wave's label, e.g. 2024")->required();
    sub->add_option("--survey", a->survey, "The questionnaire id, when labels repeat across questionnaires");
  };

  auto* list = cmd->add_subcommand("list", "The wave's themes and comments (masked), each with its id and coding");
  wave_options(list);
  list->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto wave = wave_of(db, *a, ctx);
    if (!wave) return;
    const auto wc = reports::wave_comments(db, *wave);
    reports::audit_comment_read(db, staff::Actor::cli(), *wave);
    *ctx.out << "themes:";
    for (const auto& t : wc.themes) *ctx.out << " [" << t.name << "]";
    *ctx.out << (wc.themes.empty() ? " (none)\n" : "\n");
    // id, theme, tone, quote, text: tab-separated, one comment a line.
    for (const auto& c : wc.comments) {
      const auto* theme = c.theme_id ? wc.theme(*c.theme_id) : nullptr;
      *ctx.out << c.id << "\t" << (theme ? theme->name : "-") << "\t" << (c.tone.empty() ? "-" : c.tone) << "\t"
               << (c.quote ? (c.wording ? "quote (edited)" : "quote") : "-") << "\t" << one_line(c.quote_text()) << "\n";
    }
  });

  auto* theme = cmd->add_subcommand("theme", "Add a theme to the wave");
  wave_options(theme);
  theme->add_option("--name", a->name, "The theme, e.g. \"Kontakt og ventetid\"")->required();
  theme->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto wave = wave_of(db, *a, ctx);
    if (!wave) return;
    auto added = reports::add_theme(db, staff::Actor::cli(), *wave, a->name);
    if (!added.ok()) return report(added.problems, ctx);
    *ctx.out << "added theme " << a->name << " to wave " << wave->label << "\n";
  });

  auto* code = cmd->add_subcommand("code", "Set a comment's theme, ris or ros, quote and wording (others kept)");
  wave_options(code);
  code->add_option("--comment", a->comment, "The comment's id, as `comments list` prints it")->required();
  code->add_option("--theme", a->theme, "One of the wave's themes; \"\" for none");
  code->add_option("--tone", a->tone, "ris, ros or ingen")->check(CLI::IsMember({"ris", "ros", "ingen", "none", ""}));
  code->add_flag("--quote", a->quote, "Use the comment as a quote in the report");
  code->add_flag("--no-quote", a->no_quote, "Do not use it as a quote (its wording is kept)")->excludes("--quote");
  code->add_option("--wording", a->wording, "The quote's edited wording (the original is kept); \"\" for the original");
  code->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto wave = wave_of(db, *a, ctx);
    if (!wave) return;
    // Start from the comment's coding, so one option changes one thing.
    const auto wc = reports::wave_comments(db, *wave);
    reports::CodingInput in{a->comment, "", "", false, ""};
    for (const auto& c : wc.comments) {
      if (c.id != a->comment) continue;
      const auto* t = c.theme_id ? wc.theme(*c.theme_id) : nullptr;
      in = {c.id, t ? t->name : "", c.tone, c.quote, c.wording.value_or("")};
    }
    if (a->theme) in.theme = *a->theme;
    if (a->tone) in.tone = *a->tone;
    if (a->quote || a->no_quote) in.quote = a->quote;
    if (a->wording) in.wording = *a->wording;
    auto problems = reports::code_comment(db, staff::Actor::cli(), *wave, in);
    if (!problems.empty()) return report(problems, ctx);
    *ctx.out << "coded comment " << a->comment << "\n";
  });
}

}  // namespace tilfreds::intake::cli
