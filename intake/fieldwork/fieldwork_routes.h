// The survey administration in the browser (issue 14), under /undersoegelser:
// questionnaires (upload, versions, preview), waves (create, dates, close early),
// the invitation frame (check, import with a progress page, letters), marking
// invitees, the progress of a wave and earlier years' counts. Each page calls the
// same function as its command (administration.h, progress.h).
//
// Who may do what (checked on every request):
//   GET  /undersoegelser, /undersoegelser/runder/{id}/fremdrift   admin, secretary, staff
//   everything else                                               admin, secretary
// Letters (GET …/breve: CSV; POST …/breve: CSV, PDF or zip) and reminders (POST
// …/paamindelser: a reminder round is recorded) carry each citizen's own link:
// audited, never cached. PDF and zip are made by a job with a progress page
// (/undersoegelser/breve/{job}, its file once at …/fil), as the frame import is
// (/undersoegelser/import/{job}, its letters once at …/breve.csv).
// Every POST needs the session's CSRF token; uploads post multipart/form-data
// (the library refuses urlencoded bodies over 8 KiB) and may be as large as the
// server's upload limit (web::ServerOptions::max_upload_bytes).
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/survey_store.h"
#include "intake/fieldwork/jobs.h"
#include "intake/fieldwork/letters.h"
#include "intake/problem.h"
#include "intake/staff/access.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::fieldwork {

struct FieldworkOptions {
  std::string base_url = "http://127.0.0.1:8080";  // printed in the letters
  // Opens an invitee's sealed link and code for letters made again (letters.h);
  // empty: the secrets the import sealed under the key file (sealed_secret_opener).
  SecretOpener open;
};

class FieldworkRoutes {
 public:
  FieldworkRoutes(db::Database& db, const survey::TokenKey& key, const web::Renderer& renderer,
                  staff::StaffAccess& access,
                  FieldworkOptions options);
  void attach(web::Router& router);

 private:
  using Fields = std::multimap<std::string, std::string>;
  using PostHandler = void (FieldworkRoutes::*)(const httplib::Request&, httplib::Response&, const std::string& lang,
                                                const staff::StaffUser& user, const Fields& fields);
  httplib::Server::Handler post_route(PostHandler handler);

  void overview(const httplib::Request& req, httplib::Response& res);
  void post_questionnaire(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                          const staff::StaffUser& user, const Fields& fields);
  void preview(const httplib::Request& req, httplib::Response& res);
  void post_wave(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                 const staff::StaffUser& user, const Fields& fields);
  void wave_page(const httplib::Request& req, httplib::Response& res);
  void post_dates(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                  const staff::StaffUser& user, const Fields& fields);
  void post_close(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                  const staff::StaffUser& user, const Fields& fields);
  void post_frame(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                  const staff::StaffUser& user, const Fields& fields);
  void job_page(const httplib::Request& req, httplib::Response& res);
  void job_file(const httplib::Request& req, httplib::Response& res);
  // The job named by the path's id, if `user` started it and the path is its kind's.
  std::optional<JobState> job_of(const httplib::Request& req, const staff::StaffUser& user);
  void post_mark(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                 const staff::StaffUser& user, const Fields& fields);
  void progress(const httplib::Request& req, httplib::Response& res);
  void letters(const httplib::Request& req, httplib::Response& res);
  void post_reminders(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                      const staff::StaffUser& user, const Fields& fields);
  void post_letters(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                    const staff::StaffUser& user, const Fields& fields);
  // The letters (or reminders) in the format of `fields` ("format"; none: CSV).
  void send_letters(httplib::Response& res, const std::string& lang, const staff::StaffUser& user,
                    const db::WaveRow& wave, bool reminder, const Fields& fields);
  void refuse_unopened(httplib::Response& res, const std::string& lang, const db::WaveRow& wave,
                       std::size_t unopened);
  void letter_text_page(const httplib::Request& req, httplib::Response& res);
  void post_letter_text(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                        const staff::StaffUser& user, const Fields& fields);
  // The letter text form with what was entered, its problems and, when
  // `preview`, each text as the letter prints it.
  void render_letter_text(httplib::Response& res, int status, const staff::StaffUser& user, const std::string& lang,
                          const Fields& entered, const Problems& problems, bool preview, bool saved);
  void counts_page(const httplib::Request& req, httplib::Response& res);
  void post_counts(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                   const staff::StaffUser& user, const Fields& fields);

  // The overview, with `problems` from a refused form and its values kept.
  void render_overview(httplib::Response& res, int status, const staff::StaffUser& user, const std::string& lang,
                       const Fields& entered, const Problems& problems, const std::string& form);
  void render_wave(httplib::Response& res, int status, const staff::StaffUser& user, const std::string& lang,
                   const db::WaveRow& wave, const Fields& entered, const Problems& problems,
                   const std::string& form, nlohmann::json extra = nlohmann::json::object());
  void render_counts(httplib::Response& res, int status, const staff::StaffUser& user, const std::string& lang,
                     const Fields& entered, const Problems& problems);
  // The wave named by the path's first number, or a 404 page and nullopt.
  std::optional<db::WaveRow> wave_of(const httplib::Request& req, httplib::Response& res, const std::string& lang);

  db::Database& db_;
  const survey::TokenKey& key_;
  const web::Renderer& renderer_;
  staff::StaffAccess& access_;
  FieldworkOptions options_;
  std::unique_ptr<FieldworkJobs> jobs_;
};

}  // namespace tilfreds::intake::fieldwork
