// The admin's pages: staff users (list, create, change role, disable/enable, reset
// password) and the audit log viewer with search by citizen, entity, actor and date.
// Every route admits the admin role only; every change goes through users.h, so it
// is audited in the same transaction.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <string>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::staff {

class StaffAccess;
struct StaffUser;

class AdminPages {
 public:
  AdminPages(StaffAccess& access, db::Database& db, const web::Renderer& renderer);
  // GET/POST /admin/brugere, GET /admin/brugere/{id}, POST /admin/brugere/{id}/{rolle,status,adgangskode},
  // GET /admin/revision.
  void attach(web::Router& routes);

 private:
  void show_users(const httplib::Request& req, httplib::Response& res);
  void create_user(const httplib::Request& req, httplib::Response& res);
  void show_user(const httplib::Request& req, httplib::Response& res);
  void change_user(const httplib::Request& req, httplib::Response& res);
  void show_audit(const httplib::Request& req, httplib::Response& res);
  // The user list with the create form holding what was entered (never the password).
  void render_users(httplib::Response& res, int status, const StaffUser& user, const std::string& lang,
                    const std::string& name, const std::string& role, const Problems& problems);
  void render_user(httplib::Response& res, int status, const StaffUser& user, const std::string& lang,
                   std::int64_t id, const std::string& note_key, const Problems& problems);

  StaffAccess& access_;
  db::Database& db_;
  const web::Renderer& renderer_;
};

}  // namespace tilfreds::intake::staff
