#include "intake/settings/site_frame.h"

#include "intake/text.h"

namespace tilfreds::intake::settings {

namespace {
std::string get(const Settings& s, const char* key) {
  auto it = s.find(key);
  return it == s.end() ? std::string() : it->second;
}
}  // namespace

nlohmann::json frame(const Settings& s, const web::Renderer& r, const std::string& lang) {
  nlohmann::json f = nlohmann::json::object();
  auto put = [&](const char* name, const char* key) {
    if (auto v = get(s, key); !v.empty()) f[name] = v;
  };
  put("name", "organisation.name");
  put("unit", "organisation.unit");
  put("phone", "contact.phone");
  put("hours", "contact.hours");
  put("email", "contact.email");
  put("url", "contact.url");
  put("accessibility_url", "accessibility.url");
  std::string who = get(s, "organisation.unit");
  if (who.empty()) who = get(s, "organisation.name");
  if (who.empty()) who = r.text(lang, "site_who_default");
  f["who"] = who;
  std::string phone = get(s, "contact.phone"), hours = get(s, "contact.hours");
  if (!phone.empty()) f["phone_href"] = phone_href(phone);
  if (auto email = get(s, "contact.email"); !email.empty()) f["email_href"] = "mailto:" + email;
  std::string call = r.text(lang, phone.empty() ? "site_call_no_phone"
                                  : hours.empty() ? "site_call"
                                                  : "site_call_hours");
  replace_all(call, "{who}", who);
  replace_all(call, "{phone}", phone);
  replace_all(call, "{hours}", hours);
  f["call"] = call;
  f["has_contact"] = !phone.empty() || f.contains("email");
  // The data controller's own words on the privacy notices, one paragraph per blank line.
  f["survey_notice"] = paragraphs(get(s, "privacy.survey"));
  f["complaints_notice"] = paragraphs(get(s, "privacy.complaints"));
  return f;
}

void publish(const Settings& s, const web::Renderer& renderer) {
  nlohmann::json by_language = nlohmann::json::object();
  for (const char* lang : {"da", "en"}) {
    if (renderer.language(lang) == lang) by_language[lang] = frame(s, renderer, lang);
  }
  renderer.set_site(std::move(by_language));
}

void publish(db::Database& db, const web::Renderer& renderer) { publish(load(db), renderer); }

nlohmann::json paragraphs(const std::string& text) {
  nlohmann::json out = nlohmann::json::array();
  std::string t = text;
  replace_all(t, "\r\n", "\n");
  std::size_t pos = 0;
  while (pos <= t.size()) {
    std::size_t end = t.find("\n\n", pos);
    if (end == std::string::npos) end = t.size();
    std::string p = trim(t.substr(pos, end - pos));
    if (!p.empty()) out.push_back(p);
    pos = end + 2;
  }
  return out;
}

const Settings& demo_settings() {
  static const Settings demo = {
      {"organisation.name", "Lejre Kommune"},
      {"organisation.unit", "Jobcenter Lejre"},
      {"contact.phone", "46 46 46 46"},
      {"contact.hours", "man.–tors. 9–15, fre. 9–13"},
      {"contact.email", "jobcenter@lejre.dk"},
      {"contact.url", "https://www.lejre.dk/borger/job-og-ledighed"},
      {"accessibility.url", "https://www.was.digst.dk/lejre-dk"},
      {"privacy.survey",
       "Lejre Kommune, Møllebjergvej 4, 4330 Hvalsø, er dataansvarlig for undersøgelsen. "
       "Du kan kontakte kommunens databeskyttelsesrådgiver på dpo@lejre.dk.\n\n"
       "Jobcentret bruger undersøgelsen til at forbedre sine samtaler og tilbud."},
      {"privacy.complaints",
       "Lejre Kommune, Møllebjergvej 4, 4330 Hvalsø, er dataansvarlig for klager over jobcentret. "
       "Du kan kontakte kommunens databeskyttelsesrådgiver på dpo@lejre.dk.\n\n"
       "Vi behandler klagen efter forvaltningsloven og databeskyttelsesforordningens artikel 6, stk. 1, litra e."},
  };
  return demo;
}

void ensure_demo_settings(db::Database& db) {
  Settings current = load(db), missing;
  for (const auto& [key, value] : demo_settings()) {
    if (!current.count(key)) missing[key] = value;
  }
  if (!missing.empty()) save(db, missing, std::nullopt, "demo");
}

}  // namespace tilfreds::intake::settings
