#include "intake/fieldwork/fieldwork_routes.h"

#include "db/fieldwork_store.h"
#include "db/survey_store.h"
#include "intake/dates.h"
#include "intake/fieldwork/administration.h"
#include "intake/fieldwork/page_parts.h"
#include "intake/fieldwork/progress.h"
#include "intake/survey/page_view.h"
#include "intake/text.h"
#include "intake/web/http.h"
#include "intake/web/url.h"

namespace tilfreds::intake::fieldwork {

namespace {
using staff::Role;

// Form fields → the problems' `where` they answer to (administration.h and the
// survey functions name options the command line's way).
const std::map<std::string, std::string> kWaveFields{
    {"--survey", "skema"}, {"--version", "skema"}, {"--label", "etiket"}, {"--opens", "aabner"},
    {"--closes", "lukker"}, {"opens", "aabner"}, {"closes", "lukker"}};

std::optional<std::int64_t> parse_number(const std::string& s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

std::string preview_href(const std::string& id, std::int64_t version) {
  return "/undersoegelser/skemaer/" + web::url_encode(id) + "/" + std::to_string(version) + "/vis";
}
}  // namespace

FieldworkRoutes::FieldworkRoutes(db::Database& db, const survey::TokenKey& key, const web::Renderer& renderer,
                                 staff::StaffAccess& access, FieldworkOptions options)
    : db_(db), key_(key), renderer_(renderer), access_(access), options_(std::move(options)),
      jobs_(std::make_unique<FieldworkJobs>()) {
  if (!options_.open) options_.open = sealed_secret_opener(db_, key_, options_.base_url);
}

httplib::Server::Handler FieldworkRoutes::post_route(PostHandler handler) {
  return [this, handler](const httplib::Request& req, httplib::Response& res) {
    std::string lang = access_.language(req, res);
    auto fields = web::form_fields(req);
    if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
    auto user = access_.require_post(req, res, *fields, {Role::kAdmin, Role::kSecretary});
    if (!user) return;
    (this->*handler)(req, res, lang, *user, *fields);
  };
}

void FieldworkRoutes::attach(web::Router& s) {
  auto route = [this](auto handler) { return web::member_route(this, handler); };
  s.Get("/undersoegelser", route(&FieldworkRoutes::overview));
  s.Post("/undersoegelser/skemaer", post_route(&FieldworkRoutes::post_questionnaire));
  s.Get(R"(/undersoegelser/skemaer/([a-z0-9_-]{1,64})/(\d{1,9})/vis)", route(&FieldworkRoutes::preview));
  s.Post("/undersoegelser/runder", post_route(&FieldworkRoutes::post_wave));
  s.Get(R"(/undersoegelser/runder/(\d{1,12}))", route(&FieldworkRoutes::wave_page));
  s.Post(R"(/undersoegelser/runder/(\d{1,12})/datoer)", post_route(&FieldworkRoutes::post_dates));
  s.Post(R"(/undersoegelser/runder/(\d{1,12})/luk)", post_route(&FieldworkRoutes::post_close));
  s.Post(R"(/undersoegelser/runder/(\d{1,12})/ramme)", post_route(&FieldworkRoutes::post_frame));
  s.Post(R"(/undersoegelser/runder/(\d{1,12})/marker)", post_route(&FieldworkRoutes::post_mark));
  s.Get(R"(/undersoegelser/runder/(\d{1,12})/fremdrift)", route(&FieldworkRoutes::progress));
  s.Get(R"(/undersoegelser/runder/(\d{1,12})/breve)", route(&FieldworkRoutes::letters));
  s.Post(R"(/undersoegelser/runder/(\d{1,12})/paamindelser)", post_route(&FieldworkRoutes::post_reminders));
  s.Get(R"(/undersoegelser/import/([A-Za-z0-9_-]{16}))", route(&FieldworkRoutes::job_page));
  s.Get(R"(/undersoegelser/import/([A-Za-z0-9_-]{16})/breve\.csv)", route(&FieldworkRoutes::job_file));
  s.Post(R"(/undersoegelser/runder/(\d{1,12})/breve)", post_route(&FieldworkRoutes::post_letters));
  s.Get(R"(/undersoegelser/breve/([A-Za-z0-9_-]{16}))", route(&FieldworkRoutes::job_page));
  s.Get(R"(/undersoegelser/breve/([A-Za-z0-9_-]{16})/fil)", route(&FieldworkRoutes::job_file));
  s.Get("/undersoegelser/brevtekst", route(&FieldworkRoutes::letter_text_page));
  s.Post("/undersoegelser/brevtekst", post_route(&FieldworkRoutes::post_letter_text));
  s.Get("/undersoegelser/tidligere", route(&FieldworkRoutes::counts_page));
  s.Post("/undersoegelser/tidligere", post_route(&FieldworkRoutes::post_counts));
}

// ---- Overview: questionnaires and waves

void FieldworkRoutes::overview(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary, Role::kStaff});
  if (!user) return;
  render_overview(res, 200, *user, access_.language(req, res), {}, {}, "");
}

void FieldworkRoutes::render_overview(httplib::Response& res, int status, const staff::StaffUser& user,
                                      const std::string& lang, const Fields& entered, const Problems& problems,
                                      const std::string& form) {
  auto [versions, waves] = db_.read([](db::Connection& c) {
    return std::make_pair(db::list_survey_versions(c), db::all_waves(c));
  });
  bool admin = user.role != Role::kStaff;
  std::string chosen = web::field(entered, "skema");
  nlohmann::json surveys = nlohmann::json::array(), choices = nlohmann::json::array();
  for (const auto& v : versions) {
    std::string value = v.id + ":" + std::to_string(v.version);
    surveys.push_back({{"id", v.id}, {"version", v.version}, {"imported_at", v.imported_at}, {"waves", v.waves},
                       {"preview_da", preview_href(v.id, v.version) + "?lang=da"},
                       {"preview_en", preview_href(v.id, v.version) + "?lang=en"}});
    choices.push_back({{"value", value}, {"label", v.id + " " + renderer_.text(lang, "fieldwork_version") + " " +
                                                       std::to_string(v.version)},
                       {"selected", value == chosen}});
  }
  std::string today = today_iso();
  nlohmann::json wave_rows = nlohmann::json::array();
  for (const auto& w : waves) {
    std::string base = "/undersoegelser/runder/" + std::to_string(w.id);
    wave_rows.push_back({{"label", w.label}, {"survey", w.survey_id}, {"version", w.survey_version},
                         {"opens", w.opens.value_or("–")}, {"closes", w.closes.value_or("–")},
                         {"state", renderer_.text(lang, w.imported ? "fieldwork_state_imported"
                                                                    : std::string("fieldwork_state_") +
                                                                          state_name(survey::wave_state(w, today)))},
                         {"href", admin && !w.imported ? base : ""},
                         {"progress_href", w.imported ? "" : base + "/fremdrift"}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "fieldwork_heading")},
                     {"csrf", user.csrf}, {"admin", admin}, {"surveys", surveys}, {"has_surveys", !surveys.empty()},
                     {"choices", choices}, {"waves", wave_rows}, {"has_waves", !wave_rows.empty()}};
  add_problems(ctx, problems, form == "wave" ? kWaveFields : std::map<std::string, std::string>{}, entered);
  ctx["file_problems"] = form == "questionnaire" && !problems.empty();
  ctx["wave_problems"] = form == "wave" && !problems.empty();
  if (!problems.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, access_.page(user, "fieldwork_overview", ctx, lang));
}

void FieldworkRoutes::post_questionnaire(const httplib::Request& req, httplib::Response& res,
                                         const std::string& lang, const staff::StaffUser& user,
                                         const Fields& fields) {
  auto file = uploaded_file(req, "fil");
  if (!file || file->empty()) {
    return render_overview(res, 422, user, lang, fields,
                           {{"fil", renderer_.text(lang, "fieldwork_no_file")}}, "questionnaire");
  }
  auto result = upload_questionnaire(db_, Actor{user.id, user.name}, *file);
  if (!result.ok()) return render_overview(res, 422, user, lang, fields, result.problems, "questionnaire");
  web::redirect(res, "/undersoegelser?importeret=" + web::url_encode(result.value->id));
}

void FieldworkRoutes::post_wave(const httplib::Request&, httplib::Response& res, const std::string& lang,
                                const staff::StaffUser& user, const Fields& fields) {
  std::string chosen = web::field(fields, "skema");
  auto colon = chosen.rfind(':');
  std::optional<std::int64_t> version =
      colon == std::string::npos ? std::nullopt : parse_number(chosen.substr(colon + 1));
  if (!version) {
    return render_overview(res, 422, user, lang, fields,
                           {{"--survey", renderer_.text(lang, "fieldwork_choose_questionnaire")}}, "wave");
  }
  auto wave = create_wave(db_, Actor{user.id, user.name}, chosen.substr(0, colon), version,
                          trim(web::field(fields, "etiket")), nonempty(web::field(fields, "aabner")),
                          nonempty(web::field(fields, "lukker")));
  if (!wave.ok()) return render_overview(res, 422, user, lang, fields, wave.problems, "wave");
  web::redirect(res, "/undersoegelser/runder/" + std::to_string(wave.value->id));
}

// ---- Preview: the citizen's pages, storing nothing

void FieldworkRoutes::preview(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  std::string id = req.matches[1];
  auto version = parse_number(req.matches[2]);
  auto row = version ? db_.read([&](db::Connection& c) { return db::find_survey(c, id, *version); })
                     : std::nullopt;
  if (!row) return web::message_page(res, renderer_, lang, 404, "not_found");
  auto parsed = survey::parse_questionnaire(row->definition);
  if (!parsed.questionnaire) throw db::Error("stored questionnaire " + id + " no longer parses", 0);
  const survey::Questionnaire& q = *parsed.questionnaire;

  // The page the buttons lead to, as the citizen path would: answers of the page
  // shown are checked, a revealed follow-up question shows the page again.
  survey::FormFields fields;
  for (const auto& [k, v] : req.params) {
    if (!is_valid_utf8(k) || !is_valid_utf8(v)) return web::message_page(res, renderer_, lang, 400, "bad_request");
    fields.emplace(k, v);
  }
  survey::PageView view;
  auto side = parse_number(web::field(fields, "side"));
  std::string action = web::field(fields, "handling");
  const std::size_t pages = q.themes.size();
  if (side && static_cast<std::size_t>(*side) <= pages) {
    view.page = static_cast<std::size_t>(*side);
    bool back = action == "tilbage";
    if (view.page > 0 && !action.empty()) {
      std::set<std::string> shown;
      std::string list = web::field(fields, "vist");
      for (std::size_t p = 0; p <= list.size();) {
        std::size_t e = std::min(list.find(',', p), list.size());
        if (e > p) shown.insert(list.substr(p, e - p));
        p = e + 1;
      }
      auto result = survey::apply_page(q, view.page - 1, {}, fields, shown, !back);
      view.answers = result.answers;
      view.errors = result.errors;
      view.form_errors = result.form_errors;
      view.revealed = result.revealed;
      bool stay = !result.form_errors.empty() || (!back && (!result.errors.empty() || result.revealed));
      if (!stay) {
        view.answers.clear();
        if (action == "send" && view.page == pages) {
          return web::message_page(res, renderer_, lang, 200, "fieldwork_preview_end",
                                   {{"link_href", "/undersoegelser"},
                                    {"link_text", renderer_.text(lang, "fieldwork_preview_back")}});
        }
        view.page = back ? view.page - 1 : view.page + 1;
      }
    } else if (view.page == 0 && action == "start") {
      view.page = 1;
    }
  }
  std::string page_lang = renderer_.language(lang);
  auto page = survey::citizen_page(renderer_, q, view, page_lang);
  std::string self = preview_href(id, *version);
  page.ctx.set("form_action", self).set("form_method", "get").set("preview", true);
  page.ctx.set("preview_back", "/undersoegelser");
  page.ctx.set("page_title", renderer_.text(page_lang, "fieldwork_preview_title") + " " + *page.ctx.string("page_title"));
  std::string other = renderer_.text(page_lang, "other_language_code");
  if (std::find(q.languages.begin(), q.languages.end(), other) != q.languages.end()) {
    page.ctx.set("language_href", self + "?lang=" + other);
  }
  web::send_html(res, view.errors.empty() && view.form_errors.empty() ? 200 : 422,
                 renderer_.page_from(page.template_name, page.ctx, page_lang));
}

// ---- Earlier years: the web twin of `wave import-counts`

void FieldworkRoutes::counts_page(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  render_counts(res, 200, *user, access_.language(req, res), {}, {});
}

void FieldworkRoutes::render_counts(httplib::Response& res, int status, const staff::StaffUser& user,
                                    const std::string& lang, const Fields& entered, const Problems& problems) {
  auto versions = db_.read([](db::Connection& c) { return db::list_survey_versions(c); });
  std::string chosen = web::field(entered, "skema");
  nlohmann::json choices = nlohmann::json::array();
  std::set<std::string> ids;
  for (const auto& v : versions) {
    if (!ids.insert(v.id).second) continue;
    choices.push_back({{"value", v.id}, {"label", v.id}, {"selected", v.id == chosen}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "fieldwork_counts_heading")},
                     {"csrf", user.csrf}, {"choices", choices}, {"has_surveys", !choices.empty()}};
  static const std::map<std::string, std::string> anchors{
      {"--survey", "skema"}, {"--version", "version"}, {"--wave", "etiket"}, {"--opens", "aabner"},
      {"--closes", "lukker"}, {"totals", "inviterede"}};
  add_problems(ctx, problems, anchors, entered);
  ctx["replace_checked"] = web::field(entered, "erstat") == "1";
  if (!problems.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, access_.page(user, "fieldwork_counts", ctx, lang));
}

void FieldworkRoutes::post_counts(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                                  const staff::StaffUser& user, const Fields& fields) {
  survey::CountsImportRequest request;
  Problems problems;
  request.survey_id = trim(web::field(fields, "skema"));
  request.label = trim(web::field(fields, "etiket"));
  request.opens = nonempty(web::field(fields, "aabner"));
  request.closes = nonempty(web::field(fields, "lukker"));
  request.replace = web::field(fields, "erstat") == "1";
  if (auto v = nonempty(web::field(fields, "version"))) {
    request.survey_version = parse_number(*v);
    if (!request.survey_version) problems.push_back({"--version", "must be a whole number"});
  }
  auto counts = uploaded_file(req, "fil");
  if (!counts || counts->empty()) problems.push_back({"fil", renderer_.text(lang, "fieldwork_no_file")});
  else request.counts_csv = *counts;
  if (auto totals = uploaded_file(req, "totaler"); totals && !totals->empty()) request.totals_csv = *totals;
  auto number = [&](const char* name) -> std::optional<std::int64_t> {
    auto v = nonempty(web::field(fields, name));
    if (!v) return std::nullopt;
    auto n = parse_number(*v);
    if (!n) problems.push_back({name, "must be a whole number of 0 or more"});
    return n;
  };
  auto invited = number("inviterede"), answered = number("besvarede");
  auto ineligible = number("ikke_omfattet"), undeliverable = number("ubesoergelige");
  if (invited && answered) {
    request.totals = db::ImportedDisposition{"", *invited, ineligible.value_or(0), undeliverable.value_or(0),
                                             *answered};
  } else if (invited || answered) {
    problems.push_back({"inviterede", "give both how many were invited and how many answered"});
  }
  if (!problems.empty()) return render_counts(res, 422, user, lang, fields, problems);
  auto result = import_counts(db_, Actor{user.id, user.name}, request);
  if (!result.ok()) return render_counts(res, 422, user, lang, fields, result.problems);
  web::redirect(res, "/undersoegelser?importeret=" + web::url_encode(result.value->wave.label));
}

}  // namespace tilfreds::intake::fieldwork
