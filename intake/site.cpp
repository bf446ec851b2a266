#include "intake/site.h"

#include "intake/complaints/staff_routes.h"
#include "intake/fieldwork/fieldwork_routes.h"
#include "intake/offers/offer_routes.h"
#include "intake/reports/comment_coding_routes.h"
#include "intake/reports/report_routes.h"
#include "intake/settings/privacy_pages.h"
#include "intake/settings/site_frame.h"
#include "intake/review/review_routes.h"

namespace tilfreds::intake {

namespace {
// The site-wide settings switch a route object's own on, never off: a test may still
// ask one route object for Secure cookies over http.
SiteOptions with_site_wide(SiteOptions o) {
  const bool secure = o.server.base_url.rfind("https://", 0) == 0;
  for (bool* b : {&o.citizen.secure_cookies, &o.complaint_form.secure_cookies, &o.staff.secure_cookies}) {
    *b = *b || secure;
  }
  for (bool* b : {&o.citizen.trust_forwarded_for, &o.complaint_form.trust_forwarded_for,
                  &o.staff.trust_forwarded_for}) {
    *b = *b || o.trust_forwarded_for;
  }
  o.complaint_form.handling_days = o.complaint_days;
  return o;
}

// The address letters made in the browser carry: the server's public one.
std::string fieldwork_base_url(const SiteOptions& o) {
  return o.server.base_url.empty() ? fieldwork::FieldworkOptions{}.base_url : o.server.base_url;
}
}  // namespace

Site::Site(db::Database& db, const survey::TokenKey& key, SiteOptions options)
    : options_(with_site_wide(std::move(options))) {
  server_ = std::make_unique<web::Server>(options_.server, renderer_);
  router_ = std::make_unique<web::Router>(server_->http());
  const auto stamp = options_.complaint_stamp_key ? complaints::FormStamp(*options_.complaint_stamp_key)
                                                  : complaints::FormStamp();

  // The municipality's settings in every page's frame from the first request on
  // (issue 12); the admin's settings page publishes each save the same way.
  settings::publish(db, renderer_);

  // Servers sharing one database count guesses and logins there, under a key of the
  // key file's own (never the addresses and names in clear).
  const web::SharedLimits shared = web::shared_by_servers(db, key.hash("tilfreds limits"));

  // Every route object of the site, in the order the server tries their patterns.
  add<survey::CitizenRoutes>(db, key, renderer_, options_.citizen, shared);
  add<settings::PrivacyPages>(renderer_, options_.server.base_url.rfind("https://", 0) == 0);
  add<complaints::PublicForm>(db, renderer_, options_.complaint_form, shared, stamp);
  staff_ = &add<staff::StaffAccess>(db, renderer_, options_.staff, shared);  // with the admin pages
  add<reports::ReportRoutes>(db, renderer_, *staff_);
  add<reports::CommentCodingRoutes>(db, renderer_, *staff_);
  add<complaints::StaffRoutes>(db, renderer_, *staff_, complaints::StaffRouteOptions{options_.complaint_days});
  add<review::ReviewRoutes>(db, renderer_, *staff_);
  add<fieldwork::FieldworkRoutes>(db, key, renderer_, *staff_, fieldwork::FieldworkOptions{fieldwork_base_url(options_), {}});
  add<offers::OfferRoutes>(db, renderer_, *staff_);
}

Site::~Site() {
  // Route objects refer to the StaffAccess: end them in reverse order of creation.
  while (!owned_.empty()) owned_.pop_back();
}

}  // namespace tilfreds::intake
