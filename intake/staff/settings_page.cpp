#include "intake/staff/settings_page.h"

#include "intake/settings/site_frame.h"
#include "intake/staff/access.h"
#include "intake/web/http.h"

namespace tilfreds::intake::staff {

namespace {
// "organisation.name" → "settings_key_organisation_name", the key's label text.
std::string text_key(const std::string& key, const char* suffix) {
  std::string k = "settings_key_" + key;
  for (auto& c : k) {
    if (c == '.') c = '_';
  }
  return k + suffix;
}
}  // namespace

SettingsPage::SettingsPage(StaffAccess& access, db::Database& db, const web::Renderer& renderer)
    : access_(access), db_(db), renderer_(renderer) {}

void SettingsPage::attach(web::Router& s) {
  s.Get("/admin/indstillinger", web::member_route(this, &SettingsPage::show));
  s.Post("/admin/indstillinger", web::member_route(this, &SettingsPage::post));
}

void SettingsPage::render(httplib::Response& res, int status, const StaffUser& user, const std::string& lang,
                          const settings::Settings& values, const Problems& problems, bool saved) {
  std::map<std::string, std::string> error_of;
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& p : problems) {
    const auto* info = settings::find_key(p.where);
    std::string anchor = info ? std::string("f-") + info->field : "indhold";
    const std::string& message = renderer_.text(lang, p.message);
    errors.push_back({{"anchor", anchor}, {"message", message}});
    error_of.emplace(p.where, message);
  }
  auto missing = settings::missing_for_public_site(values);
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& k : settings::known_keys()) {
    auto v = values.find(k.key);
    nlohmann::json f{{"key", k.key},
                     {"name", k.field},
                     {"id", std::string("f-") + k.field},
                     {"label", renderer_.text(lang, text_key(k.key, ""))},
                     {"hint", renderer_.text(lang, text_key(k.key, "_hint"))},
                     {"value", v == values.end() ? "" : v->second},
                     {"long", k.kind == settings::Kind::kLongText || k.kind == settings::Kind::kLetterText},
                     {"needed", std::find(missing.begin(), missing.end(), k.key) != missing.end()},
                     {"type", k.kind == settings::Kind::kUrl     ? "url"
                              : k.kind == settings::Kind::kEmail ? "email"
                              : k.kind == settings::Kind::kPhone ? "tel"
                                                                 : "text"}};
    if (auto e = error_of.find(k.key); e != error_of.end()) f["error"] = e->second;
    fields.push_back(f);
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "settings_heading")},
                     {"csrf", user.csrf},
                     {"fields", fields},
                     {"errors", errors},
                     {"has_errors", !problems.empty()},
                     {"has_missing", !missing.empty()},
                     {"saved", saved}};
  if (!problems.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, access_.page(user, "admin_settings", ctx, lang));
}

void SettingsPage::show(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin});
  if (!user) return;
  render(res, 200, *user, access_.language(req, res), settings::load(db_), {}, req.has_param("gemt"));
}

void SettingsPage::post(const httplib::Request& req, httplib::Response& res) {
  std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto user = access_.require_post(req, res, *fields, {Role::kAdmin});
  if (!user) return;
  settings::Settings entered;
  for (const auto& k : settings::known_keys()) {
    if (fields->count(k.field) > 1) return web::message_page(res, renderer_, lang, 400, "bad_request");
    entered[k.key] = web::field(*fields, k.field);
  }
  auto problems = settings::save(db_, entered, user->id, user->name);
  if (!problems.empty()) return render(res, 422, *user, lang, entered, problems, false);
  settings::publish(db_, renderer_);
  web::redirect(res, "/admin/indstillinger?gemt=1");
}

}  // namespace tilfreds::intake::staff
