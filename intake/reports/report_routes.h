// The committee reports in the browser, for secretaries and admins: a form to
// choose report, questionnaire, waves, group, format and language, and the report
// itself — the same request parser, builder and renderers as `tilfreds report`, so
// the web and the command line can never disagree about a number.
//
// The report is fetched with GET: making it changes nothing, so it needs no CSRF
// token and its address can be bookmarked for next year's committee case.
#pragma once

#include <httplib.h>

#include "db/database.h"
#include "intake/staff/access.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::reports {

class ReportRoutes {
 public:
  ReportRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access);

  // GET /rapporter (the form) and GET /rapporter/hent (the report, or the form
  // again with what was wrong, 422).
  void attach(web::Router& routes);

 private:
  void show_form(const httplib::Request& req, httplib::Response& res);
  void fetch(const httplib::Request& req, httplib::Response& res);

  db::Database& db_;
  const web::Renderer& renderer_;
  staff::StaffAccess& access_;
};

}  // namespace tilfreds::intake::reports
