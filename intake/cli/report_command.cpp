#include "intake/cli/report_command.h"

#include <chrono>
#include <fstream>
#include <memory>

#include "intake/reports/build_report.h"
#include "intake/reports/render.h"

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
      "report",
      "Committee reports from the stored counts: comparison, total, group, rates, comments; case review: review, "
      "actions, review-overview");
  cmd->add_option("kind", a->request.kind,
                  "comparison | total | group | rates | comments | review | actions | review-overview")
      ->required()
      ->check(CLI::IsMember(
          {"comparison", "total", "group", "rates", "comments", "review", "actions", "review-overview"}));
  cmd->add_option("--survey", a->request.survey, "Questionnaire id, e.g. jobcenter (survey reports)");
  cmd->add_option("--waves", a->request.waves, "Wave labels, oldest first, e.g. 2022,2023,2024 (survey reports)");
  cmd->add_option("--area", a->request.area, "Case-review area, e.g. jobcenter (review, actions)");
  cmd->add_option("--periods", a->request.periods, "Review periods, e.g. 2024Q1,2024Q2,2024Q3 (case review)");
  cmd->add_option("--group", a->request.group,
                  "Benefit group (e.g. dagpenge) or COLUMN=VALUE of the frame (e.g. tilbud=praktik); "
                  "for review a target group");
  cmd->add_option("--format", a->request.format, "html | csv | xlsx | json")
      ->required()
      ->check(CLI::IsMember({"html", "csv", "xlsx", "json"}));
  cmd->add_option("--out", a->out, "File to write")->required();
  cmd->add_option("--lang", a->request.lang, "da | en")
      ->capture_default_str()
      ->check(CLI::IsMember({"da", "en"}));
  cmd->callback([&ctx, a] {
    const auto start = std::chrono::steady_clock::now();
    if (!reports::is_review_kind(*reports::parse_kind(a->request.kind)) &&
        (a->request.survey.empty() || a->request.waves.empty())) {
      return list({{"--survey", "a survey report needs --survey and --waves"}}, ctx);
    }
    db::Database db(ctx.db_path);
    auto request = reports::parse_report_request(db, a->request);
    if (!request.ok()) return list(request.problems, ctx);
    web::Renderer renderer;
    auto document = reports::build_report(db, *request.value, renderer);
    if (!document.ok()) return list(document.problems, ctx);
    auto rendered = reports::render(*document.value, request.value->format, renderer);
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
