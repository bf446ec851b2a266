#include "intake/cli/report_command.h"

#include <chrono>
#include <fstream>
#include <memory>

#include "db/survey_store.h"
#include "intake/dates.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/reports/render_pdf.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;
// A report slower than this says on stderr what it did and how long it took.
constexpr auto kSlow = std::chrono::seconds(2);

struct ReportCliArgs {
  reports::ReportArgs request;
  std::string out;
};

void list(const Problems& problems, Context& ctx) {
  *ctx.err << "tilfreds: the report was not made, " << problems.size()
           << (problems.size() == 1 ? " problem" : " problems") << ":\n";
  for (const auto& p : problems) *ctx.err << "  " << p << "\n";
  ctx.exit_code = kRefused;
}
}  // namespace

void add_report_command(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<ReportCliArgs>();
  auto* cmd = root.add_subcommand(
      "report", "Committee reports from the stored counts: comparison, total, group, rates, comments, committee");
  cmd->add_option("kind", a->request.kind, "comparison | total | group | rates | comments | committee")
      ->required()
      ->check(CLI::IsMember({"comparison", "total", "group", "rates", "comments", "committee"}));
  cmd->add_option("--survey", a->request.survey, "Questionnaire id, e.g. jobcenter")->required();
  cmd->add_option("--waves", a->request.waves,
                  "Wave labels, oldest first, e.g. 2022,2023,2024 (default: every closed wave of the survey)");
  cmd->add_option("--group", a->request.group,
                  "Benefit group (e.g. dagpenge) or COLUMN=VALUE of the frame (e.g. tilbud=praktik)");
  cmd->add_option("--format", a->request.format, "html | pdf | csv | xlsx | json | txt (committee text)")
      ->required()
      ->check(CLI::IsMember({"html", "pdf", "csv", "xlsx", "json", "txt"}));
  cmd->add_option("--out", a->out, "File to write")->required();
  cmd->add_option("--lang", a->request.lang, "da | en")
      ->capture_default_str()
      ->check(CLI::IsMember({"da", "en"}));
  cmd->callback([&ctx, a] {
    const auto start = std::chrono::steady_clock::now();
    db::Database db(ctx.db_path);
    if (a->request.waves.empty()) {
      // An open wave is not a year (issue 13): by default only closed waves.
      const std::string today = today_iso();
      for (const auto& w : db.read([](db::Connection& c) { return db::all_waves(c); })) {
        if (w.survey_id != a->request.survey || reports::wave_is_open(w, today)) continue;
        a->request.waves += (a->request.waves.empty() ? "" : ",") + w.label;
      }
      if (a->request.waves.empty()) {
        return list({{"--waves", "no closed wave of survey " + a->request.survey + ": name the waves with --waves"}}, ctx);
      }
    }
    auto request = reports::parse_report_request(db, a->request);
    if (!request.ok()) return list(request.problems, ctx);
    web::Renderer renderer;
    auto document = reports::build_report(db, *request.value, renderer);
    if (!document.ok()) return list(document.problems, ctx);
    reports::Rendered rendered;
    try {
      rendered = reports::render(*document.value, request.value->format, renderer);
    } catch (const reports::PdfEngineMissing& e) {
      return list({{"--format", e.what()}}, ctx);
    }
    std::ofstream out(a->out, std::ios::binary | std::ios::trunc);
    out << rendered.bytes;
    out.close();
    if (!out) {
      *ctx.err << "tilfreds: cannot write " << a->out << ": check the path and permissions\n";
      ctx.exit_code = kRefused;
      return;
    }
    const auto took = std::chrono::steady_clock::now() - start;
    if (took > kSlow) {
      *ctx.err << "tilfreds: " << reports::kind_name(request.value->kind) << " report of "
               << request.value->waves.size() << " waves took "
               << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
    }
    *ctx.out << "wrote " << a->out << " (" << rendered.bytes.size() << " bytes)\n";
  });
}

}  // namespace tilfreds::intake::cli
