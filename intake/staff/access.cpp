#include "intake/staff/access.h"

#include <algorithm>
#include <ctime>

#include "db/audit_store.h"
#include "db/staff_store.h"
#include "intake/staff/admin_pages.h"
#include "intake/staff/navigation.h"
#include "intake/survey/tokens.h"
#include "intake/text.h"
#include "intake/web/http.h"
#include "intake/web/rate_limit.h"
#include "intake/web/template_data.h"
#include "intake/web/url.h"

namespace tilfreds::intake::staff {

namespace {
// Double-submit token for the login form itself (tf_login), so another site cannot
// log a browser into an account of its choosing (login CSRF).
constexpr int kLoginCookieSeconds = 60 * 60;
constexpr const char* kHome = "/personale";
constexpr std::size_t kMaxSecret = 64;
constexpr std::size_t kMaxName = 256;
// A kept form lives an hour (FormStash's keep time); a bigger one (an uploaded
// frame) is not kept: the file is still on the user's disk.
constexpr int kKeptCookieSeconds = 60 * 60;
constexpr std::size_t kMaxKeptBytes = 1u << 20;

// Never kept through a login: the token of the ended session, and any password.
bool never_kept(const std::string& field) {
  return field == "csrf" || field.find("adgangskode") != std::string::npos ||
         field.find("password") != std::string::npos;
}

// Only a path on this site: not "//host" or "/\host", which browsers treat as
// another site, and nothing that could split a header.
bool is_local_path(const std::string& p) {
  if (p.empty() || p.size() > 512 || p[0] != '/') return false;
  if (p.size() > 1 && (p[1] == '/' || p[1] == '\\')) return false;
  return std::none_of(p.begin(), p.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f;
  });
}

bool has_role(std::initializer_list<Role> roles, Role role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string session_hash(const std::string& secret) { return survey::sha256(secret); }
}  // namespace

StaffAccess::StaffAccess(db::Database& db, const web::Renderer& renderer, StaffOptions options,
                         web::SharedLimits shared)
    : db_(db),
      renderer_(renderer),
      options_(std::move(options)),
      hasher_(options_.password_cost, options_.concurrent_hashes),
      dummy_hash_(hasher_.hash(survey::new_secret())),
      // Several servers share a PostgreSQL database: the login limits and kept forms
      // are held there, so the next request may go to any of them.
      throttle_(options_.login, shared),
      kept_(shared.db),
      admin_(std::make_unique<AdminPages>(*this, db, renderer)) {}

StaffAccess::~StaffAccess() = default;

std::string StaffAccess::session_cookie() const {
  return web::cookie_name("tf_staff", options_.secure_cookies);
}

std::string StaffAccess::login_cookie() const {
  return web::cookie_name("tf_login", options_.secure_cookies);
}

std::int64_t StaffAccess::now() const {
  return options_.clock ? options_.clock() : static_cast<std::int64_t>(std::time(nullptr));
}

std::string StaffAccess::language(const httplib::Request& req, httplib::Response& res) const {
  return web::request_language(req, res, renderer_, options_.secure_cookies);
}

void StaffAccess::attach(web::Router& s) {
  auto route = [this](auto handler) { return web::member_route(this, handler); };
  s.Get("/login", route(&StaffAccess::show_login));
  s.Post("/login", route(&StaffAccess::post_login));
  s.Post("/logout", route(&StaffAccess::post_logout));
  s.Get(kHome, route(&StaffAccess::show_home));
  s.Get(R"(/personale/gendan/([A-Za-z0-9_-]{22}))", route(&StaffAccess::show_kept));
  admin_->attach(s);
}

std::optional<StaffUser> StaffAccess::current_user(const httplib::Request& req) {
  auto secret = web::cookie(req, session_cookie());
  if (!secret || secret->empty() || secret->size() > kMaxSecret) return std::nullopt;
  const std::string id_hash = session_hash(*secret);
  const std::int64_t t = now();
  struct Found {
    db::StaffSessionRow session;
    db::StaffUserRow user;
  };
  auto found = db_.read([&](db::Connection& c) -> std::optional<Found> {
    auto session = db::find_staff_session(c, id_hash, t);
    if (!session) return std::nullopt;
    auto user = db::find_staff_user(c, session->user_id);
    if (!user || !user->active) return std::nullopt;
    return Found{*session, *user};
  });
  if (!found) return std::nullopt;
  auto role = parse_role(found->user.role);
  if (!role) return std::nullopt;
  // Moving the idle end at most once a minute keeps most page views from being writes.
  if (found->session.idle_expires_at - t < options_.idle_seconds - 60) {
    db_.write([&](db::Connection& c) { db::touch_staff_session(c, id_hash, t + options_.idle_seconds); });
  }
  return StaffUser{found->user.id, found->user.name, *role, found->session.csrf};
}

std::optional<StaffUser> StaffAccess::require(const httplib::Request& req, httplib::Response& res,
                                              std::initializer_list<Role> roles) {
  return check_role(req, res, current_user(req), roles);
}

std::optional<StaffUser> StaffAccess::check_role(const httplib::Request& req, httplib::Response& res,
                                                 std::optional<StaffUser> user, std::initializer_list<Role> roles) {
  if (!user) {
    if (req.method == "GET" || req.method == "HEAD") {
      web::redirect(res, "/login?next=" + web::url_encode(req.path));
    } else {
      std::string lang = language(req, res);
      web::message_page(res, renderer_, lang, 401, "staff_session_expired",
                        {{"link_href", "/login"}, {"link_text", renderer_.text(lang, "staff_go_to_login")}});
    }
    return std::nullopt;
  }
  if (!has_role(roles, user->role)) {
    std::string lang = language(req, res);
    web::message_page(res, renderer_, lang, 403, "staff_forbidden",
                      {{"link_href", kHome}, {"link_text", renderer_.text(lang, "staff_go_home")}});
    return std::nullopt;
  }
  return user;
}

std::optional<StaffUser> StaffAccess::require_post(const httplib::Request& req, httplib::Response& res,
                                                   const std::multimap<std::string, std::string>& fields,
                                                   std::initializer_list<Role> roles) {
  auto user = current_user(req);
  if (!user) {
    keep_form(req, res, fields);
    return std::nullopt;
  }
  user = check_role(req, res, std::move(user), roles);
  if (!user) return std::nullopt;
  if (fields.count("csrf") != 1 || !survey::equal_secrets(web::field(fields, "csrf"), user->csrf)) {
    std::string lang = language(req, res);
    web::message_page(res, renderer_, lang, 403, "staff_csrf",
                      {{"link_href", kHome}, {"link_text", renderer_.text(lang, "staff_go_home")}});
    return std::nullopt;
  }
  return user;
}

std::string StaffAccess::kept_cookie() const { return web::cookie_name("tf_kept", options_.secure_cookies); }

void StaffAccess::restore_on(std::function<std::string(const std::string&)> page_for) {
  restorers_.push_back(std::move(page_for));
}

void StaffAccess::keep_form(const httplib::Request& req, httplib::Response& res,
                            const std::multimap<std::string, std::string>& fields) {
  KeptFields kept;
  std::size_t bytes = 0;
  for (const auto& [name, value] : fields) {
    if (never_kept(name)) continue;
    bytes += name.size() + value.size();
    kept.emplace(name, value);
  }
  std::string lang = language(req, res);
  if (kept.empty() || bytes > kMaxKeptBytes || req.path == "/logout") {
    check_role(req, res, std::nullopt, {});  // the plain "log in again" page
    return;
  }
  std::string page;
  for (const auto& page_for : restorers_) {
    if (page.empty()) page = page_for(req.path);
  }
  // The entry is bound to this browser: only a login in it gets the form back.
  auto binding = web::cookie(req, kept_cookie());
  if (!binding || binding->empty() || binding->size() > kMaxSecret) {
    binding = survey::new_secret();
    web::set_cookie(res, kept_cookie(), *binding, {kKeptCookieSeconds, options_.secure_cookies, "Strict"});
  }
  const bool file = std::any_of(req.files.begin(), req.files.end(),
                                [](const auto& f) { return !f.second.filename.empty(); });
  std::string id = kept_.put(page.empty() ? req.path : page, std::move(kept), session_hash(*binding),
                             FormStash::Clock::now(), file);
  std::string back = page.empty() ? "/personale/gendan/" + id : page + "?gendan=" + id;
  web::message_page(res, renderer_, lang, 401, "staff_session_kept",
                    {{"link_href", "/login?next=" + web::url_encode(back)},
                     {"link_text", renderer_.text(lang, "staff_go_to_login")}});
}

std::optional<FormStash::Kept> StaffAccess::take_from_browser(const StaffUser& user, const httplib::Request& req,
                                                              const std::string& id,
                                                              const std::optional<std::string>& page) {
  auto binding = web::cookie(req, kept_cookie());
  if (id.empty() || !binding || binding->empty() || binding->size() > kMaxSecret) return std::nullopt;
  auto kept = kept_.take(id, session_hash(*binding), page);
  if (!kept) return std::nullopt;
  // A read of what may be a citizen's personal data, like opening a case: the log
  // names where it goes and which fields it holds, never what was typed.
  nlohmann::json names = nlohmann::json::array();
  for (auto it = kept->fields.begin(); it != kept->fields.end(); it = kept->fields.upper_bound(it->first)) {
    names.push_back(it->first);
  }
  db_.write([&](db::Connection& c) {
    db::record_audit(c, {user.id, user.name, "restore", "kept_form", id, "",
                         nlohmann::json{{"path", kept->path}, {"fields", names}}.dump()});
  });
  return kept;
}

std::optional<KeptFields> StaffAccess::take_kept(const StaffUser& user, const httplib::Request& req,
                                                 const std::string& id, const std::string& page) {
  auto kept = take_from_browser(user, req, id, page);
  if (!kept) return std::nullopt;
  return std::move(kept->fields);
}

std::string StaffAccess::field_label(const std::string& lang, const std::string& name) const {
  // The label the form itself shows: form_keep.LANG.json names the fields of every
  // staff form, the settings page's come from their keys ("organisation-name" →
  // settings_key_organisation_name); a field of no known form shows its name.
  if (const auto* label = renderer_.find_text(lang, "kept_field_" + name)) return *label;
  std::string settings_key = "settings_key_" + name;
  std::replace(settings_key.begin(), settings_key.end(), '-', '_');
  if (const auto* label = renderer_.find_text(lang, settings_key)) return *label;
  return name;
}

void StaffAccess::show_kept(const httplib::Request& req, httplib::Response& res) {
  auto user = require(req, res, {Role::kAdmin, Role::kStaff, Role::kSecretary, Role::kReviewer});
  if (!user) return;
  std::string lang = language(req, res);
  auto kept = take_from_browser(*user, req, req.matches[1], std::nullopt);
  if (!kept) {
    return web::message_page(res, renderer_, lang, 404, "staff_kept_gone",
                             {{"link_href", kHome}, {"link_text", renderer_.text(lang, "staff_go_home")}});
  }
  nlohmann::json fields = nlohmann::json::array(), shown = nlohmann::json::array();
  for (const auto& [name, value] : kept->fields) {
    fields.push_back({{"name", name}, {"value", value}});
    if (!trim(value).empty()) shown.push_back({{"label", field_label(lang, name)}, {"value", value}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "staff_kept_heading")},
                     {"action", kept->path},
                     {"csrf", user->csrf},
                     {"fields", fields},
                     {"shown", shown},
                     {"has_shown", !shown.empty()},
                     {"file_left_out", kept->file_left_out}};
  web::send_html(res, 200, page(*user, "staff_kept", ctx, lang));
}

// The layout's {{#staff}}: who is logged in, the links the role may use, the logout form.
nlohmann::json StaffAccess::navigation_of(const StaffUser& user, const std::string& lang) const {
  nlohmann::json links = nlohmann::json::array();
  for (const auto& entry : navigation()) {
    if (allowed(entry, user.role)) {
      links.push_back({{"href", entry.href}, {"text", renderer_.text(lang, entry.text_key)}});
    }
  }
  return {{"name", user.name},
          {"role", renderer_.text(lang, std::string("staff_role_") + role_name(user.role))},
          {"links", std::move(links)},
          {"csrf", user.csrf}};
}

std::string StaffAccess::page(const StaffUser& user, const std::string& name, nlohmann::json ctx,
                              const std::string& lang) const {
  ctx["staff"] = navigation_of(user, lang);
  return renderer_.page(name, ctx, lang);
}

std::string StaffAccess::page_from(const StaffUser& user, const std::string& name, web::TemplateData& ctx,
                                   const std::string& lang) const {
  // navigation_of() built as template data directly, its links and texts views of the
  // navigation and the catalogue (both live as long as the process): the JSON and its
  // conversion were a tenth of the complaint list's cost (bench/README.md, session 14).
  const auto& entries = navigation();
  web::TemplateData links = web::TemplateData::list(entries.size());
  for (const auto& entry : entries) {
    if (!allowed(entry, user.role)) continue;
    web::TemplateData link = web::TemplateData::object();
    link.set("href", web::TemplateData::view(entry.href))
        .set("text", web::TemplateData::view(renderer_.text(lang, entry.text_key)));
    links.push(std::move(link));
  }
  web::TemplateData staff = web::TemplateData::object();
  staff.set("name", user.name)
      .set("role", web::TemplateData::view(renderer_.text(lang, std::string("staff_role_") + role_name(user.role))))
      .set("links", std::move(links))
      .set("csrf", user.csrf);
  ctx.set("staff", std::move(staff));
  return renderer_.page_from(name, ctx, lang);
}

void StaffAccess::render_login(httplib::Response& res, int status, const std::string& lang,
                               const std::string& csrf, const std::string& name,
                               const std::string& next, const std::string& error_key) {
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "staff_login_heading")},
                     {"csrf", csrf},
                     {"name", name.substr(0, kMaxName)},
                     {"next", next}};
  if (!error_key.empty()) {
    ctx["error"] = renderer_.text(lang, error_key);
    // The title is read first on load: say at once that something went wrong.
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, renderer_.page("staff_login", ctx, lang));
}

void StaffAccess::show_login(const httplib::Request& req, httplib::Response& res) {
  std::string lang = language(req, res);
  std::string next = req.has_param("next") ? req.get_param_value("next") : kHome;
  if (!is_local_path(next)) next = kHome;
  if (current_user(req)) return web::redirect(res, next);
  auto token = web::cookie(req, login_cookie());
  if (!token || token->empty() || token->size() > kMaxSecret) {
    token = survey::new_secret();
    web::set_cookie(res, login_cookie(), *token, {kLoginCookieSeconds, options_.secure_cookies, "Strict"});
  }
  render_login(res, 200, lang, *token, "", next, "");
}

void StaffAccess::post_login(const httplib::Request& req, httplib::Response& res) {
  std::string lang = language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto token = web::cookie(req, login_cookie());
  if (!token || token->empty() || fields->count("csrf") != 1 ||
      !survey::equal_secrets(web::field(*fields, "csrf"), *token)) {
    return web::message_page(res, renderer_, lang, 403, "staff_csrf",
                             {{"link_href", "/login"}, {"link_text", renderer_.text(lang, "staff_go_to_login")}});
  }
  std::string name = trim(web::field(*fields, "navn"));
  std::string password = web::field(*fields, "adgangskode");
  std::string next = web::field(*fields, "next");
  if (!is_local_path(next)) next = kHome;

  const std::string client = web::client_address(req, options_.trust_forwarded_for);
  const std::int64_t t = now();
  auto attempt = throttle_.admit(name.substr(0, kMaxName), client, t);
  if (!attempt.admitted) {
    res.set_header("Retry-After", std::to_string(attempt.retry_after_seconds));
    return render_login(res, 429, lang, *token, name, next, "staff_login_rate_limited");
  }
  std::optional<db::StaffUserRow> user;
  if (!name.empty() && name.size() <= kMaxName) {
    user = db_.read([&](db::Connection& c) { return db::find_staff_user_by_name(c, name); });
  }
  // Always one argon2id verification and no write, so a refusal takes the same time
  // whatever its reason (the throttle has counted it already).
  bool verified = hasher_.verify(user ? user->password_hash : dummy_hash_,
                                 password.substr(0, kMaxPasswordBytes));
  if (!user || !user->active || !verified) {
    return render_login(res, 422, lang, *token, name, next, "staff_login_failed");
  }
  throttle_.succeeded(attempt);

  const std::string secret = survey::new_secret();
  const db::StaffSessionRow session{user->id, survey::new_secret(), t + options_.absolute_seconds,
                                    t + options_.idle_seconds};
  auto old = web::cookie(req, session_cookie());
  db_.write([&](db::Connection& c) {
    db::delete_expired_staff_sessions(c, t);
    if (old && !old->empty() && old->size() <= kMaxSecret) db::delete_staff_session(c, session_hash(*old));
    db::record_login_success(c, user->id);
    db::create_staff_session(c, session_hash(secret), session);
    db::keep_newest_staff_sessions(c, user->id, options_.max_sessions);
    db::record_audit(c, {user->id, user->name, "login", "user", std::to_string(user->id), "",
                         nlohmann::json{{"client", client}}.dump()});
  });
  web::set_cookie(res, session_cookie(), secret, {-1, options_.secure_cookies, "Strict"});
  web::set_cookie(res, login_cookie(), "", {0, options_.secure_cookies, "Strict"});
  web::redirect(res, next);
}

void StaffAccess::post_logout(const httplib::Request& req, httplib::Response& res) {
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, language(req, res), 400, "bad_request");
  auto user = require_post(req, res, *fields, {Role::kAdmin, Role::kStaff, Role::kSecretary, Role::kReviewer});
  if (!user) return;
  auto secret = web::cookie(req, session_cookie());
  db_.write([&](db::Connection& c) { db::delete_staff_session(c, session_hash(*secret)); });
  web::set_cookie(res, session_cookie(), "", {0, options_.secure_cookies, "Strict"});
  web::redirect(res, "/login");
}

void StaffAccess::show_home(const httplib::Request& req, httplib::Response& res) {
  auto user = require(req, res, {Role::kAdmin, Role::kStaff, Role::kSecretary, Role::kReviewer});
  if (!user) return;
  std::string lang = language(req, res);
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& entry : navigation()) {
    if (entry.href == kHome || !allowed(entry, user->role)) continue;
    tasks.push_back({{"href", entry.href},
                     {"text", renderer_.text(lang, entry.text_key)},
                     {"description", renderer_.text(lang, entry.description_key)}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "staff_home_heading")},
                     {"tasks", tasks},
                     {"has_tasks", !tasks.empty()},
                     {"language_href", std::string(kHome) + "?lang=" + renderer_.text(lang, "other_language_code")}};
  web::send_html(res, 200, page(*user, "staff_home", ctx, lang));
}

}  // namespace tilfreds::intake::staff
