// The admin's page for the site settings, /admin/indstillinger (issue 12): one form
// with every key of intake/settings, the keys a public site still needs flagged,
// saved in one audited transaction and published to every page's frame at once.
#pragma once

#include <httplib.h>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/settings/site_settings.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::staff {

class StaffAccess;
struct StaffUser;

class SettingsPage {
 public:
  SettingsPage(StaffAccess& access, db::Database& db, const web::Renderer& renderer);
  // GET and POST /admin/indstillinger, admin only; the POST needs the session's CSRF token.
  void attach(web::Router& routes);

 private:
  void show(const httplib::Request& req, httplib::Response& res);
  void post(const httplib::Request& req, httplib::Response& res);
  void render(httplib::Response& res, int status, const StaffUser& user, const std::string& lang,
              const settings::Settings& values, const Problems& problems, bool saved);

  StaffAccess& access_;
  db::Database& db_;
  const web::Renderer& renderer_;
};

}  // namespace tilfreds::intake::staff
