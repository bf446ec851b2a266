#include "intake/cli/fieldwork_commands.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "db/invitee_store.h"
#include "intake/csv.h"
#include "intake/survey/fieldwork.h"
#include "intake/text.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;

std::optional<std::string> read_file(const std::string& path, Context& ctx) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *ctx.err << "tilfreds: cannot read " << path << ": check the path and permissions\n";
    ctx.exit_code = kRefused;
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void report(const Problems& problems, const std::string& subject, Context& ctx) {
  *ctx.err << "tilfreds: " << subject << " has " << problems.size()
           << (problems.size() == 1 ? " problem" : " problems") << ":\n";
  for (const auto& p : problems) *ctx.err << "  " << p << "\n";
  ctx.exit_code = kRefused;
}

std::optional<db::WaveRow> wave_or_report(db::Database& db, const std::string& label,
                                          const std::string& survey, Context& ctx) {
  auto wave = survey::find_wave(db, label, survey.empty() ? std::nullopt : std::optional(survey));
  if (!wave.ok()) report(wave.problems, "--wave", ctx);
  return wave.value;
}
}  // namespace

void add_fieldwork_commands(CLI::App& root, Context& ctx) {
  auto* survey_cmd = root.add_subcommand("survey", "Questionnaires: import a questionnaire file");
  survey_cmd->require_subcommand(1);
  auto* import = survey_cmd->add_subcommand(
      "import", "Validate a questionnaire JSON file and store it (every problem is listed with its JSON path)");
  static std::string survey_file;
  import->add_option("file", survey_file, "Questionnaire JSON, e.g. surveys/jobcenter.json")->required();
  import->callback([&ctx] {
    auto text = read_file(survey_file, ctx);
    if (!text) return;
    db::Database db(ctx.db_path);
    auto result = survey::import_survey(db, *text);
    if (!result.ok()) return report(result.problems, survey_file, ctx);
    *ctx.out << (result.value->created ? "imported " : "already imported: ") << result.value->id
             << " version " << result.value->version << "\n";
  });

  auto* wave_cmd = root.add_subcommand("wave", "Waves: one fielding of a questionnaire");
  wave_cmd->require_subcommand(1);
  auto* create = wave_cmd->add_subcommand("create", "Create a wave bound to the latest questionnaire version");
  static std::string survey_id, label, opens, closes;
  create->add_option("--survey", survey_id, "Questionnaire id, e.g. jobcenter")->required();
  create->add_option("--label", label, "Wave label, unique per questionnaire, e.g. 2024")->required();
  create->add_option("--opens", opens, "First day citizens can answer (YYYY-MM-DD)");
  create->add_option("--closes", closes, "Last day citizens can answer (YYYY-MM-DD)");
  create->callback([&ctx] {
    db::Database db(ctx.db_path);
    auto wave = survey::create_wave(db, survey_id, label,
                                    opens.empty() ? std::nullopt : std::optional(opens),
                                    closes.empty() ? std::nullopt : std::optional(closes));
    if (!wave.ok()) return report(wave.problems, "wave create", ctx);
    *ctx.out << "created wave " << wave.value->label << " of " << wave.value->survey_id << " version "
             << wave.value->survey_version << "\n";
  });

  auto* status = wave_cmd->add_subcommand("status", "Who of the invited has answered: counts per status");
  static std::string status_wave, status_survey;
  static bool by_group = false, as_json = false;
  status->add_option("--wave", status_wave, "Wave label")->required();
  status->add_option("--survey", status_survey, "Questionnaire id, if the label is used by several");
  status->add_flag("--by-group", by_group, "Also show the counts per benefit group");
  status->add_flag("--json", as_json, "Print JSON instead of a table");
  status->callback([&ctx] {
    db::Database db(ctx.db_path);
    auto wave = wave_or_report(db, status_wave, status_survey, ctx);
    if (!wave) return;
    auto counts = db.read([&](db::Connection& c) { return db::status_counts(c, wave->id); });
    auto groups = db.read([&](db::Connection& c) { return db::status_counts_by_group(c, wave->id); });
    auto to_json = [](const std::map<db::InviteeStatus, std::int64_t>& m) {
      nlohmann::json j;
      for (const auto& [s, n] : m) j[db::status_name(s)] = n;
      return j;
    };
    if (as_json) {
      nlohmann::json j = to_json(counts);
      j["wave"] = wave->label;
      j["survey"] = wave->survey_id;
      if (by_group) {
        for (const auto& [g, m] : groups) j["groups"][g] = to_json(m);
      }
      *ctx.out << j.dump(2) << "\n";
      return;
    }
    *ctx.out << "wave " << wave->label << " (" << wave->survey_id << ")\n";
    for (const auto& [s, n] : counts) *ctx.out << "  " << db::status_name(s) << ": " << n << "\n";
    if (by_group) {
      for (const auto& [g, m] : groups) {
        *ctx.out << g << ":";
        for (const auto& [s, n] : m) *ctx.out << " " << db::status_name(s) << "=" << n;
        *ctx.out << "\n";
      }
    }
  });

  auto* invite = root.add_subcommand("invite", "Invitations: import a frame, mark invitees");
  invite->require_subcommand(1);
  auto* frame = invite->add_subcommand(
      "import", "Import an invitation frame CSV (reference;group;…) and write the letters file");
  static std::string frame_file, frame_wave, frame_survey, letters_file, base_url = "http://127.0.0.1:8080";
  static bool allow_errors = false;
  frame->add_option("frame", frame_file, "Frame CSV with columns reference, group and any background columns")->required();
  frame->add_option("--wave", frame_wave, "Wave label")->required();
  frame->add_option("--survey", frame_survey, "Questionnaire id, if the label is used by several");
  frame->add_option("--letters", letters_file, "Where to write the letters CSV (reference;url;code)")->required();
  frame->add_option("--base-url", base_url, "Public address of the server, used in the letter links")->capture_default_str();
  frame->add_flag("--allow-errors", allow_errors, "Import the good rows even if some rows have problems");
  frame->callback([&ctx] {
    auto text = read_file(frame_file, ctx);
    if (!text) return;
    db::Database db(ctx.db_path);
    auto wave = wave_or_report(db, frame_wave, frame_survey, ctx);
    if (!wave) return;
    auto result = survey::import_frame(db, *wave, *text, base_url, allow_errors);
    if (!result.problems.empty()) {
      report(result.problems, frame_file, ctx);
      if (result.letters.empty()) {
        *ctx.err << "nothing was imported; fix the lines above"
                 << (allow_errors ? "" : " or pass --allow-errors to import the good rows") << "\n";
        return;
      }
    }
    std::ofstream out(letters_file, std::ios::binary);
    out << survey::letters_csv(result.letters);
    if (!out.flush()) {
      *ctx.err << "tilfreds: could not write " << letters_file
               << "; the invitees ARE imported, but their links are lost: delete the wave's"
                  " invitees or re-import into a new wave\n";
      ctx.exit_code = 3;
      return;
    }
    *ctx.out << "imported " << result.letters.size() << " invitees into wave " << wave->label
             << "; letters written to " << letters_file << "\n";
  });

  auto* mark = invite->add_subcommand("mark", "Mark invitees ineligible or undeliverable (for response rates)");
  static std::string mark_wave, mark_survey, mark_status, refs_file;
  static std::vector<std::string> refs;
  mark->add_option("--wave", mark_wave, "Wave label")->required();
  mark->add_option("--survey", mark_survey, "Questionnaire id, if the label is used by several");
  mark->add_option("--status", mark_status, "ineligible or undeliverable")
      ->required()
      ->check(CLI::IsMember({"ineligible", "undeliverable"}));
  mark->add_option("--file", refs_file, "CSV with a 'reference' column");
  mark->add_option("references", refs, "References to mark");
  mark->callback([&ctx] {
    std::vector<std::string> all = refs;
    if (!refs_file.empty()) {
      auto text = read_file(refs_file, ctx);
      if (!text) return;
      CsvTable table = parse_csv(*text);
      auto col = column_index(table.header, "reference");
      if (!table.problems.empty() || !col) {
        Problems p = table.problems;
        if (!col) p.push_back({"header", "needs a column named 'reference'"});
        return report(p, refs_file, ctx);
      }
      for (const auto& row : table.rows) {
        if (*col < row.fields.size()) all.push_back(trim(row.fields[*col]));
      }
    }
    if (all.empty()) {
      *ctx.err << "tilfreds: name references or give --file\n";
      ctx.exit_code = 2;
      return;
    }
    db::Database db(ctx.db_path);
    auto wave = wave_or_report(db, mark_wave, mark_survey, ctx);
    if (!wave) return;
    db::MarkResult result;
    db.write([&](db::Connection& c) {
      result = db::mark_invitees(c, wave->id, all, *db::parse_status(mark_status));
    });
    *ctx.out << "marked " << result.changed << " invitees " << mark_status << "\n";
    for (const auto& r : result.unknown) *ctx.err << "  not in wave " << wave->label << ": " << r << "\n";
    for (const auto& r : result.completed) *ctx.err << "  already answered, left as completed: " << r << "\n";
    if (!result.unknown.empty()) ctx.exit_code = kRefused;
  });
}

}  // namespace tilfreds::intake::cli
