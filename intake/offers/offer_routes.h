// The staff pages of the offers' quality (issue 16):
//   GET  /tilbud[?ydelse=G]   the offer guide: the active offers for a benefit group
//                             with their latest satisfaction, complaints per 1,000
//                             citizens, effect and smiley, each with what it rests on
//                             and a link to its details
//   GET  /tilbud/{id}         one offer's figures per half-year and the history of
//                             its supervision ratings (every version)
//   GET  /tilbud/tilsyn[?periode=P]  the supervision ratings of a half-year and the form
//   POST /tilbud/tilsyn              saves a rating as a new version, audited
//   POST /tilbud/tilsyn/tilladelse   (admin) grants or revokes a user's `supervisor`
//                             permission, audited
// Who: the guide and details — staff (caseworkers choose offers), secretary, admin;
// no personal data is on them. /tilbud/tilsyn — admin, or a user of any role holding the
// `supervisor` permission (tilfreds user grant NAME supervisor); others get 403.
// Every POST carries the session's CSRF token; a refused form comes back 422 with
// every entered value kept and the problems beside their fields.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "db/database.h"
#include "intake/complaints/complaint.h"
#include "intake/problem.h"
#include "intake/staff/access.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::offers {

class OfferRoutes {
 public:
  OfferRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access);
  void attach(web::Router& router);

 private:
  void guide(const httplib::Request& req, httplib::Response& res);
  void details(const httplib::Request& req, httplib::Response& res);
  void ratings(const httplib::Request& req, httplib::Response& res);
  void post_rating(const httplib::Request& req, httplib::Response& res);
  void post_permission(const httplib::Request& req, httplib::Response& res);
  bool may_rate(const staff::StaffUser& user);
  void render_ratings(httplib::Response& res, int status, const staff::StaffUser& user, const std::string& lang,
                      const std::string& period, const complaints::Fields& entered, const Problems& problems);

  db::Database& db_;
  const web::Renderer& renderer_;
  staff::StaffAccess& access_;
};

}  // namespace tilfreds::intake::offers
