// /undersoegelser/brevtekst: the administration edits the body of the letters and
// reminders (the settings letter.invitation and letter.reminder) and previews them
// as the letter will print them, before saving. Saving is audited by
// settings::save, as on /admin/indstillinger; an empty field goes back to the
// standard text.
#include "intake/dates.h"
#include "intake/fieldwork/fieldwork_routes.h"
#include "intake/fieldwork/letter_document.h"
#include "intake/settings/site_settings.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::fieldwork {

namespace {
using staff::Role;

struct TextField {
  const char* key;    // the setting
  const char* field;  // the form field
  bool reminder;
};
constexpr TextField kTextFields[] = {{"letter.invitation", "invitation", false},
                                     {"letter.reminder", "paamindelse", true}};
}  // namespace

void FieldworkRoutes::letter_text_page(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  Fields shown;
  const auto stored = settings::load(db_);
  for (const auto& f : kTextFields) shown.emplace(f.field, letter_text(stored, renderer_, f.reminder));
  render_letter_text(res, 200, *user, lang, shown, {}, false, req.has_param("gemt"));
}

void FieldworkRoutes::post_letter_text(const httplib::Request&, httplib::Response& res, const std::string& lang,
                                       const staff::StaffUser& user, const Fields& fields) {
  settings::Settings changes;
  for (const auto& f : kTextFields) {
    std::string text = web::field(fields, f.field);
    replace_all(text, "\r\n", "\n");  // a textarea posts CRLF
    changes[f.key] = text;
  }
  Problems problems;
  for (const auto& [key, value] : changes) {
    auto parsed = settings::parse_setting(key, value);
    problems.insert(problems.end(), parsed.problems.begin(), parsed.problems.end());
  }
  const bool preview = web::field(fields, "handling") == "vis";
  if (!problems.empty() || preview) {
    return render_letter_text(res, problems.empty() ? 200 : 422, user, lang, fields, problems, preview, false);
  }
  // The standard text saved unchanged is stored as "not set", so a later change of
  // the standard text reaches the letters.
  for (const auto& f : kTextFields) {
    if (trim(changes[f.key]) == letter_text({}, renderer_, f.reminder)) changes[f.key] = "";
  }
  problems = settings::save(db_, changes, user.id, user.name);
  if (!problems.empty()) return render_letter_text(res, 422, user, lang, fields, problems, false, false);
  web::redirect(res, "/undersoegelser/brevtekst?gemt=1");
}

void FieldworkRoutes::render_letter_text(httplib::Response& res, int status, const staff::StaffUser& user,
                                         const std::string& lang, const Fields& entered, const Problems& problems,
                                         bool preview, bool saved) {
  const auto stored = settings::load(db_);
  // The preview shows the close date of a wave closing today.
  const LetterContext context{false, today_iso(), today_iso(), options_.base_url};
  nlohmann::json texts = nlohmann::json::array();
  for (const auto& f : kTextFields) {
    nlohmann::json t{{"field", f.field},
                     {"id", std::string("f-") + f.field},
                     {"label", renderer_.text(lang, std::string("settings_key_") + (f.reminder ? "letter_reminder"
                                                                                             : "letter_invitation"))},
                     {"hint", renderer_.text(lang, std::string("settings_key_") + (f.reminder ? "letter_reminder_hint"
                                                                                            : "letter_invitation_hint"))},
                     {"value", web::field(entered, f.field)},
                     {"heading", renderer_.text("da", f.reminder ? "letter_reminder_heading" : "letter_heading")}};
    for (const auto& p : problems) {
      if (p.where == f.key) t["error"] = renderer_.text(lang, p.message);
    }
    if (preview) t["paragraphs"] = letter_paragraphs(web::field(entered, f.field), stored, renderer_, context);
    texts.push_back(std::move(t));
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& t : texts) {
    if (t.contains("error")) errors.push_back({{"anchor", t["id"]}, {"message", t["error"]}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "fieldwork_letter_text_heading")},
                     {"csrf", user.csrf},
                     {"texts", texts},
                     {"errors", errors},
                     {"has_errors", !errors.empty()},
                     {"preview", preview},
                     {"saved", saved}};
  if (!errors.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, access_.page(user, "fieldwork_letter_text", ctx, lang));
}

}  // namespace tilfreds::intake::fieldwork
