#include "intake/reports/report_routes.h"

#include <set>

#include "db/audit_store.h"
#include "db/review_store.h"
#include "db/survey_store.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/reports/render_pdf.h"
#include "intake/dates.h"
#include "intake/reports/wave_data.h"
#include "intake/survey/fieldwork.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::reports {

namespace {
constexpr std::size_t kMaxParam = 200;

// What the secretary chose, as typed; every value kept to re-render the form.
struct Choice {
  std::string kind = "comparison";
  std::string survey;
  std::set<std::string> waves;
  std::string group;
  std::string group_other;  // COLUMN=VALUE for a background column of the frame
  std::string format = "html";
  std::string lang = "da";
  std::string area;     // case review
  std::string periods;  // case review: "2024Q1,2024Q2"
};

// Reads the query once. nullopt: a parameter was repeated, too long or not UTF-8,
// which no form of ours sends.
std::optional<Choice> read_choice(const httplib::Request& req) {
  Choice c;
  auto one = [&](const char* name, std::string& into) {
    std::size_t n = req.get_param_value_count(name);
    if (n == 0) return true;
    std::string v = trim(req.get_param_value(name));
    if (n > 1 || v.size() > kMaxParam || !is_valid_utf8(v)) return false;
    into = v;
    return true;
  };
  bool ok = one("kind", c.kind) && one("survey", c.survey) && one("group", c.group) &&
            one("group_other", c.group_other) && one("format", c.format) && one("lang", c.lang) &&
            one("area", c.area) && one("periods", c.periods);
  std::size_t waves = req.get_param_value_count("waves");
  for (std::size_t i = 0; ok && i < waves; ++i) {
    std::string v = trim(req.get_param_value("waves", i));
    ok = v.size() <= kMaxParam && is_valid_utf8(v);
    if (!v.empty()) c.waves.insert(v);
  }
  if (!ok) return std::nullopt;
  return c;
}

nlohmann::json options(const web::Renderer& r, const std::string& lang, const std::string& field,
                       std::initializer_list<const char*> values, const std::string& selected,
                       const std::string& text_prefix) {
  nlohmann::json out = nlohmann::json::array();
  for (const char* v : values) {
    out.push_back({{"value", v},
                   {"label", r.text(lang, text_prefix + v)},
                   {"input_id", "rapport-" + field + "-" + v},
                   {"checked", selected == v}});
  }
  return out;
}

// The form field a parser problem belongs to ("--waves" → "waves").
std::string field_of(const std::string& where) {
  for (const char* f : {"kind", "survey", "waves", "group", "format", "lang", "area", "periods"}) {
    if (where == std::string("--") + f) return f;
  }
  return "kind";
}
}  // namespace

ReportRoutes::ReportRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access)
    : db_(db), renderer_(renderer), access_(access) {}

void ReportRoutes::attach(web::Router& s) {
  s.Get("/rapporter", [this](const httplib::Request& req, httplib::Response& res) { show_form(req, res); });
  s.Get("/rapporter/hent", [this](const httplib::Request& req, httplib::Response& res) { fetch(req, res); });
}

namespace {
// The form page: every choice offered, the secretary's choices kept, and the
// problems (field → UI text key) shown beside their fields and in the summary.
std::string form_page(const staff::StaffAccess& access, const staff::StaffUser& user, db::Database& db,
                      const web::Renderer& r, const std::string& lang, const Choice& c,
                      const std::set<std::string>& problem_fields) {
  auto waves = db.read([](db::Connection& conn) { return db::all_waves(conn); });
  nlohmann::json ctx;
  ctx["page_title"] = r.text(lang, "report_form_heading");
  ctx["kinds"] = options(r, lang, "kind",
                         {"comparison", "total", "group", "rates", "comments", "committee", "review", "actions",
                          "review-overview"},
                         c.kind, "report_title_");
  nlohmann::json review_areas = nlohmann::json::array();
  for (const auto& a : db.read([](db::Connection& conn) { return db::review_areas(conn); })) {
    review_areas.push_back({{"value", a.id}, {"label", a.name}, {"selected", a.id == c.area}});
  }
  ctx["review_areas"] = review_areas;
  ctx["periods"] = c.periods;
  ctx["formats"] = options(r, lang, "format", {"html", "pdf", "txt", "csv", "xlsx", "json"}, c.format,
                           "report_form_format_");
  ctx["langs"] = options(r, lang, "lang", {"da", "en"}, c.lang, "report_form_lang_");
  nlohmann::json surveys = nlohmann::json::array();
  nlohmann::json wave_options = nlohmann::json::array();
  nlohmann::json groups = nlohmann::json::array();
  std::set<std::string> seen_surveys, seen_groups;
  const std::string today = today_iso();
  for (const auto& w : waves) {
    bool first_of_survey = seen_surveys.insert(w.survey_id).second;
    std::string survey = c.survey.empty() ? waves.front().survey_id : c.survey;
    // Closed waves by default: an open wave is not a year (issue 13); chosen, it
    // is marked preliminary in the report.
    const bool open = wave_is_open(w, today);
    bool checked = c.waves.empty() ? w.survey_id == survey && !open : c.waves.count(w.label) > 0;
    std::string label = w.label + " (" + w.survey_id + ")";
    if (open) label += " – " + r.text(lang, "report_form_wave_open");
    wave_options.push_back({{"value", w.label},
                            {"label", label},
                            {"input_id", "rapport-waves-" + std::to_string(w.id)},
                            {"checked", checked}});
    if (!first_of_survey) continue;
    surveys.push_back({{"value", w.survey_id}, {"selected", w.survey_id == survey}});
    for (const auto& g : survey::questionnaire_for(db, w).groups) {
      if (!seen_groups.insert(g.id).second) continue;
      groups.push_back({{"value", g.id}, {"label", survey::text_in(g.label, lang)}, {"selected", g.id == c.group}});
    }
  }
  ctx["surveys"] = surveys;
  ctx["waves"] = wave_options;
  ctx["groups"] = groups;
  ctx["group_other"] = c.group_other;
  ctx["has_waves"] = !waves.empty() || !review_areas.empty();
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& f : problem_fields) {
    std::string message = r.text(lang, "report_form_error_" + f);
    errors.push_back({{"anchor", "rapport-" + f}, {"message", message}});
    ctx["error_" + f] = message;
  }
  ctx["errors"] = errors;
  ctx["has_errors"] = !problem_fields.empty();
  if (!problem_fields.empty()) {
    ctx["page_title"] = r.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  return access.page(user, "report_form", ctx, lang);
}
}  // namespace

void ReportRoutes::show_form(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {staff::Role::kAdmin, staff::Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  Choice c;
  c.lang = lang;
  web::send_html(res, 200, form_page(access_, *user, db_, renderer_, lang, c, {}));
}

void ReportRoutes::fetch(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {staff::Role::kAdmin, staff::Role::kSecretary});
  if (!user) return;
  // The form's "lang" is the report's language (issue 12): it must not become the
  // reader's interface language, as ?lang= elsewhere does; the interface keeps its cookie.
  std::string lang = renderer_.language(web::cookie(req, "sprog").value_or("da"));
  auto choice = read_choice(req);
  if (!choice) return web::message_page(res, renderer_, lang, 400, "bad_request");

  ReportArgs args;
  args.kind = choice->kind;
  args.survey = choice->survey;
  for (const auto& w : choice->waves) args.waves += (args.waves.empty() ? "" : ",") + w;
  args.group = choice->group_other.empty() ? choice->group : choice->group_other;
  // Comments carry no background; the form's group select may still hold a choice.
  if (choice->kind == "comments") args.group.clear();
  args.format = choice->format;
  args.lang = choice->lang;
  // The form sends every field; a case-review report reads area and periods only.
  if (auto kind = parse_kind(choice->kind); kind && is_review_kind(*kind)) {
    args.survey.clear();
    args.waves.clear();
    if (*kind != ReportKind::kReview) args.group.clear();
    args.area = *kind == ReportKind::kReviewOverview ? "" : choice->area;
    args.periods = choice->periods;
  }

  std::set<std::string> problem_fields;
  auto request = parse_report_request(db_, args);
  for (const auto& p : request.problems) problem_fields.insert(field_of(p.where));
  std::optional<Document> document;
  if (request.ok()) {
    auto built = build_report(db_, *request.value, renderer_);
    for (const auto& p : built.problems) problem_fields.insert(field_of(p.where));
    document = std::move(built.value);
  }
  if (!document) {
    if (problem_fields.empty()) problem_fields.insert("kind");
    return web::send_html(res, 422, form_page(access_, *user, db_, renderer_, lang, *choice, problem_fields));
  }
  if (request.value->kind == ReportKind::kComments) {
    // Free text may still name people after masking: who read it is on record.
    db_.write([&](db::Connection& c) {
      db::record_audit(c, {user->id, user->name, "read", "comments", args.survey + " " + args.waves, "", "{}"});
    });
  }
  Rendered out;
  try {
    out = render(*document, request.value->format, renderer_, {"/static/report.css"});
  } catch (const PdfEngineMissing&) {
    // A server set up without Chromium: say so, rather than a 500.
    return web::message_page(res, renderer_, lang, 503, "report_pdf_missing");
  }
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  std::string disposition = request.value->format == Format::kHtml ? "inline" : "attachment";
  res.set_header("Content-Disposition", disposition + "; filename=\"" + out.file_name + "\"");
  res.set_content(std::move(out.bytes), out.content_type.c_str());
}

}  // namespace tilfreds::intake::reports
