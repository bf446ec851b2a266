// The settings as every page's layout shows them: header (the municipality's name
// and unit), footer (phone and hours, e-mail, the accessibility statement, the
// privacy notices) and the sentence "Ring til … på …" that dead ends and refusals
// end with. Built once per save, for each language, and handed to the renderer as
// an immutable snapshot (web::Renderer::set_site), so a page pays nothing for it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "db/database.h"
#include "intake/settings/site_settings.h"
#include "intake/web/render.h"

namespace tilfreds::intake::settings {

// The layout's "site" object for `lang`: name, unit, who (unit, else name, else the
// UI text "jobcentret"), phone, phone_href, hours, email, email_href, url,
// accessibility_url — each only when set —, "call", a whole sentence telling the
// reader how to reach the jobcentre (with the number when there is one), and
// survey_notice / complaints_notice, the paragraphs of privacy.survey / .complaints.
nlohmann::json frame(const Settings& s, const web::Renderer& renderer, const std::string& lang);

// Makes `s` the frame of every page from now on.
void publish(const Settings& s, const web::Renderer& renderer);

// Loads the stored settings and publishes them (server start-up).
void publish(db::Database& db, const web::Renderer& renderer);

// The paragraphs of a long setting (privacy.*): split at blank lines, each trimmed.
nlohmann::json paragraphs(const std::string& text);

// Plausible settings of a Danish municipality for the demo (Lejre-like).
const Settings& demo_settings();

// Stores demo_settings() for the keys that are not set yet.
void ensure_demo_settings(db::Database& db);

}  // namespace tilfreds::intake::settings
