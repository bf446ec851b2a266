#include "intake/complaints/public_form.h"

#include <ctime>

#include "db/offer_store.h"
#include "intake/complaints/form_view.h"
#include "intake/complaints/handling.h"
#include "intake/dates.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::complaints {

namespace {
std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// The posted fields that are valid UTF-8, and whether any was not: the form comes
// back with what could be read instead of a bare 400.
std::pair<Fields, bool> readable_fields(const httplib::Request& req) {
  Fields out;
  bool dropped = false;
  auto keep = [&](const std::string& k, const std::string& v) {
    if (is_valid_utf8(k) && is_valid_utf8(v)) {
      out.emplace(k, v);
    } else {
      dropped = true;
    }
  };
  for (const auto& [k, v] : req.params) keep(k, v);
  for (const auto& [k, f] : req.files) {
    if (f.filename.empty()) keep(k, f.content);
  }
  return {out, dropped};
}
}  // namespace

PublicForm::PublicForm(db::Database& db, const web::Renderer& renderer, PublicFormOptions options,
                       FormStamp stamp)
    : db_(db),
      renderer_(renderer),
      options_(options),
      stamp_(std::move(stamp)),
      posts_(options.posts_per_window, options.window) {}

void PublicForm::attach(web::Router& s) {
  s.Get("/klage", [this](const httplib::Request& req, httplib::Response& res) { show(req, res); });
  s.Post("/klage", [this](const httplib::Request& req, httplib::Response& res) { post(req, res); });
}

void PublicForm::show(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  render(res, 200, lang, {}, {});
}

void PublicForm::render(httplib::Response& res, int status, const std::string& lang,
                        const Fields& entered, const Problems& problems) {
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c, true); });
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_public_heading")},
                     {"language_href", "/klage?lang=" + renderer_.text(lang, "other_language_code")},
                     {"stamp", stamp_.issue(unix_now())},
                     {"handling_days", std::to_string(options_.handling_days)},
                     {"max_text", std::to_string(kMaxTextChars)},
                     {"honeypot", kHoneypot}};
  add_form(ctx, renderer_, lang, entered, offers, problems);
  if (!problems.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, renderer_.page("complaint_public", ctx, lang));
}

void PublicForm::post(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  auto [fields, dropped] = readable_fields(req);
  const std::string client = web::client_address(req, options_.trust_forwarded_for);
  if (posts_.exhausted(client)) {
    res.set_header("Retry-After", "3600");
    return render(res, 429, lang, fields, {{"tekst", "complaint_error_rate_limited"}});
  }
  posts_.record(client);
  if (dropped) return render(res, 400, lang, fields, {{"tekst", "complaint_error_encoding"}});
  if (!web::field(fields, kHoneypot).empty()) {
    return render(res, 422, lang, fields, {{"tekst", "complaint_error_honeypot"}});
  }
  switch (stamp_.check(web::field(fields, "stempel"), unix_now(), options_.min_fill_seconds,
                       options_.max_form_age_seconds)) {
    case StampCheck::kOk:
      break;
    case StampCheck::kTooFast:
      return render(res, 422, lang, fields, {{"tekst", "complaint_error_too_fast"}});
    case StampCheck::kInvalid:
    case StampCheck::kTooOld:
      return render(res, 422, lang, fields, {{"tekst", "complaint_error_form_expired"}});
  }
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c, true); });
  IntakeRules rules{today_iso(), options_.handling_days, false};
  auto parsed = parse_new_complaint(fields, offers, rules);
  if (!parsed.ok()) return render(res, 422, lang, fields, parsed.problems);
  Registered saved;
  try {
    saved = register_complaint(db_, *parsed.value, Actor{std::nullopt, "klageformular"});
  } catch (const db::Unavailable&) {
    res.set_header("Retry-After", "5");
    return render(res, 503, lang, fields, {{"tekst", "complaint_error_busy"}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_receipt_heading")},
                     {"receipt", saved.receipt},
                     {"handling_days", std::to_string(options_.handling_days)},
                     {"deadline", parsed.value->deadline}};
  web::send_html(res, 200, renderer_.page("complaint_receipt", ctx, lang));
}

}  // namespace tilfreds::intake::complaints
