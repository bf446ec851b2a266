// The public complaint form at /klage: anyone can file a complaint without
// logging in; name and contact are optional. After sending, the page shows a
// receipt number and the expected handling time — and nothing else: there is no
// public lookup, so a receipt number cannot open anyone's complaint.
//
// A form is stored once (issue 12): it carries a random idempotency key, a post
// whose key stored a complaint already finds that complaint, and a stored post is
// answered 303 to /klage/kvittering (POST-redirect-GET), which shows the receipt of
// the key in a short-lived cookie: a reload, a double click or back-and-resend
// files nothing new. Only stored complaints count towards posts_per_window;
// refused attempts (errors, bots, too fast) have their own, larger limit, so a
// citizen who gets the form wrong a few times is not locked out.
//
// Abuse is limited without a captcha service: posts per client address per hour,
// a honeypot field that people never see (hidden by a CSS class, not inline
// style, so the CSP holds), a minimum fill time proven by a signed time stamp
// (form_stamp.h), and the text cap of complaint.h. The form posts
// multipart/form-data: cpp-httplib 0.11.4 refuses urlencoded bodies over 8 KiB.
#pragma once

#include <httplib.h>

#include <chrono>

#include "db/database.h"
#include "intake/complaints/complaint.h"
#include "intake/complaints/form_stamp.h"
#include "intake/web/rate_limit.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::complaints {

struct PublicFormOptions {
  bool secure_cookies = false;
  bool trust_forwarded_for = false;
  int handling_days = kDefaultHandlingDays;
  int posts_per_window = 5;      // stored complaints per client address
  int refusals_per_window = 30;  // refused attempts per client address
  std::chrono::minutes window{60};
  int min_fill_seconds = 5;
  int max_form_age_seconds = 4 * 60 * 60;  // a long complaint takes time to write
};

class PublicForm {
 public:
  // `shared`: where the posts are counted when servers share the database.
  PublicForm(db::Database& db, const web::Renderer& renderer, PublicFormOptions options, web::SharedLimits shared,
             FormStamp stamp = FormStamp());
  void attach(web::Router& routes);

  // The honeypot's field name (tests fill it in as a bot would).
  static constexpr const char* kHoneypot = "hjemmeside";

 private:
  void show(const httplib::Request& req, httplib::Response& res);
  void post(const httplib::Request& req, httplib::Response& res);
  void receipt(const httplib::Request& req, httplib::Response& res);
  // The form with what was `entered` kept (its key too), field problems beside their
  // fields and `notice_key`, a refusal that belongs to no field, above the form.
  void render(httplib::Response& res, int status, const std::string& lang, const Fields& entered,
              const Problems& problems, const std::string& notice_key = {});

  db::Database& db_;
  const web::Renderer& renderer_;
  PublicFormOptions options_;
  FormStamp stamp_;
  web::RateLimiter posts_;
  web::RateLimiter refusals_;
};

}  // namespace tilfreds::intake::complaints
