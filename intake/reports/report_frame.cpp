#include "intake/reports/report_frame.h"

namespace tilfreds::intake::reports {

namespace {
using nlohmann::json;

std::string str(const json& site, const char* key) {
  auto it = site.find(key);
  return it != site.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void copy(json& out, const json& site, const char* key) {
  if (auto v = str(site, key); !v.empty()) out[key] = v;
}
}  // namespace

std::string organisation_line(const Document& d, const web::Renderer& renderer) {
  if (!d.organisation.empty()) return d.organisation;
  const json site = renderer.site(d.lang);
  std::string name = str(site, "name"), unit = str(site, "unit");
  if (name.empty()) return unit;
  return unit.empty() ? name : name + ", " + unit;
}

nlohmann::json publisher(const Document& d, const web::Renderer& renderer) {
  const json site = renderer.site(d.lang);
  json out = json::object();
  for (const char* key : {"name", "unit", "phone", "hours", "email", "url", "accessibility_url"}) copy(out, site, key);
  if (!out.contains("name") && !d.organisation.empty()) out["name"] = d.organisation;
  return out;
}

nlohmann::json colophon(const Document& d, const web::Renderer& renderer, bool served) {
  const json site = renderer.site(d.lang);
  const std::string lang = renderer.language(d.lang);
  json c = json::object();
  for (const char* key : {"phone", "phone_href", "hours", "email", "email_href", "url", "accessibility_url"}) {
    copy(c, site, key);
  }
  if (auto org = organisation_line(d, renderer); !org.empty()) c["org"] = org;
  const bool complaints = d.privacy == Document::Privacy::kComplaints;
  const json notice = site.value(complaints ? "complaints_notice" : "survey_notice", json::array());
  if (notice.is_array() && !notice.empty()) c["privacy"] = notice;
  if (served) c["privacy_href"] = complaints ? "/privatliv/klager" : "/privatliv/undersoegelse";
  if (c.contains("privacy") || c.contains("privacy_href")) {
    c["privacy_heading"] = renderer.text(lang, complaints ? "site_privacy_complaints" : "site_privacy_survey");
  }
  const bool any = !c.empty();
  c["has_contact"] = c.contains("phone") || c.contains("email");
  c["has_any"] = any;
  return c;
}

}  // namespace tilfreds::intake::reports
