// The staff side of complaints: register, list with filters and search, the case
// page (reading it is audited), edit / classify / decide / forward as one form
// that saves a new version, notes; the statistics per offer and the quality
// overview in every report format; and the admin's register of offers.
//
// Who may do what (checked by StaffAccess on every request):
//   /klager…            staff, admin — a secretary gets 403: these pages carry personal data
//   /statistik/…        secretary, staff, admin — no personal data
//   /admin/tilbud…      admin
// Every POST needs the session's CSRF token.
#pragma once

#include <httplib.h>

#include <vector>

#include "db/database.h"
#include "db/survey_store.h"
#include "intake/complaints/complaint.h"
#include "intake/staff/access.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::complaints {

struct StaffRouteOptions {
  int handling_days = kDefaultHandlingDays;
};

class StaffRoutes {
 public:
  StaffRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access,
              StaffRouteOptions options);
  void attach(web::Router& routes);

 private:
  void list(const httplib::Request& req, httplib::Response& res);
  void show_new(const httplib::Request& req, httplib::Response& res);
  void post_new(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                const staff::StaffUser& user, Fields& fields);
  void show(const httplib::Request& req, httplib::Response& res);
  void post_edit(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                 const staff::StaffUser& user, Fields& fields);
  void post_note(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                 const staff::StaffUser& user, Fields& fields);
  void statistics(const httplib::Request& req, httplib::Response& res, bool quality);
  void statistics_form(httplib::Response& res, const staff::StaffUser& user, const std::string& lang, bool quality,
                       const std::vector<db::WaveRow>& waves);
  void offers(const httplib::Request& req, httplib::Response& res);
  void post_offer(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                  const staff::StaffUser& user, Fields& fields);

  // A POST handler runs only for a user with one of the route's roles whose form
  // is readable and carries the session's CSRF token; the wrapper writes the
  // refusal otherwise (400 unreadable, 401 no session, 403 role or token).
  using PostHandler = void (StaffRoutes::*)(const httplib::Request&, httplib::Response&, const std::string& lang,
                                            const staff::StaffUser& user, Fields& fields);
  httplib::Server::Handler post_route(PostHandler handler, std::vector<staff::Role> roles);
  // Texts above the case form: `saved` confirms what was stored, `pending` says that
  // the form holds edits not stored yet.
  struct CaseNotes {
    std::string saved;
    std::string pending;
  };
  void render_case(httplib::Response& res, int status, const staff::StaffUser& user, const std::string& lang,
                   const db::ComplaintRow& row, const Fields& entered, const Problems& problems,
                   const CaseNotes& notes = {});

  db::Database& db_;
  const web::Renderer& renderer_;
  staff::StaffAccess& access_;
  StaffRouteOptions options_;
};

}  // namespace tilfreds::intake::complaints
