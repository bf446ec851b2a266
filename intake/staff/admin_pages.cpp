#include "intake/staff/admin_pages.h"

#include "db/audit_store.h"
#include "db/staff_store.h"
#include "intake/dates.h"
#include "intake/staff/access.h"
#include "intake/staff/users.h"
#include "intake/text.h"
#include "intake/web/http.h"
#include "intake/web/long_date.h"
#include "intake/web/params.h"
#include "intake/web/url.h"

namespace tilfreds::intake::staff {

namespace {
constexpr int kAuditPageSize = 50;
constexpr std::size_t kMaxFilter = 200;

std::optional<std::int64_t> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(s);
}

// The form field a problem belongs to, as the id its error summary links to.
std::string anchor_for(const std::string& where) {
  if (where == "name") return "bruger-navn";
  if (where == "role") return "bruger-rolle-0";
  if (where == "password") return "bruger-kode";
  return "indhold";
}

// Error summary entries and one message per field (ctx["error_<field>"]).
void add_problems(nlohmann::json& ctx, const Problems& problems, const web::Renderer& r,
                  const std::string& lang) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& p : problems) {
    const std::string& message = r.text(lang, p.message);
    errors.push_back({{"anchor", anchor_for(p.where)}, {"message", message}});
    ctx["error_" + p.where] = message;
  }
  ctx["errors"] = errors;
  ctx["has_errors"] = !problems.empty();
  if (!problems.empty()) {
    ctx["page_title"] = r.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
}

nlohmann::json role_options(const web::Renderer& r, const std::string& lang, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  int i = 0;
  for (Role role : {Role::kAdmin, Role::kStaff, Role::kSecretary, Role::kReviewer}) {
    std::string name = role_name(role);
    out.push_back({{"value", name},
                   {"label", r.text(lang, "staff_role_" + name)},
                   {"input_id", "bruger-rolle-" + std::to_string(i++)},
                   {"checked", name == selected}});
  }
  return out;
}

// The entities and actions the audit log records, as codes; the filters show them by
// their Danish (or English) label, UI texts "audit_entity_<code>" / "audit_action_<code>".
const std::vector<std::string> kAuditEntities{"user", "complaint", "setting", "comments", "kept_form"};
const std::vector<std::string> kAuditActions{"login", "lock", "create", "read", "update", "note", "role",
                                              "disable", "enable", "password", "anonymise", "set", "restore"};

nlohmann::json audit_choices(const web::Renderer& r, const std::string& lang, const std::vector<std::string>& codes,
                             const std::string& prefix, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : codes) {
    out.push_back({{"value", c}, {"label", r.text(lang, prefix + c)}, {"selected", c == selected}});
  }
  return out;
}

// A code's label, or the code itself for one recorded by a newer feature.
std::string audit_label(const web::Renderer& r, const std::string& lang, const std::string& prefix,
                        const std::string& code) {
  const std::string* t = r.find_text(lang, prefix + code);
  return t ? *t : code;
}

std::string param(const httplib::Request& req, const char* name) {
  std::string v = req.has_param(name) ? trim(req.get_param_value(name)) : "";
  if (v.size() > kMaxFilter || !is_valid_utf8(v)) return "";
  return v;
}
}  // namespace

AdminPages::AdminPages(StaffAccess& access, db::Database& db, const web::Renderer& renderer)
    : access_(access), db_(db), renderer_(renderer), settings_(access, db, renderer) {}

void AdminPages::attach(web::Router& s) {
  auto route = [this](auto handler) { return web::member_route(this, handler); };
  s.Get("/admin/brugere", route(&AdminPages::show_users));
  s.Post("/admin/brugere", route(&AdminPages::create_user));
  s.Get(R"(/admin/brugere/(\d+))", route(&AdminPages::show_user));
  s.Post(R"(/admin/brugere/(\d+)/(rolle|status|adgangskode))", route(&AdminPages::change_user));
  s.Get("/admin/revision", route(&AdminPages::show_audit));
  settings_.attach(s);
}

void AdminPages::render_users(httplib::Response& res, int status, const StaffUser& user,
                              const std::string& lang, const std::string& name,
                              const std::string& role, const Problems& problems) {
  auto rows = db_.read([](db::Connection& c) { return db::list_staff_users(c); });
  const std::int64_t now = access_.now();
  nlohmann::json users = nlohmann::json::array();
  for (const auto& row : rows) {
    std::string state = !row.active ? "staff_users_disabled"
                        : row.locked_until > now ? "staff_users_locked"
                                                 : "staff_users_active";
    users.push_back({{"id", std::to_string(row.id)},
                     {"name", row.name},
                     {"role", renderer_.text(lang, "staff_role_" + row.role)},
                     {"state", renderer_.text(lang, state)},
                     {"created", row.created_at.substr(0, 10)}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "staff_users_heading")},
                     {"users", users},
                     {"name", name},
                     {"roles", role_options(renderer_, lang, role)}};
  add_problems(ctx, problems, renderer_, lang);
  web::send_html(res, status, access_.page(user, "staff_users", ctx, lang));
}

void AdminPages::show_users(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin});
  if (!user) return;
  render_users(res, 200, *user, access_.language(req, res), "", "", {});
}

void AdminPages::create_user(const httplib::Request& req, httplib::Response& res) {
  std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto user = access_.require_post(req, res, *fields, {Role::kAdmin});
  if (!user) return;
  std::string name = trim(web::field(*fields, "navn"));
  std::string role_text = web::field(*fields, "rolle");
  auto role = parse_role(role_text);
  Problems problems;
  if (!role) problems.push_back({"role", "staff_error_role"});
  std::optional<std::int64_t> id;
  if (role) {
    auto added = add_user(db_, access_.hasher(), Actor{user->id, user->name}, name, *role,
                          web::field(*fields, "adgangskode"));
    problems.insert(problems.end(), added.problems.begin(), added.problems.end());
    id = added.value;
  } else {
    // Every field's problem at once, not only the role's.
    if (auto p = name_problem(name)) problems.insert(problems.begin(), {"name", *p});
    if (auto p = password_problem(web::field(*fields, "adgangskode"), name)) problems.push_back({"password", *p});
  }
  if (!id) return render_users(res, 422, *user, lang, name.substr(0, kMaxFilter), role_text, problems);
  web::redirect(res, "/admin/brugere/" + std::to_string(*id) + "?oprettet=1");
}

void AdminPages::render_user(httplib::Response& res, int status, const StaffUser& user,
                             const std::string& lang, std::int64_t id, const std::string& note_key,
                             const Problems& problems) {
  auto row = db_.read([&](db::Connection& c) { return db::find_staff_user(c, id); });
  if (!row) return web::message_page(res, renderer_, lang, 404, "not_found");
  bool locked = row->locked_until > access_.now();
  nlohmann::json ctx{
      {"page_title", renderer_.text(lang, "staff_user_heading") + " " + row->name},
      {"id", std::to_string(row->id)},
      {"name", row->name},
      {"roles", role_options(renderer_, lang, row->role)},
      {"active", row->active},
      {"state", renderer_.text(lang, !row->active ? "staff_users_disabled"
                                     : locked    ? "staff_users_locked"
                                                 : "staff_users_active")},
      {"created", row->created_at}};
  if (!note_key.empty()) ctx["note"] = renderer_.text(lang, note_key);
  add_problems(ctx, problems, renderer_, lang);
  web::send_html(res, status, access_.page(user, "staff_user", ctx, lang));
}

void AdminPages::show_user(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto id = parse_id(req.matches[1]);
  if (!id) return web::message_page(res, renderer_, lang, 404, "not_found");
  std::string note = req.has_param("oprettet") ? "staff_users_created_note"
                     : req.has_param("gemt")   ? "staff_users_saved_note"
                                               : "";
  render_user(res, 200, *user, lang, *id, note, {});
}

void AdminPages::change_user(const httplib::Request& req, httplib::Response& res) {
  std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto user = access_.require_post(req, res, *fields, {Role::kAdmin});
  if (!user) return;
  auto id = parse_id(req.matches[1]);
  if (!id) return web::message_page(res, renderer_, lang, 404, "not_found");
  const std::string what = req.matches[2];
  const Actor actor{user->id, user->name};
  Problems problems;
  if (what == "rolle") {
    auto role = parse_role(web::field(*fields, "rolle"));
    problems = role ? change_role(db_, actor, *id, *role) : Problems{{"role", "staff_error_role"}};
  } else if (what == "status") {
    std::string active = web::field(*fields, "aktiv");
    if (active != "1" && active != "0") return web::message_page(res, renderer_, lang, 400, "bad_request");
    problems = set_active(db_, actor, *id, active == "1");
  } else {
    problems = reset_password(db_, access_.hasher(), actor, *id, web::field(*fields, "adgangskode"));
  }
  bool missing = !problems.empty() && problems.front().message == "staff_error_no_user";
  if (missing) return web::message_page(res, renderer_, lang, 404, "not_found");
  if (!problems.empty()) return render_user(res, 422, *user, lang, *id, "", problems);
  web::redirect(res, "/admin/brugere/" + std::to_string(*id) + "?gemt=1");
}

void AdminPages::show_audit(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  web::QueryParams params(req);
  db::AuditFilter filter;
  filter.subject = params.text("borger", kMaxFilter).value_or("");
  filter.entity = params.text("type", kMaxFilter).value_or("");
  filter.entity_id = params.text("nr", kMaxFilter).value_or("");
  filter.actor = params.text("medarbejder", kMaxFilter).value_or("");
  filter.action = params.text("handling", kMaxFilter).value_or("");
  // A date is kept as typed, to show it again beside its error.
  filter.from = param(req, "fra");
  filter.to = param(req, "til");
  params.date("fra");
  params.date("til");
  auto page_no = params.number("side", 1, 100000).value_or(1);

  nlohmann::json ctx{{"page_title", renderer_.text(lang, "staff_audit_heading")},
                     {"wide", true},
                     {"entities", audit_choices(renderer_, lang, kAuditEntities, "audit_entity_", filter.entity)},
                     {"actions", audit_choices(renderer_, lang, kAuditActions, "audit_action_", filter.action)},
                     {"borger", filter.subject}, {"type", filter.entity}, {"nr", filter.entity_id},
                     {"medarbejder", filter.actor}, {"handling", filter.action},
                     {"fra", filter.from}, {"til", filter.to}};
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& p : params.problems()) {
    // Only the dates are fields of the form; anything else no form of ours sends.
    if (p.where != "fra" && p.where != "til") return params.refuse(res, renderer_, lang);
    std::string message = renderer_.text(lang, "staff_error_date");
    ctx["error_" + p.where] = message;
    errors.push_back({{"anchor", "revision-" + p.where}, {"message", message}});
  }
  ctx["errors"] = errors;
  ctx["has_errors"] = !errors.empty();
  if (!errors.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
    return web::send_html(res, 422, access_.page(*user, "staff_audit", ctx, lang));
  }

  filter.limit = kAuditPageSize + 1;  // one more tells whether an older page exists
  filter.offset = static_cast<int>((page_no - 1) * kAuditPageSize);
  auto rows = db_.read([&](db::Connection& c) { return db::find_audit(c, filter); });
  bool older = rows.size() > static_cast<std::size_t>(kAuditPageSize);
  if (older) rows.pop_back();
  nlohmann::json events = nlohmann::json::array();
  for (const auto& r : rows) {
    events.push_back({{"at", web::copenhagen_time(r.at)}, {"actor", r.actor_name},
                      {"action", audit_label(renderer_, lang, "audit_action_", r.action)},
                      {"entity", audit_label(renderer_, lang, "audit_entity_", r.entity)},
                      {"entity_id", r.entity_id}, {"subject", r.subject},
                      {"detail", r.detail}});
  }
  std::string query;
  for (const char* name : {"borger", "type", "nr", "medarbejder", "handling", "fra", "til"}) {
    const std::string& v = ctx[name].get_ref<const std::string&>();
    if (!v.empty()) query += std::string(name) + "=" + web::url_encode(v) + "&";
  }
  ctx["events"] = events;
  ctx["has_events"] = !rows.empty();
  if (page_no > 1) ctx["newer_href"] = "/admin/revision?" + query + "side=" + std::to_string(page_no - 1);
  if (older) ctx["older_href"] = "/admin/revision?" + query + "side=" + std::to_string(page_no + 1);
  ctx["has_pager"] = page_no > 1 || older;
  web::send_html(res, 200, access_.page(*user, "staff_audit", ctx, lang));
}

}  // namespace tilfreds::intake::staff
