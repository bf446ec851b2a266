#include "intake/complaints/staff_routes.h"

#include <algorithm>
#include <map>
#include <set>
#include <span>

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "db/staff_store.h"
#include "db/survey_store.h"
#include "intake/complaints/form_view.h"
#include "intake/complaints/handling.h"
#include "intake/complaints/statistics.h"
#include "intake/dates.h"
#include "intake/offers/overview_columns.h"
#include "intake/offers/provider_report.h"
#include "intake/reports/render.h"
#include "intake/reports/render_pdf.h"
#include "intake/reports/report_request.h"
#include "intake/web/http.h"
#include "intake/web/long_date.h"
#include "intake/web/params.h"
#include "intake/web/template_data.h"
#include "intake/web/url.h"

namespace tilfreds::intake::complaints {

namespace {
using staff::Role;

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

// Ids are SQLite rowids; citizens per offer and half-year a count no jobcentre exceeds.
constexpr std::int64_t kMaxId = 999'999'999'999;
std::optional<std::int64_t> parse_count(const std::string& s) {
  auto n = parse_id(s);
  if (!n || *n > 10'000'000) return std::nullopt;
  return n;
}

Actor actor_of(const staff::StaffUser& u) { return Actor{u.id, u.name}; }

constexpr std::size_t kListPageSize = 50;

// The page a kept form returns to after a new login: the case for its edit and note
// forms, the registration form for a new complaint; "" for forms not kept.
std::string return_path(const std::string& post_path) {
  if (post_path == "/klager/ny") return post_path;
  if (post_path.rfind("/klager/", 0) == 0) {
    auto end = post_path.find('/', 8);
    return post_path.substr(0, end);
  }
  return "";
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::vector<std::int64_t> assignable(db::Connection& c) {
  std::vector<std::int64_t> ids;
  for (const auto& u : db::list_staff_users(c)) {
    if (u.active && (u.role == "staff" || u.role == "admin")) ids.push_back(u.id);
  }
  return ids;
}
}  // namespace

httplib::Server::Handler StaffRoutes::post_route(PostHandler handler, std::vector<staff::Role> roles) {
  return [this, handler, roles](const httplib::Request& req, httplib::Response& res) {
    std::string lang = access_.language(req, res);
    auto fields = web::form_fields(req);
    if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
    std::optional<staff::StaffUser> user;
    if (roles.size() == 1) {
      user = access_.require_post(req, res, *fields, {roles[0]});
    } else {
      user = access_.require_post(req, res, *fields, {roles[0], roles[1]});
    }
    if (!user) return;  // a lost session's form is kept by StaffAccess, shown again by show/show_new
    (this->*handler)(req, res, lang, *user, *fields);
  };
}

StaffRoutes::StaffRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access,
                         StaffRouteOptions options)
    : db_(db), renderer_(renderer), access_(access), options_(options) {
  // A form kept through a new login comes back on its own page, filled in.
  access_.restore_on(return_path);
}

void StaffRoutes::attach(web::Router& s) {
  auto route = [this](auto handler) { return web::member_route(this, handler); };
  s.Get("/klager", route(&StaffRoutes::list));
  s.Get("/klager/ny", route(&StaffRoutes::show_new));
  const std::vector<Role> handlers{Role::kStaff, Role::kAdmin};
  s.Post("/klager/ny", post_route(&StaffRoutes::post_new, handlers));
  s.Get(R"(/klager/(\d{1,12}))", route(&StaffRoutes::show));
  s.Post(R"(/klager/(\d{1,12}))", post_route(&StaffRoutes::post_edit, handlers));
  s.Post(R"(/klager/(\d{1,12})/note)", post_route(&StaffRoutes::post_note, handlers));
  s.Get("/statistik/klager", [this](const httplib::Request& q, httplib::Response& r) { statistics(q, r, false); });
  s.Get("/statistik/kvalitet", [this](const httplib::Request& q, httplib::Response& r) { statistics(q, r, true); });
  s.Get("/admin/tilbud", route(&StaffRoutes::offers));
  s.Post("/admin/tilbud", post_route(&StaffRoutes::post_offer, {Role::kAdmin}));
}

void StaffRoutes::list(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kStaff, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  web::QueryParams params(req);
  db::ComplaintFilter filter;
  filter.status = params.text("status", 64);
  filter.offer_id = params.number("tilbud", 1, kMaxId);
  filter.category = params.text("kategori", 64);
  if (params.choice("overskredet", {"0", "1"}) == "1") filter.overdue_on = today_iso();
  filter.search = params.text("q", 800);
  const auto side = params.number("side", 1, kMaxId);
  if (!params.ok()) return params.refuse(res, renderer_, lang);
  auto [all_rows, offers] = db_.read([&](db::Connection& c) {
    return std::make_pair(db::list_complaint_summaries(c, filter), db::list_offers(c));
  });
  const std::size_t total = all_rows.size();
  const std::size_t pages = std::max<std::size_t>(1, (total + kListPageSize - 1) / kListPageSize);
  std::size_t page_no = static_cast<std::size_t>(side.value_or(1));
  page_no = std::clamp<std::size_t>(page_no, 1, pages);
  const std::size_t first = (page_no - 1) * kListPageSize;
  const std::span<const db::ComplaintSummary> rows =
      std::span<const db::ComplaintSummary>(all_rows).subspan(std::min(first, total)).first(
          std::min(first + kListPageSize, total) - std::min(first, total));
  std::map<std::int64_t, const std::string*> offer_names;
  for (const auto& o : offers) offer_names[o.id] = &o.name;
  static const std::string kNoName;
  // Built directly as template data: 50 rows as JSON, converted, cost more than the
  // rendering (bench/README.md, page_bench --only /klager).
  web::TemplateData items = web::TemplateData::list(rows.size());
  std::string today = today_iso();
  // The statuses' labels looked up once a page, not once a row.
  std::map<std::string, const std::string*, std::less<>> status_labels;
  for (const auto& status : kStatuses) status_labels[status] = &renderer_.text(lang, "complaint_" + status);
  // The rows, offers and texts outlive the page: its values refer to them, not copies.
  for (const auto& r : rows) {
    bool open = r.status == "received" || r.status == "in_progress";
    const std::string* offer = &r.unit;
    if (r.offer_id) {
      auto it = offer_names.find(*r.offer_id);
      offer = it != offer_names.end() ? it->second : &kNoName;
    }
    auto label = status_labels.find(r.status);
    web::TemplateData item = web::TemplateData::object();
    item.set("href", "/klager/" + std::to_string(r.id))
        .set("receipt", web::TemplateData::view(r.receipt))
        .set("received", web::TemplateData::view(r.received_on))
        .set("offer", web::TemplateData::view(*offer))
        .set("status", web::TemplateData::view(label != status_labels.end() ? *label->second
                                                                             : renderer_.text(lang, "complaint_" + r.status)))
        .set("deadline", web::TemplateData::view(r.deadline))
        .set("overdue", open && r.deadline < today);
    items.push(std::move(item));
  }
  // The filters stay in every pager link, so a page of results can be bookmarked or shared.
  std::string query;
  for (const char* name : {"status", "tilbud", "kategori", "q", "overskredet"}) {
    std::string v = param(req, name).substr(0, 200);
    if (!v.empty()) query += std::string(name) + "=" + web::url_encode(v) + "&";
  }
  web::TemplateData ctx = web::TemplateData::object();
  const bool none = items.empty_list();
  ctx.set("page_title", renderer_.text(lang, "complaint_list_heading"))
      .set("wide", true)
      .set("count", std::to_string(total))
      .set("shown_from", std::to_string(total == 0 ? 0 : first + 1))
      .set("shown_to", std::to_string(std::min(first + kListPageSize, total)))
      .set("has_pager", pages > 1)
      .set("page_no", std::to_string(page_no))
      .set("page_count", std::to_string(pages))
      .set("items", std::move(items))
      .set("none", none)
      .set("q", filter.search.value_or(""))
      .set("overdue_checked", filter.overdue_on.has_value())
      .set("statuses", choice_data(renderer_, lang, kStatuses, "complaint_", param(req, "status")))
      .set("categories", choice_data(renderer_, lang, kCategories, "complaint_", param(req, "kategori")));
  if (page_no > 1) ctx.set("newer_href", "/klager?" + query + "side=" + std::to_string(page_no - 1));
  if (page_no < pages) ctx.set("older_href", "/klager?" + query + "side=" + std::to_string(page_no + 1));
  // The list's one select of the complaint form (add_form's other lists are not on it).
  ctx.set("offers", offer_choice_data(offers, param(req, "tilbud")));
  web::send_html(res, 200, access_.page_from(*user, "complaint_list", ctx, lang));
}

void StaffRoutes::show_new(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kStaff, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c, true); });
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_new_heading")}, {"csrf", user->csrf}};
  Fields entered{{"modtaget", today_iso()}};
  if (auto kept = access_.take_kept(*user, req, param(req, "gendan"), "/klager/ny")) {
    entered = *kept;
    ctx["restored_note"] = renderer_.text(lang, "complaint_restored");
  }
  add_form(ctx, renderer_, lang, entered, offers, {});
  web::send_html(res, 200, access_.page(*user, "complaint_new", ctx, lang));
}

void StaffRoutes::post_new(const httplib::Request&, httplib::Response& res, const std::string& lang,
                          const staff::StaffUser& user, Fields& fields) {
  fields.erase("csrf");
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c, true); });
  auto parsed = parse_new_complaint(fields, offers, {today_iso(), options_.handling_days, true});
  if (!parsed.ok()) {
    nlohmann::json ctx{{"page_title", renderer_.text(lang, "error_prefix") + " " +
                                          renderer_.text(lang, "complaint_new_heading")},
                       {"csrf", user.csrf}};
    add_form(ctx, renderer_, lang, fields, offers, parsed.problems);
    return web::send_html(res, 422, access_.page(user, "complaint_new", ctx, lang));
  }
  auto saved = register_complaint(db_, *parsed.value, actor_of(user));
  web::redirect(res, "/klager/" + std::to_string(saved.id) + "?gemt=1");
}

void StaffRoutes::render_case(httplib::Response& res, int status, const staff::StaffUser& user,
                              const std::string& lang, const db::ComplaintRow& row, const Fields& entered,
                              const Problems& problems, const CaseNotes& notes_shown) {
  auto [offers, users, versions, notes] = db_.read([&](db::Connection& c) {
    return std::make_tuple(db::list_offers(c), db::list_staff_users(c), db::complaint_versions(c, row.id),
                           db::complaint_notes(c, row.id));
  });
  std::map<std::int64_t, std::string> names;
  for (const auto& u : users) names[u.id] = u.name;
  auto who = [&](const std::optional<std::int64_t>& id) {
    return id ? names[*id] : renderer_.text(lang, "complaint_public_form");
  };
  nlohmann::json history = nlohmann::json::array();
  for (const auto& v : versions) {
    history.push_back({{"version", std::to_string(v.version)}, {"at", web::copenhagen_time(v.changed_at)}, {"by", who(v.changed_by)},
                       {"status", renderer_.text(lang, "complaint_" + v.state.status)}});
  }
  nlohmann::json note_list = nlohmann::json::array();
  for (const auto& n : notes) {
    note_list.push_back({{"at", web::copenhagen_time(n.written_at)}, {"by", who(n.author_id)},
                         {"text", n.text.value_or(renderer_.text(lang, "complaint_anonymised"))}});
  }
  nlohmann::json assignees = nlohmann::json::array();
  std::string chosen = web::field(entered, "sagsbehandler");
  for (const auto& u : users) {
    if (!u.active || u.role == "secretary") continue;
    std::string id = std::to_string(u.id);
    assignees.push_back({{"value", id}, {"label", u.name}, {"selected", id == chosen}});
  }
  std::vector<std::string> categories;
  auto range = entered.equal_range("kategori");
  for (auto it = range.first; it != range.second; ++it) categories.push_back(it->second);
  nlohmann::json ctx{{"page_title", row.receipt},
                     {"csrf", user.csrf},
                     {"id", std::to_string(row.id)},
                     {"receipt", row.receipt},
                     {"version", std::to_string(row.version)},
                     {"anonymised", row.anonymised},
                     {"deadline", row.state.deadline},
                     {"history", history},
                     {"notes", note_list},
                     {"assignees", assignees},
                     {"category_list", choices(renderer_, lang, kCategories, "complaint_", categories)},
                     {"statuses", choices(renderer_, lang, kStatuses, "complaint_", {web::field(entered, "status")})},
                     {"outcomes", choices(renderer_, lang, kOutcomes, "complaint_", {web::field(entered, "udfald")})},
                     {"results", choices(renderer_, lang, kOutcomes, "complaint_", {web::field(entered, "resultat")})},
                     {"bodies", choices(renderer_, lang, kForwardBodies, "complaint_", {web::field(entered, "videresendt")})}};
  add_form(ctx, renderer_, lang, entered, offers, problems);
  if (!notes_shown.saved.empty()) ctx["saved_note"] = renderer_.text(lang, notes_shown.saved);
  if (!notes_shown.pending.empty()) ctx["pending_note"] = renderer_.text(lang, notes_shown.pending);
  if (!problems.empty()) ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + row.receipt;
  web::send_html(res, status, access_.page(user, "complaint_case", ctx, lang));
}

void StaffRoutes::show(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kStaff, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto row = read_complaint(db_, std::stoll(req.matches[1]), actor_of(*user));
  if (!row) return web::message_page(res, renderer_, lang, 404, "not_found");
  CaseNotes shown;
  std::string saved = param(req, "gemt");
  if (saved == "1") shown.saved = "complaint_saved_confirmation";
  if (saved == "note") shown.saved = "complaint_note_saved";
  if (saved == "begge") shown.saved = "complaint_saved_with_note";
  if (auto kept = access_.take_kept(*user, req, param(req, "gendan"), req.path)) {
    // Not saved yet: the form shows what was typed, and the reader is told to save it.
    shown.pending = "complaint_restored";
    return render_case(res, 200, *user, lang, *row, *kept, {}, shown);
  }
  render_case(res, 200, *user, lang, *row, fields_of(row->state), {}, shown);
}

void StaffRoutes::post_edit(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                          const staff::StaffUser& user, Fields& fields) {
  std::int64_t id = std::stoll(req.matches[1]);
  auto seen = parse_id(web::field(fields, "version"));
  const std::string note = web::field(fields, "note");
  fields.erase("csrf");
  auto [current, offers, staff_ids] = db_.read([&](db::Connection& c) {
    return std::make_tuple(db::find_complaint(c, id), db::list_offers(c, true), assignable(c));
  });
  if (!current) return web::message_page(res, renderer_, lang, 404, "not_found");
  // An offer made inactive since registration stays valid for this complaint.
  if (current->state.offer_id) {
    // By value: clang 14 cannot capture a structured binding in a lambda.
    const std::int64_t offer_id = *current->state.offer_id;
    if (auto o = db_.read([&](db::Connection& c) { return db::find_offer(c, offer_id); });
        o && !o->active) {
      offers.push_back(*o);
    }
  }
  auto parsed = parse_edit(fields, current->state, offers, staff_ids,
                           {today_iso(), options_.handling_days, true});
  Problems problems = parsed.problems;
  // "Gem" saves a note typed in the same form too, never drops it silently.
  if (!blank(note) && code_points(note) > kMaxTextChars) problems.push_back({"note", "complaint_error_text_long"});
  if (!parsed.ok() || !problems.empty()) return render_case(res, 422, user, lang, *current, fields, problems);
  auto outcome = update_complaint(db_, id, seen.value_or(-1), *parsed.value, actor_of(user));
  if (outcome == UpdateOutcome::kConflict) {
    auto fresh = db_.read([&](db::Connection& c) { return db::find_complaint(c, id); });
    return render_case(res, 409, user, lang, *fresh, fields, {{"version", "complaint_error_conflict"}});
  }
  bool with_note = !blank(note);
  if (with_note) add_complaint_note(db_, id, note, actor_of(user));
  web::redirect(res, "/klager/" + std::to_string(id) + (with_note ? "?gemt=begge" : "?gemt=1"));
}

void StaffRoutes::post_note(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                          const staff::StaffUser& user, Fields& fields) {
  std::int64_t id = std::stoll(req.matches[1]);
  std::string text = web::field(fields, "note");
  auto current = db_.read([&](db::Connection& c) { return db::find_complaint(c, id); });
  if (!current) return web::message_page(res, renderer_, lang, 404, "not_found");
  // The note button sits in the case's form: its other fields are the case as the
  // reader sees it, possibly edited. Those edits are kept on the page, not dropped.
  const bool from_case_form = fields.count("version") == 1;
  Fields entered = from_case_form ? fields : fields_of(current->state);
  entered.erase("csrf");
  if (blank(text) || code_points(text) > kMaxTextChars) {
    return render_case(res, 422, user, lang, *current, entered,
                       {{"note", blank(text) ? "complaint_error_note_missing" : "complaint_error_text_long"}});
  }
  add_complaint_note(db_, id, text, actor_of(user));
  if (from_case_form) {
    auto offers = db_.read([](db::Connection& c) { return db::list_offers(c); });
    auto staff_ids = db_.read([](db::Connection& c) { return assignable(c); });
    auto edited = parse_edit(entered, current->state, offers, staff_ids, {today_iso(), options_.handling_days, true});
    if (!edited.ok() || !changed_fields(current->state, *edited.value).empty()) {
      entered.erase("note");
      auto fresh = db_.read([&](db::Connection& c) { return db::find_complaint(c, id); });
      return render_case(res, 200, user, lang, *fresh, entered, {},
                         {"complaint_note_saved", "complaint_edits_pending"});
    }
  }
  web::redirect(res, "/klager/" + std::to_string(id) + "?gemt=note");
}

void StaffRoutes::statistics(const httplib::Request& req, httplib::Response& res, bool quality) {
  auto user = access_.require(req, res, {Role::kSecretary, Role::kStaff, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  // Without parameters the page is a form in the staff frame, like /rapporter.
  bool asked = false;
  for (const char* name : {"periode", "format", "boelge", "sprog", "leverandoer"}) asked = asked || req.has_param(name);
  auto waves = db_.read([](db::Connection& c) { return db::all_waves(c); });
  if (!asked) return statistics_form(res, *user, lang, quality, waves);
  web::QueryParams params(req);
  auto half = params.half_year("periode");
  auto format_name = params.choice("format", {"html", "pdf", "csv", "xlsx", "json"});
  // The report's language is the report's, not the reader's interface language.
  const std::string report_lang = params.choice("sprog", {"da", "en"}).value_or(lang);
  // The wave by its label ("2024"), as the form offers it; an old link's id still works.
  std::optional<std::int64_t> wave;
  const auto wave_name = quality ? params.text("boelge", 64) : std::nullopt;
  if (wave_name) {
    for (const auto& row : waves) {
      if (row.label == *wave_name || std::to_string(row.id) == *wave_name) wave = row.id;
    }
    if (!wave) {
      const std::string path = quality ? "/statistik/kvalitet" : "/statistik/klager";
      return web::message_page(res, renderer_, lang, 422, "complaint_stats_bad_request",
                               {{"link_href", path}, {"link_text", renderer_.text(lang, "statistics_back_to_form")}});
    }
  }
  // &leverandoer=ID: the version sent to that provider, its own offers only.
  auto provider_id = quality ? params.number("leverandoer", 1, kMaxId) : std::nullopt;
  if (!params.ok()) return params.refuse(res, renderer_, lang);
  const Period period = half ? to_period(*half) : previous_period(period_of(today_iso()));
  auto format = reports::parse_format(format_name.value_or("html"));
  // Without a wave the overview takes the latest whose frame names the offers.
  if (quality && !wave) wave = offers::latest_offer_wave(db_);
  std::optional<db::ProviderRow> provider;
  if (provider_id) {
    for (const auto& p : db_.read([](db::Connection& c) { return db::list_providers(c); })) {
      if (p.id == *provider_id) provider = p;
    }
    if (!provider) return web::message_page(res, renderer_, lang, 400, "complaint_stats_bad_request");
  }
  auto doc = quality ? offers::offer_report(db_, period, wave, provider, renderer_, report_lang)
                     : complaint_statistics(db_, period, renderer_, report_lang);
  reports::RenderOptions options;
  options.stylesheet_href = "/static/report.css";
  reports::Rendered out;
  try {
    out = reports::render(doc, *format, renderer_, options);
  } catch (const reports::PdfEngineMissing&) {
    // A server set up without Chromium: say so, rather than a 500.
    return web::message_page(res, renderer_, lang, 503, "report_pdf_missing");
  }
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  if (*format != reports::Format::kHtml) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + out.file_name + "\"");
  }
  res.set_content(out.bytes, out.content_type.c_str());
}

void StaffRoutes::statistics_form(httplib::Response& res, const staff::StaffUser& user, const std::string& lang,
                                  bool quality, const std::vector<db::WaveRow>& waves) {
  // The current half-year and the three years before it, newest first; the last
  // finished one is chosen, as the report is made after a period ends.
  Period p = period_of(today_iso());
  const std::string chosen = previous_period(p).label;
  nlohmann::json periods = nlohmann::json::array();
  for (int i = 0; i < 7; ++i, p = previous_period(p)) {
    periods.push_back({{"value", p.label}, {"label", p.label}, {"selected", p.label == chosen}});
  }
  nlohmann::json wave_list = nlohmann::json::array();
  std::set<std::string> seen;
  for (auto it = waves.rbegin(); it != waves.rend(); ++it) {
    if (seen.insert(it->label).second) wave_list.push_back({{"value", it->label}, {"label", it->label}});
  }
  nlohmann::json formats = nlohmann::json::array();
  for (const char* f : {"html", "pdf", "csv", "xlsx", "json"}) {
    formats.push_back({{"value", f}, {"label", renderer_.text(lang, std::string("report_form_format_") + f)},
                       {"selected", std::string(f) == "html"}});
  }
  nlohmann::json langs = nlohmann::json::array();
  for (const char* l : {"da", "en"}) {
    langs.push_back({{"value", l}, {"label", renderer_.text(lang, std::string("report_form_lang_") + l)},
                     {"selected", std::string(l) == lang}});
  }
  const std::string title = renderer_.text(lang, quality ? "complaint_quality_title" : "complaint_stats_title");
  nlohmann::json ctx{{"page_title", title},
                     {"heading", title},
                     {"action", quality ? "/statistik/kvalitet" : "/statistik/klager"},
                     {"quality", quality},
                     {"periods", periods},
                     {"waves", wave_list},
                     {"formats", formats},
                     {"langs", langs}};
  web::send_html(res, 200, access_.page(user, "statistics_form", ctx, lang));
}

void StaffRoutes::offers(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c); });
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_offers_heading")}, {"csrf", user->csrf}};
  add_form(ctx, renderer_, lang, {}, offers, {});
  web::send_html(res, 200, access_.page(*user, "complaint_offers", ctx, lang));
}

void StaffRoutes::post_offer(const httplib::Request&, httplib::Response& res, const std::string& lang,
                          const staff::StaffUser& user, Fields& fields) {
  std::string name = web::field(fields, "navn"), provider = web::field(fields, "leverandoer");
  std::string period = web::field(fields, "periode"), citizens = web::field(fields, "borgere");
  auto offer_id = parse_id(web::field(fields, "tilbud"));
  Problems problems;
  if (offer_id) {
    // Citizens per period for an existing offer.
    auto n = parse_count(citizens);
    if (!parse_period(period)) problems.push_back({"periode", "complaint_error_period"});
    if (!n) problems.push_back({"borgere", "complaint_error_citizens"});
    if (problems.empty()) {
      // An id from a stale or forged form: say so, rather than let the foreign key fail.
      bool known = false;
      db_.write([&](db::Connection& c) {
        known = db::find_offer(c, *offer_id).has_value();
        if (known) db::set_offer_citizens(c, *offer_id, period, *n);
      });
      if (!known) problems.push_back({"tilbud", "complaint_error_offer"});
    }
  } else {
    if (name.empty() || code_points(name) > kMaxShortChars) problems.push_back({"navn", "complaint_error_offer_name"});
    if (provider.empty() || code_points(provider) > kMaxShortChars) {
      problems.push_back({"leverandoer", "complaint_error_provider"});
    }
    if (problems.empty()) {
      bool created = false;
      db_.write([&](db::Connection& c) {
        auto p = db::put_provider(c, provider, web::field(fields, "ekstern") == "1");
        created = db::create_offer(c, name, p, web::field(fields, "maalgrupper")).has_value();
      });
      if (!created) problems.push_back({"navn", "complaint_error_offer_exists"});
    }
  }
  if (problems.empty()) return web::redirect(res, "/admin/tilbud");
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c); });
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_offers_heading")}, {"csrf", user.csrf}};
  add_form(ctx, renderer_, lang, fields, offers, problems);
  web::send_html(res, 422, access_.page(user, "complaint_offers", ctx, lang));
}

}  // namespace tilfreds::intake::complaints
