#include "intake/cli/fieldwork_commands.h"

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "db/invitee_store.h"
#include "intake/cli/keyed_database.h"
#include "intake/cli/input_files.h"
#include "intake/csv.h"
#include "intake/dates.h"
#include "intake/fieldwork/administration.h"
#include "intake/fieldwork/letter_document.h"
#include "intake/fieldwork/letters.h"
#include "intake/fieldwork/progress.h"
#include "intake/reports/render_pdf.h"
#include "intake/settings/site_frame.h"
#include "intake/survey/counts_import.h"
#include "intake/survey/fieldwork.h"
#include "intake/text.h"
#include "intake/web/render.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;

std::optional<db::WaveRow> wave_or_report(db::Database& db, const std::string& label,
                                          const std::string& survey, Context& ctx) {
  auto wave = survey::find_wave(db, label, survey.empty() ? std::nullopt : std::optional(survey));
  if (!wave.ok()) report(wave.problems, "--wave", ctx);
  return wave.value;
}
// Every option of the fieldwork commands, bound by CLI11 and read by the callbacks.
struct FieldworkArgs {
  std::string survey_file;
  std::string survey_id, label, opens, closes;
  std::optional<std::int64_t> wave_version;
  std::string status_wave, status_survey, close_wave, close_survey;
  bool by_group = false, as_json = false;
  std::string frame_file, frame_wave, frame_survey, letters_file, base_url = "http://127.0.0.1:8080";
  bool allow_errors = false;
  std::string mark_wave, mark_survey, mark_status, refs_file;
  std::vector<std::string> refs;
  std::string counts_file, counts_survey, counts_wave, counts_opens, counts_closes, totals_file;
  std::optional<std::int64_t> counts_version, invited, answered, ineligible, undeliverable;
  bool replace = false;
  std::string letters_wave, letters_survey, letters_format = "csv", letters_out;
  bool letters_reminder = false;
};

// `invite letters` and `invite reminders`: the letters made again from the sealed
// tokens, written to --out as csv, pdf or zip (fieldwork/letter_document.h).
void write_letters(Context& ctx, const FieldworkArgs& a, bool reminder) {
  KeyedDatabase db(ctx);
  auto wave = wave_or_report(db, a.letters_wave, a.letters_survey, ctx);
  if (!wave) return;
  web::Renderer renderer;
  const auto site = settings::load(db);
  settings::publish(site, renderer);
  // Chromium is looked for before any letter is opened: a missing engine must not
  // record a reminder round that produced no file.
  const auto format = *fieldwork::parse_letter_format(a.letters_format);
  if (format != fieldwork::LetterFormat::kCsv && reports::pdf_engine().empty()) {
    *ctx.err << "tilfreds: --format " << a.letters_format
             << " needs headless Chromium: install the Debian package chromium (apt-get install chromium) or set "
                "TILFREDS_CHROMIUM to its path; --format csv works without it\n";
    ctx.exit_code = kRefused;
    return;
  }
  auto open = fieldwork::sealed_secret_opener(db, db.key(), a.base_url);
  auto set = fieldwork::make_letters(db, staff::Actor::cli(), *wave, reminder, open, today_iso());
  if (!set.unopened.empty()) {
    *ctx.err << "tilfreds: " << set.unopened.size() << " of the " << (reminder ? "reminders" : "letters")
             << " of wave " << wave->label
             << " cannot be made: they were imported before links were kept sealed, or under another key file"
                "; no file is written, as the page makes none: a partial set would leave citizens without a letter "
                "unnoticed\n";
    ctx.exit_code = kRefused;
    return;
  }
  if (set.letters.empty() && format != fieldwork::LetterFormat::kCsv) {
    *ctx.out << "no " << (reminder ? "reminders" : "letters") << " to make for wave " << wave->label
             << ": nobody is still to answer; nothing written\n";
    return;
  }
  // One PDF per invitee takes a while for a large wave: a line per 1,000 letters.
  auto progress = [&ctx](std::size_t done, std::size_t total) {
    if (total >= 1000 && (done % 1000 == 0 || done == total)) {
      *ctx.err << "  " << done << " of " << total << " letters\n" << std::flush;
    }
  };
  const fieldwork::LetterContext context{reminder, wave->closes.value_or(""), today_iso(), a.base_url};
  const auto file = fieldwork::letters_file(set.letters, format, site, renderer, context, progress);
  std::ofstream out(a.letters_out, std::ios::binary);
  out << file.bytes;
  if (!out.flush()) {
    *ctx.err << "tilfreds: could not write " << a.letters_out << "\n";
    ctx.exit_code = 3;
    return;
  }
  *ctx.out << "wrote " << set.letters.size() << (reminder ? " reminders" : " letters") << " of wave " << wave->label
           << " to " << a.letters_out << "\n";
}
}  // namespace

void add_fieldwork_commands(CLI::App& root, Context& ctx) {
  // The parsed arguments live as long as the callbacks that read them.
  auto a = std::make_shared<FieldworkArgs>();
  auto* survey_cmd = root.add_subcommand("survey", "Questionnaires: import a questionnaire file");
  survey_cmd->require_subcommand(1);
  auto* import = survey_cmd->add_subcommand(
      "import", "Validate a questionnaire JSON file and store it (every problem is listed with its JSON path)");
  import->add_option("file", a->survey_file, "Questionnaire JSON, e.g. surveys/jobcenter.json")->required();
  import->callback([&ctx, a] {
    auto text = read_file(a->survey_file, ctx);
    if (!text) return;
    KeyedDatabase db(ctx);
    auto result = fieldwork::upload_questionnaire(db, staff::Actor::cli(), *text);
    if (!result.ok()) return report(result.problems, a->survey_file, ctx);
    *ctx.out << (result.value->created ? "imported " : "already imported: ") << result.value->id
             << " version " << result.value->version << "\n";
  });

  auto* wave_cmd = root.add_subcommand("wave", "Waves: one fielding of a questionnaire");
  wave_cmd->require_subcommand(1);
  auto* create = wave_cmd->add_subcommand("create", "Create a wave bound to the latest questionnaire version");
  create->add_option("--survey", a->survey_id, "Questionnaire id, e.g. jobcenter")->required();
  create->add_option("--label", a->label, "Wave label, unique per questionnaire, e.g. 2024")->required();
  create->add_option("--opens", a->opens, "First day citizens can answer (YYYY-MM-DD)");
  create->add_option("--closes", a->closes, "Last day citizens can answer (YYYY-MM-DD)");
  create->add_option("--version", a->wave_version, "Questionnaire version (default: the latest imported)");
  create->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto wave = fieldwork::create_wave(db, staff::Actor::cli(), a->survey_id, a->wave_version, a->label,
                                       a->opens.empty() ? std::nullopt : std::optional(a->opens),
                                       a->closes.empty() ? std::nullopt : std::optional(a->closes));
    if (!wave.ok()) return report(wave.problems, "wave create", ctx);
    *ctx.out << "created wave " << wave.value->label << " of " << wave.value->survey_id << " version "
             << wave.value->survey_version << "\n";
  });

  auto* status = wave_cmd->add_subcommand("status", "Who of the invited has answered: counts per status");
  status->add_option("--wave", a->status_wave, "Wave label")->required();
  status->add_option("--survey", a->status_survey, "Questionnaire id, if the label is used by several");
  status->add_flag("--by-group", a->by_group, "Also show the counts per benefit group");
  status->add_flag("--json", a->as_json, "Print JSON instead of a table");
  status->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto wave = wave_or_report(db, a->status_wave, a->status_survey, ctx);
    if (!wave) return;
    // The same figures as the progress page (fieldwork/progress.h).
    auto progress = fieldwork::wave_progress(db, *wave, today_iso());
    if (a->as_json) {
      *ctx.out << fieldwork::progress_json(progress, a->by_group).dump(2) << "\n";
      return;
    }
    auto rate = [](const std::optional<double>& r) {
      if (!r) return std::string("-");
      std::ostringstream os;
      os.setf(std::ios::fixed);
      os.precision(1);
      os << *r * 100 << "%";
      return os.str();
    };
    *ctx.out << "wave " << wave->label << " (" << wave->survey_id << "), "
             << fieldwork::state_name(progress.state) << "\n";
    for (const auto& [s, n] : progress.total.counts) *ctx.out << "  " << db::status_name(s) << ": " << n << "\n";
    *ctx.out << "  in frame: " << progress.total.in_frame << "\n  RR1: " << rate(progress.total.rr1)
             << "\n  RR2: " << rate(progress.total.rr2) << "\n";
    for (const auto& r : progress.reminders) *ctx.out << "  reminders " << r.sent_on << ": " << r.letters << "\n";
    if (progress.waiting_to_mix > 0) {
      *ctx.out << "  waiting to be mixed into the answer counts: " << progress.waiting_to_mix
               << " (mixed when the wave closes, or when more wait)\n";
    }
    if (a->by_group) {
      for (const auto& g : progress.groups) {
        *ctx.out << g.group << ":";
        for (const auto& [s, n] : g.counts) *ctx.out << " " << db::status_name(s) << "=" << n;
        *ctx.out << " RR1=" << rate(g.rr1) << " RR2=" << rate(g.rr2) << "\n";
      }
    }
  });

  auto* close = wave_cmd->add_subcommand(
      "close", "Close a wave (its last day becomes yesterday) and mix its waiting submissions into the responses");
  close->add_option("--wave", a->close_wave, "Wave label")->required();
  close->add_option("--survey", a->close_survey, "Questionnaire id, if the label is used by several");
  close->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    auto wave = wave_or_report(db, a->close_wave, a->close_survey, ctx);
    if (!wave) return;
    const std::string today = today_iso();
    if (survey::wave_state(*wave, today) != survey::WaveState::kClosed) {
      auto problems = fieldwork::close_wave_early(db, db.key(), staff::Actor::cli(), *wave, today);
      if (!problems.empty()) return report(problems, "wave close", ctx);
      wave = wave_or_report(db, a->close_wave, a->close_survey, ctx);
      *ctx.out << "closed wave " << wave->label << " of " << wave->survey_id << ": its last day was "
               << wave->closes.value_or("") << "\n";
    } else {
      *ctx.out << "wave " << wave->label << " of " << wave->survey_id << " was already closed\n";
    }
    // Mixes what is left (close_wave_early has mixed already unless that failed).
    auto mixed = fieldwork::mix_closed_wave(db, db.key(), *wave, today);
    if (!mixed.ok()) return report(mixed.problems, "wave close", ctx);
    *ctx.out << "no submission waits to be mixed" << (*mixed.value > 0 ? " (" + std::to_string(*mixed.value) + " mixed now)" : "")
             << "\n";
  });

  auto* counts = wave_cmd->add_subcommand(
      "import-counts", "Import an earlier year's aggregate results (question;answer;count[;group]) as a wave");
  counts->add_option("file", a->counts_file, "Counts CSV with columns question, answer, count and optionally group")
      ->required();
  counts->add_option("--survey", a->counts_survey, "Questionnaire id, e.g. jobcenter")->required();
  counts->add_option("--wave", a->counts_wave, "Label of the wave to create, e.g. 2022")->required();
  counts->add_option("--version", a->counts_version, "Questionnaire version the year used (default: the latest)");
  counts->add_option("--totals", a->totals_file,
                     "Totals CSV: group;invited;answered[;ineligible][;undeliverable] (instead of the options)");
  counts->add_option("--invited", a->invited, "How many were invited (the whole wave)")->check(CLI::NonNegativeNumber);
  counts->add_option("--answered", a->answered, "How many answered")->check(CLI::NonNegativeNumber);
  counts->add_option("--ineligible", a->ineligible, "How many of the invited were not eligible")
      ->check(CLI::NonNegativeNumber);
  counts->add_option("--undeliverable", a->undeliverable, "How many letters came back")
      ->check(CLI::NonNegativeNumber);
  counts->add_option("--opens", a->counts_opens, "First day of fielding (YYYY-MM-DD), for the method note");
  counts->add_option("--closes", a->counts_closes, "Last day of fielding (YYYY-MM-DD)");
  counts->add_flag("--replace", a->replace, "Replace the counts of a wave imported before");
  counts->callback([&ctx, a] {
    survey::CountsImportRequest request;
    auto text = read_file(a->counts_file, ctx);
    if (!text) return;
    request.counts_csv = std::move(*text);
    if (!a->totals_file.empty()) {
      auto totals = read_file(a->totals_file, ctx);
      if (!totals) return;
      request.totals_csv = std::move(*totals);
    }
    if (a->invited || a->answered) {
      if (!a->invited || !a->answered) {
        *ctx.err << "tilfreds: give both --invited and --answered\n";
        ctx.exit_code = 2;
        return;
      }
      request.totals = db::ImportedDisposition{"", *a->invited, a->ineligible.value_or(0),
                                               a->undeliverable.value_or(0), *a->answered};
    }
    request.survey_id = a->counts_survey;
    request.survey_version = a->counts_version;
    request.label = a->counts_wave;
    if (!a->counts_opens.empty()) request.opens = a->counts_opens;
    if (!a->counts_closes.empty()) request.closes = a->counts_closes;
    request.replace = a->replace;
    KeyedDatabase db(ctx);
    auto result = fieldwork::import_counts(db, staff::Actor::cli(), request);
    if (!result.ok()) {
      report(result.problems, a->counts_file, ctx);
      *ctx.err << "nothing was imported\n";
      return;
    }
    *ctx.out << (result.value->replaced ? "replaced" : "imported") << " wave " << result.value->wave.label
             << " of " << result.value->wave.survey_id << " version " << result.value->wave.survey_version
             << ": " << result.value->cells << " counts for " << result.value->questions
             << (result.value->questions == 1 ? " question\n" : " questions\n");
  });

  auto* invite = root.add_subcommand("invite", "Invitations: import a frame, mark invitees");
  invite->require_subcommand(1);
  auto* frame = invite->add_subcommand(
      "import", "Import an invitation frame CSV (reference;group;…) and write the letters file");
  frame->add_option("frame", a->frame_file, "Frame CSV with columns reference, group and any background columns")->required();
  frame->add_option("--wave", a->frame_wave, "Wave label")->required();
  frame->add_option("--survey", a->frame_survey, "Questionnaire id, if the label is used by several");
  frame->add_option("--letters", a->letters_file, "Where to write the letters CSV (reference;url;code)")->required();
  frame->add_option("--base-url", a->base_url, "Public address of the server, used in the letter links")->capture_default_str();
  frame->add_flag("--allow-errors", a->allow_errors, "Import the good rows even if some rows have problems");
  frame->callback([&ctx, a] {
    auto text = read_file(a->frame_file, ctx);
    if (!text) return;
    KeyedDatabase db(ctx);
    auto wave = wave_or_report(db, a->frame_wave, a->frame_survey, ctx);
    if (!wave) return;
    // A 100,000-row frame takes seconds: say how far it is, a line per 10,000 rows.
    auto progress = [&ctx](std::size_t done, std::size_t total) {
      if (total >= 10000 && done % 10000 == 0 && done > 0) {
        *ctx.err << "  " << done << " of " << total << " rows\n" << std::flush;
      }
    };
    auto result = fieldwork::import_frame(db, db.key(), staff::Actor::cli(), *wave, *text, a->base_url, a->allow_errors,
                                          progress);
    if (!result.problems.empty() && a->allow_errors && !result.letters.empty()) {
      // Asked for: the good rows are in; the skipped ones are listed, not a failure.
      *ctx.err << "skipped " << result.problems.size() << " rows of " << a->frame_file << ":\n";
      for (const auto& p : result.problems) *ctx.err << "  " << p << "\n";
    } else if (!result.problems.empty()) {
      report(result.problems, a->frame_file, ctx);
      if (result.letters.empty()) {
        *ctx.err << "nothing was imported; fix the lines above"
                 << (a->allow_errors ? "" : " or pass --allow-errors to import the good rows") << "\n";
        return;
      }
    }
    std::ofstream out(a->letters_file, std::ios::binary);
    out << survey::letters_csv(result.letters);
    if (!out.flush()) {
      *ctx.err << "tilfreds: could not write " << a->letters_file
               << "; the invitees ARE imported, but their links are lost: delete the wave's"
                  " invitees or re-import into a new wave\n";
      ctx.exit_code = 3;
      return;
    }
    *ctx.out << "imported " << result.letters.size() << " invitees into wave " << wave->label
             << "; letters written to " << a->letters_file << "\n";
  });

  for (bool reminder : {false, true}) {
    auto* cmd = invite->add_subcommand(
        reminder ? "reminders" : "letters",
        reminder ? "Write reminder letters for invitees who have not answered (not ineligible, not undeliverable)"
                 : "Write the letters of a wave again (each citizen's own link and code)");
    cmd->add_option("--wave", a->letters_wave, "Wave label")->required();
    cmd->add_option("--survey", a->letters_survey, "Questionnaire id, if the label is used by several");
    cmd->add_option("--format", a->letters_format, "csv (mail merge), pdf (one A4 page each) or zip (one PDF each)")
        ->capture_default_str()
        ->check(CLI::IsMember({"csv", "pdf", "zip"}));
    cmd->add_option("--out", a->letters_out, "Where to write the file")->required();
    cmd->add_option("--base-url", a->base_url, "Public address of the server, used in the letter links")
        ->capture_default_str();
    if (!reminder) cmd->add_flag("--reminder", a->letters_reminder, "Reminders: as `invite reminders`");
    cmd->callback([&ctx, a, reminder] { write_letters(ctx, *a, reminder || a->letters_reminder); });
  }

  auto* mark = invite->add_subcommand("mark", "Mark invitees ineligible or undeliverable (for response rates)");
  mark->add_option("--wave", a->mark_wave, "Wave label")->required();
  mark->add_option("--survey", a->mark_survey, "Questionnaire id, if the label is used by several");
  mark->add_option("--status", a->mark_status, "ineligible or undeliverable")
      ->required()
      ->check(CLI::IsMember({"ineligible", "undeliverable"}));
  mark->add_option("--file", a->refs_file, "CSV with a 'reference' column");
  mark->add_option("references", a->refs, "References to mark");
  mark->callback([&ctx, a] {
    std::vector<std::string> all = a->refs;
    if (!a->refs_file.empty()) {
      auto text = read_file(a->refs_file, ctx);
      if (!text) return;
      auto listed = fieldwork::references_csv(*text);
      if (!listed.ok()) return report(listed.problems, a->refs_file, ctx);
      all.insert(all.end(), listed.value->begin(), listed.value->end());
    }
    if (all.empty()) {
      *ctx.err << "tilfreds: name references or give --file\n";
      ctx.exit_code = 2;
      return;
    }
    KeyedDatabase db(ctx);
    auto wave = wave_or_report(db, a->mark_wave, a->mark_survey, ctx);
    if (!wave) return;
    auto result = fieldwork::mark_invitees(db, staff::Actor::cli(), *wave, all, *db::parse_status(a->mark_status));
    *ctx.out << "marked " << result.changed << " invitees " << a->mark_status << "\n";
    for (const auto& r : result.unknown) *ctx.err << "  not in wave " << wave->label << ": " << r << "\n";
    for (const auto& r : result.completed) *ctx.err << "  already answered, left as completed: " << r << "\n";
    if (!result.unknown.empty()) ctx.exit_code = kRefused;
  });
}

}  // namespace tilfreds::intake::cli
