// The municipality's frame on a report document (issue 12): who publishes it in
// the title block and the running header of print, PDF and XLSX, and a colophon
// with how to reach them, the accessibility statement and the privacy notice.
// Taken from the settings the renderer holds (Renderer::site, published from
// intake/settings/site_frame.h), so a report shows what every page shows; a
// setting that is not there leaves its line out, never a blank or a dangling label.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "intake/reports/document.h"
#include "intake/web/render.h"

namespace tilfreds::intake::reports {

// "Lejre Kommune, Jobcenter Lejre": the document's own organisation when it sets
// one, else the settings' organisation.name and .unit; "" when neither is set.
std::string organisation_line(const Document& d, const web::Renderer& renderer);

// The colophon for templates/report.mustache: {"org", "phone", "phone_href",
// "hours", "email", "email_href", "url", "accessibility_url", "privacy_heading",
// "privacy" (the notice's paragraphs), "privacy_href" (only when `served`: a
// saved file or a PDF has no site to link back to)}, each only when set, and
// "has_any"/"has_contact". Privacy is the survey's notice, or the complaints'
// for a complaint document.
nlohmann::json colophon(const Document& d, const web::Renderer& renderer, bool served);

// The publisher as other systems read it in the JSON: name, unit, phone, hours,
// email, url, accessibility_url, each only when set.
nlohmann::json publisher(const Document& d, const web::Renderer& renderer);

}  // namespace tilfreds::intake::reports
