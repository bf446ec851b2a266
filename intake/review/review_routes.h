// The case-review pages for quality coordinators (reviewer) and admins:
//   GET  /tilsyn                 reviews in progress and the form to draw a sample
//   POST /tilsyn/udtraek         draw a target group's sample from a pasted list
//   GET  /tilsyn/gennemgang/ID   a review's sampled cases and how far it has come
//   GET  /tilsyn/sag/ID          one page per case: every control point one radio group
//   POST /tilsyn/sag/ID          step 1 the results; step 2, only when there are
//                                errors, the act date and "still reproduced" per error
// Case references are personal data: only reviewer and admin reach these pages
// (secretary and staff get 403), and every page that shows one is audited.
// Saved per case, so a review is resumed from the first case not yet registered.
#pragma once

#include <httplib.h>

#include "db/database.h"
#include "intake/staff/access.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::review {

class ReviewRoutes {
 public:
  ReviewRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access);
  void attach(web::Router& routes);

 private:
  void home(const httplib::Request& req, httplib::Response& res);
  void post_draw(const httplib::Request& req, httplib::Response& res);
  void show_review(const httplib::Request& req, httplib::Response& res);
  void show_case(const httplib::Request& req, httplib::Response& res);
  void post_case(const httplib::Request& req, httplib::Response& res);

  db::Database& db_;
  const web::Renderer& renderer_;
  staff::StaffAccess& access_;
};

}  // namespace tilfreds::intake::review
