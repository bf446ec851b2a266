#include "intake/complaints/public_form.h"

#include <ctime>

#include "db/complaint_store.h"
#include "db/form_key_store.h"
#include "db/offer_store.h"
#include "intake/complaints/form_view.h"
#include "intake/complaints/handling.h"
#include "intake/dates.h"
#include "intake/survey/tokens.h"
#include "intake/text.h"
#include "intake/web/http.h"
#include "intake/web/long_date.h"

namespace tilfreds::intake::complaints {

namespace {
constexpr const char* kFormKey = "noegle";
constexpr const char* kReceiptCookie = "tf_kvittering";
constexpr int kReceiptCookieSeconds = 24 * 60 * 60;
constexpr const char* kLanguageButton = "sprog";

std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// A key as new_secret() writes it (base64url, no padding); anything else is ignored
// rather than stored, so the key column holds no text a visitor chose.
bool looks_like_key(const std::string& k) {
  return k.size() >= 16 && k.size() <= 64 && k.find_first_not_of(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

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
                       web::SharedLimits shared, FormStamp stamp)
    : db_(db),
      renderer_(renderer),
      options_(options),
      stamp_(std::move(stamp)),
      // Several servers on one PostgreSQL database count a client's posts together.
      posts_(options.posts_per_window, options.window, shared, "complaint_post"),
      refusals_(options.refusals_per_window, options.window, std::move(shared), "complaint_refusal") {}

void PublicForm::attach(web::Router& s) {
  s.Get("/klage", web::member_route(this, &PublicForm::show));
  s.Post("/klage", web::member_route(this, &PublicForm::post));
  s.Get("/klage/kvittering", web::member_route(this, &PublicForm::receipt));
}

void PublicForm::show(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  render(res, 200, lang, {}, {});
}

void PublicForm::render(httplib::Response& res, int status, const std::string& lang,
                        const Fields& entered, const Problems& problems, const std::string& notice_key) {
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c, true); });
  std::string key = web::field(entered, kFormKey);
  if (!looks_like_key(key)) key = survey::new_secret();
  const std::string other = renderer_.text(lang, "other_language_code");
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_public_heading")},
                     {"language_button", {{"form", "klageformular"}, {"name", kLanguageButton}, {"value", other}}},
                     {"privacy", "complaints"},
                     {"stamp", stamp_.issue(unix_now())},
                     {"form_key", key},
                     {"handling_days", std::to_string(options_.handling_days)},
                     {"max_text", std::to_string(kMaxTextChars)},
                     {"honeypot", kHoneypot}};
  add_form(ctx, renderer_, lang, entered, offers, problems);
  if (!notice_key.empty()) {
    ctx["notice"] = renderer_.text(lang, notice_key);
    ctx["has_errors"] = true;
  }
  if (!problems.empty() || !notice_key.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, renderer_.page("complaint_public", ctx, lang));
}

void PublicForm::post(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  // Named, not a structured binding: clang 14 (the fuzz build) cannot capture those in lambdas.
  auto readable = readable_fields(req);
  auto& fields = readable.first;
  auto& dropped = readable.second;
  // The header's language button submits this form: the page comes back in the other
  // language with everything typed, and nothing is checked or stored.
  if (fields.count(kLanguageButton) == 1) {
    std::string to = renderer_.language(web::field(fields, kLanguageButton));
    web::set_cookie(res, "sprog", to, {60 * 60 * 24 * 365, options_.secure_cookies, "Lax"});
    fields.erase(kLanguageButton);
    return render(res, 200, to, fields, {});
  }
  const std::string client = web::client_address(req, options_.trust_forwarded_for);
  if (refusals_.exhausted(client)) {
    res.set_header("Retry-After", "3600");
    return render(res, 429, lang, fields, {}, "complaint_notice_rate_limited");
  }
  auto refuse = [&](int status, const Problems& problems, const std::string& notice) {
    refusals_.record(client);
    render(res, status, lang, fields, problems, notice);
  };
  if (dropped) return refuse(400, {}, "complaint_error_encoding");
  if (!web::field(fields, kHoneypot).empty()) return refuse(422, {}, "complaint_error_honeypot");
  auto offers = db_.read([](db::Connection& c) { return db::list_offers(c, true); });
  IntakeRules rules{today_iso(), options_.handling_days, false};
  auto parsed = parse_new_complaint(fields, offers, rules);
  // The form's own errors first: a person who sent an empty form at once needs to
  // know what is missing, not that they were quick.
  if (!parsed.ok()) return refuse(422, parsed.problems, "");
  switch (stamp_.check(web::field(fields, "stempel"), unix_now(), options_.min_fill_seconds,
                       options_.max_form_age_seconds)) {
    case StampCheck::kOk:
      break;
    case StampCheck::kTooFast:
      return refuse(422, {}, "complaint_notice_too_fast");
    case StampCheck::kInvalid:
    case StampCheck::kTooOld:
      return refuse(422, {}, "complaint_error_form_expired");
  }
  std::string key = web::field(fields, kFormKey);
  if (!looks_like_key(key) || fields.count(kFormKey) != 1) key.clear();
  if (posts_.exhausted(client)) {
    // A resend of a form already stored is not a new complaint: it still gets its receipt.
    bool stored = !key.empty() && db_.read([&](db::Connection& c) { return db::find_form_key(c, key).has_value(); });
    if (!stored) {
      res.set_header("Retry-After", "3600");
      return render(res, 429, lang, fields, {}, "complaint_notice_rate_limited");
    }
  }
  Registered saved;
  try {
    saved = register_complaint(db_, *parsed.value, Actor{std::nullopt, "klageformular"}, key);
  } catch (const db::Unavailable&) {
    res.set_header("Retry-After", "5");
    return render(res, 503, lang, fields, {}, "complaint_error_busy");
  }
  if (!saved.repeated) posts_.record(client);
  if (key.empty()) {
    // A form without a key (an old page, a script) still gets its receipt once.
    key = survey::new_secret();
    db_.write([&](db::Connection& c) { db::record_form_key(c, key, saved.id, unix_now(), 2 * 24 * 60 * 60); });
  }
  web::set_cookie(res, kReceiptCookie, key, {kReceiptCookieSeconds, options_.secure_cookies, "Strict"});
  web::redirect(res, "/klage/kvittering");
}

void PublicForm::receipt(const httplib::Request& req, httplib::Response& res) {
  std::string lang = web::request_language(req, res, renderer_, options_.secure_cookies);
  auto key = web::cookie(req, kReceiptCookie);
  std::optional<db::ComplaintRow> row;
  if (key && looks_like_key(*key)) {
    row = db_.read([&](db::Connection& c) -> std::optional<db::ComplaintRow> {
      auto id = db::find_form_key(c, *key);
      return id ? db::find_complaint(c, *id) : std::nullopt;
    });
  }
  if (!row) {
    return web::message_page(res, renderer_, lang, 404, "complaint_receipt_gone",
                             {{"link_href", "/klage"}, {"link_text", renderer_.text(lang, "complaint_write_new")},
                              {"privacy", "complaints"}});
  }
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "complaint_receipt_heading")},
                     {"privacy", "complaints"},
                     {"receipt", row->receipt},
                     {"received", web::long_date(renderer_, lang, row->state.received_on)},
                     {"handling_days", std::to_string(options_.handling_days)},
                     {"deadline", web::long_date(renderer_, lang, row->state.deadline)}};
  web::send_html(res, 200, renderer_.page("complaint_receipt", ctx, lang));
}

}  // namespace tilfreds::intake::complaints
