// The citizen's path: the letter link or the code, the intro, one page per theme,
// submission and the thank-you page (issue 2).
//
// The letter link /s/{token} is exchanged for a short-lived cookie and a redirect
// to the token-free /svar (OWASP ASVS 3.1.1); the link keeps working to resume on
// another device. Answers are saved as a draft on every page; submission moves
// them to an anonymous response (submission.h).
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>

#include "db/database.h"
#include "db/invitee_store.h"
#include "db/survey_store.h"
#include "intake/survey/answers.h"
#include "intake/survey/page_view.h"
#include "intake/survey/questionnaire.h"
#include "intake/survey/questionnaire_pages.h"
#include "intake/survey/submission.h"
#include "intake/survey/tokens.h"
#include "intake/web/rate_limit.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::survey {

struct CitizenOptions {
  bool secure_cookies = false;
  bool trust_forwarded_for = false;  // behind nginx on loopback (README, production)
  int session_seconds = 2 * 60 * 60;
  int code_attempts = 10;  // failed codes per client address per window
  std::chrono::minutes code_window{15};
  // Where submissions are mixed before they become responses (PostgreSQL), the
  // fewest one mix stores while a wave is open (submission.h).
  std::int64_t mix_batch = kMixBatch;
};

class CitizenRoutes {
 public:
  // `key` is the database's token key (open_key_file): links and codes are looked up
  // by their keyed hash.
  // `shared`: where wrong codes are counted when servers share the database.
  CitizenRoutes(db::Database& db, const TokenKey& key, const web::Renderer& renderer, CitizenOptions options,
                web::SharedLimits shared);
  void attach(web::Router& routes);

 private:
  struct Visit;  // the invitee, wave and questionnaire behind a request's cookie

  void open_link(const httplib::Request& req, httplib::Response& res);
  void show_code(const httplib::Request& req, httplib::Response& res);
  void enter_code(const httplib::Request& req, httplib::Response& res);
  void show_page(const httplib::Request& req, httplib::Response& res);
  void post_page(const httplib::Request& req, httplib::Response& res);

  // Sends the page for an invitee who cannot answer now (done, closed, inactive);
  // returns false if they can.
  bool refuse_if_not_answering(const db::InviteeRow& invitee, const db::WaveRow& wave,
                               httplib::Response& res, const std::string& lang);
  void begin_session(const db::InviteeRow& invitee, httplib::Response& res, const std::string& lang);
  std::optional<Visit> visit(const httplib::Request& req);
  std::shared_ptr<const Questionnaire> questionnaire(const db::WaveRow& wave);

  void render(httplib::Response& res, int status, const Visit& v, const PageView& view,
              const std::string& lang);
  // Saves `answers` as the draft at `page`; on a busy database sends the page back
  // (503, view.busy) and returns false.
  bool save_draft(const Visit& v, const Answers& answers, std::size_t page, httplib::Response& res,
                  PageView& view, const std::string& lang);
  // The page for a request without a citizen session: "sent" after a submission
  // (the back button), else "expired".
  void no_session(const httplib::Request& req, httplib::Response& res, const std::string& lang);

  db::Database& db_;
  const TokenKey key_;
  const web::Renderer& renderer_;
  CitizenOptions options_;
  MixPolicy mix_;
  web::RateLimiter code_failures_;
  std::mutex cache_mu_;
  std::map<std::int64_t, std::shared_ptr<const Questionnaire>> questionnaires_;  // by wave id
  QuestionnairePagesCache pages_;  // their pages' shared data, by version and language
};

}  // namespace tilfreds::intake::survey
