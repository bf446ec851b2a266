#include "intake/complaints/staff_routes.h"

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "db/staff_store.h"
#include "intake/complaints/form_view.h"
#include "intake/complaints/handling.h"
#include "intake/complaints/statistics.h"
#include "intake/dates.h"
#include "intake/offers/overview_columns.h"
#include "intake/offers/provider_report.h"
#include "intake/reports/render.h"
#include "intake/web/http.h"

namespace tilfreds::intake::complaints {

namespace {
using staff::Role;

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::optional<std::string> nonempty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional(s);
}

std::optional<reports::Format> parse_format(const std::string& s) {
  if (s.empty() || s == "html") return reports::Format::kHtml;
  if (s == "csv") return reports::Format::kCsv;
  if (s == "xlsx") return reports::Format::kXlsx;
  if (s == "json") return reports::Format::kJson;
  return std::nullopt;
}

Actor actor_of(const staff::StaffUser& u) { return Actor{u.id, u.name}; }

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
    if (!user) return;
    (this->*handler)(req, res, lang, *user, *fields);
  };
}

StaffRoutes::StaffRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access,
                         StaffRouteOptions options)
    : db_(db), renderer_(renderer), access_(access), options_(options) {}

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
  db::ComplaintFilter filter;
  filter.status = nonempty(param(req, "status"));
  filter.offer_id = parse_id(param(req, "tilbud"));
  filter.category = nonempty(param(req, "kategori"));
  if (param(req, "overskredet") == "1") filter.overdue_on = today_iso();
  filter.search = nonempty(param(req, "q").substr(0, 200));
  auto [rows, offers] = db_.read([&](db::Connection& c) {
    return std::make_pair(db::list_complaints(c, filter), db::list_offers(c));
  });
  std::map<std::int64_t, std::string> offer_names;
  for (const auto& o : offers) offer_names[o.id] = o.name;
  nlohmann::json items = nlohmann::json::array();
  std::string today = today_iso();
  for (const auto& r : rows) {
    const auto& s = r.state;
    bool open = s.status == "received" || s.status == "in_progress";
    items.push_back({{"href", "/klager/" + std::to_string(r.id)},
                     {"receipt", r.receipt},
                     {"received", s.received_on},
                     {"offer", s.offer_id ? offer_names[*s.offer_id] : s.unit},
                     {"status", renderer_.text(lang, "complaint_" + s.status)},
                     {"deadline", s.deadline},
                     {"overdue", open && s.deadline < today}});
  }
  Fields entered{{"tilbud", param(req, "tilbud")}};
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_list_heading")},
                     {"items", items},
                     {"none", items.empty()},
                     {"q", filter.search.value_or("")},
                     {"overdue_checked", filter.overdue_on.has_value()},
                     {"statuses", choices(renderer_, lang, kStatuses, "complaint_", {param(req, "status")})},
                     {"categories", choices(renderer_, lang, kCategories, "complaint_", {param(req, "kategori")})}};
  add_form(ctx, renderer_, lang, entered, offers, {});
  web::send_html(res, 200, access_.page(*user, "complaint_list", ctx, lang));
}

void StaffRoutes::show_new(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kStaff, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c, true); });
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_new_heading")}, {"csrf", user->csrf}};
  add_form(ctx, renderer_, lang, {{"modtaget", today_iso()}}, offers, {});
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
  web::redirect(res, "/klager/" + std::to_string(saved.id));
}

void StaffRoutes::render_case(httplib::Response& res, int status, const staff::StaffUser& user,
                              const std::string& lang, const db::ComplaintRow& row, const Fields& entered,
                              const Problems& problems) {
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
    history.push_back({{"version", std::to_string(v.version)}, {"at", v.changed_at}, {"by", who(v.changed_by)},
                       {"status", renderer_.text(lang, "complaint_" + v.state.status)}});
  }
  nlohmann::json note_list = nlohmann::json::array();
  for (const auto& n : notes) {
    note_list.push_back({{"at", n.written_at}, {"by", who(n.author_id)},
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
  if (!problems.empty()) ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + row.receipt;
  web::send_html(res, status, access_.page(user, "complaint_case", ctx, lang));
}

void StaffRoutes::show(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kStaff, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto row = read_complaint(db_, std::stoll(req.matches[1]), actor_of(*user));
  if (!row) return web::message_page(res, renderer_, lang, 404, "not_found");
  render_case(res, 200, *user, lang, *row, fields_of(row->state), {});
}

void StaffRoutes::post_edit(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                          const staff::StaffUser& user, Fields& fields) {
  std::int64_t id = std::stoll(req.matches[1]);
  auto seen = parse_id(web::field(fields, "version"));
  fields.erase("csrf");
  fields.erase("version");
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
  if (!parsed.ok()) return render_case(res, 422, user, lang, *current, fields, parsed.problems);
  auto outcome = update_complaint(db_, id, seen.value_or(-1), *parsed.value, actor_of(user));
  if (outcome == UpdateOutcome::kConflict) {
    auto fresh = db_.read([&](db::Connection& c) { return db::find_complaint(c, id); });
    return render_case(res, 409, user, lang, *fresh, fields, {{"version", "complaint_error_conflict"}});
  }
  web::redirect(res, "/klager/" + std::to_string(id));
}

void StaffRoutes::post_note(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                          const staff::StaffUser& user, Fields& fields) {
  std::int64_t id = std::stoll(req.matches[1]);
  std::string text = web::field(fields, "note");
  auto current = db_.read([&](db::Connection& c) { return db::find_complaint(c, id); });
  if (!current) return web::message_page(res, renderer_, lang, 404, "not_found");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos || code_points(text) > kMaxTextChars) {
    Fields entered = fields_of(current->state);
    return render_case(res, 422, user, lang, *current, entered,
                       {{"note", text.empty() ? "complaint_error_note_missing" : "complaint_error_text_long"}});
  }
  add_complaint_note(db_, id, text, actor_of(user));
  web::redirect(res, "/klager/" + std::to_string(id));
}

void StaffRoutes::statistics(const httplib::Request& req, httplib::Response& res, bool quality) {
  auto user = access_.require(req, res, {Role::kSecretary, Role::kStaff, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  std::string label = param(req, "periode");
  auto period = label.empty() ? std::optional(previous_period(period_of(today_iso()))) : parse_period(label);
  auto format = parse_format(param(req, "format"));
  std::optional<std::int64_t> wave;
  if (quality && !param(req, "boelge").empty()) wave = parse_id(param(req, "boelge"));
  if (!period || !format || (quality && !param(req, "boelge").empty() && !wave)) {
    return web::message_page(res, renderer_, lang, 400, "complaint_stats_bad_request");
  }
  // Without a wave the overview takes the latest whose frame names the offers.
  if (quality && param(req, "boelge").empty()) wave = offers::latest_offer_wave(db_);
  // &leverandoer=ID: the version sent to that provider, its own offers only.
  std::optional<db::ProviderRow> provider;
  if (quality && !param(req, "leverandoer").empty()) {
    auto id = parse_id(param(req, "leverandoer"));
    for (const auto& p : db_.read([](db::Connection& c) { return db::list_providers(c); })) {
      if (id && p.id == *id) provider = p;
    }
    if (!provider) return web::message_page(res, renderer_, lang, 400, "complaint_stats_bad_request");
  }
  auto doc = quality ? offers::offer_report(db_, *period, wave, provider, renderer_, lang)
                     : complaint_statistics(db_, *period, renderer_, lang);
  reports::RenderOptions options;
  options.stylesheet_href = "/static/report.css";
  auto out = reports::render(doc, *format, renderer_, options);
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  if (*format != reports::Format::kHtml) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + out.file_name + "\"");
  }
  res.set_content(out.bytes, out.content_type.c_str());
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
    auto n = parse_id(citizens);
    if (!parse_period(period)) problems.push_back({"periode", "complaint_error_period"});
    if (!n) problems.push_back({"borgere", "complaint_error_citizens"});
    if (problems.empty()) {
      db_.write([&](db::Connection& c) { db::set_offer_citizens(c, *offer_id, period, *n); });
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
