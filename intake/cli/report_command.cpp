#include "intake/cli/report_command.h"

#include <chrono>
#include <fstream>
#include <memory>

#include "intake/dates.h"
#include "intake/offers/provider_report.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;
// A report slower than this says on stderr what it did and how long it took.
constexpr auto kSlow = std::chrono::seconds(2);

struct ReportCliArgs {
  reports::ReportArgs request;
  offers::OfferReportArgs offers;
  std::string out;
};

void list(const Problems& problems, Context& ctx) {
  *ctx.err << "tilfreds: the report was not made, " << problems.size()
           << (problems.size() == 1 ? " problem" : " problems") << ":\n";
  for (const auto& p : problems) *ctx.err << "  " << p << "\n";
  ctx.exit_code = kRefused;
}

bool write_file(const std::string& path, const std::string& bytes, Context& ctx) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    *ctx.err << "tilfreds: cannot write " << path << ": check the path and permissions\n";
    ctx.exit_code = kRefused;
    return false;
  }
  *ctx.out << "wrote " << path << " (" << bytes.size() << " bytes)\n";
  return true;
}

// `report offers`: the quality overview of the offers, whole, for one provider,
// or one file per provider in a zip (intake/offers/provider_report.h).
void offer_report(ReportCliArgs& a, Context& ctx) {
  db::Database db(ctx.db_path);
  a.offers.format = a.request.format;
  a.offers.lang = a.request.lang;
  if (!a.request.survey.empty()) a.offers.survey = a.request.survey;
  auto request = offers::parse_offer_report(db, a.offers, today_iso());
  if (!request.ok()) return list(request.problems, ctx);
  web::Renderer renderer;
  write_file(a.out, offers::offer_report_file(db, *request.value, renderer), ctx);
}
}  // namespace

void add_report_command(CLI::App& root, Context& ctx) {
  auto a = std::make_shared<ReportCliArgs>();
  auto* cmd = root.add_subcommand(
      "report", "Committee reports from the stored counts: comparison, total, group, rates, comments; "
                "offers: the quality overview of the offers per half-year");
  cmd->add_option("kind", a->request.kind, "comparison | total | group | rates | comments | offers")
      ->required()
      ->check(CLI::IsMember({"comparison", "total", "group", "rates", "comments", "offers"}));
  cmd->add_option("--survey", a->request.survey, "Questionnaire id, e.g. jobcenter (offers: of --wave)");
  cmd->add_option("--waves", a->request.waves, "Wave labels, oldest first, e.g. 2022,2023,2024");
  cmd->add_option("--period", a->offers.period, "offers: the half-year, e.g. 2026H1");
  cmd->add_option("--provider", a->offers.provider, "offers: only this provider's offers (the version sent to it)");
  cmd->add_option("--wave", a->offers.wave,
                  "offers: the wave whose frame column tilbud gives satisfaction (default: the latest such wave)");
  cmd->add_flag("--per-provider", a->offers.per_provider,
                "offers: a zip with one file per provider in --format (--format zip: HTML files)");
  cmd->add_option("--group", a->request.group,
                  "Benefit group (e.g. dagpenge) or COLUMN=VALUE of the frame (e.g. tilbud=praktik)");
  cmd->add_option("--format", a->request.format, "html | csv | xlsx | json (offers also: zip)")
      ->required()
      ->check(CLI::IsMember({"html", "csv", "xlsx", "json", "zip"}));
  cmd->add_option("--out", a->out, "File to write")->required();
  cmd->add_option("--lang", a->request.lang, "da | en")
      ->capture_default_str()
      ->check(CLI::IsMember({"da", "en"}));
  cmd->callback([&ctx, a] {
    if (a->request.kind == "offers") return offer_report(*a, ctx);
    Problems usage;
    if (a->request.survey.empty()) usage.push_back({"--survey", "required for a " + a->request.kind + " report"});
    if (a->request.waves.empty()) usage.push_back({"--waves", "required for a " + a->request.kind + " report"});
    if (a->request.format == "zip") usage.push_back({"--format", "zip is for the offers report"});
    if (!a->offers.period.empty() || !a->offers.provider.empty() || a->offers.per_provider) {
      usage.push_back({"--period", "--period, --provider and --per-provider are for the offers report"});
    }
    if (!usage.empty()) {
      list(usage, ctx);
      ctx.exit_code = 2;
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    db::Database db(ctx.db_path);
    auto request = reports::parse_report_request(db, a->request);
    if (!request.ok()) return list(request.problems, ctx);
    web::Renderer renderer;
    auto document = reports::build_report(db, *request.value, renderer);
    if (!document.ok()) return list(document.problems, ctx);
    auto rendered = reports::render(*document.value, request.value->format, renderer);
    if (!write_file(a->out, rendered.bytes, ctx)) return;
    const auto took = std::chrono::steady_clock::now() - start;
    if (took > kSlow) {
      *ctx.err << "tilfreds: " << reports::kind_name(request.value->kind) << " report of "
               << request.value->waves.size() << " waves took "
               << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
    }
  });
}

}  // namespace tilfreds::intake::cli
