// The admin's pages: staff users (list, create, change role, disable/enable, reset
// password) and the audit log viewer with search by citizen, entity, actor and date.
// Every route admits the admin role only; every change goes through users.h, so it
// is audited in the same transaction.
#pragma once

#include <httplib.h>

#include "db/database.h"
#include "intake/web/render.h"

namespace tilfreds::intake::staff {

class StaffAccess;

class AdminPages {
 public:
  AdminPages(StaffAccess& access, db::Database& db, const web::Renderer& renderer);
  // GET/POST /admin/brugere, GET /admin/brugere/{id}, POST /admin/brugere/{id}/{rolle,status,adgangskode},
  // GET /admin/revision.
  void attach(httplib::Server& server);

 private:
  StaffAccess& access_;
  db::Database& db_;
  const web::Renderer& renderer_;
};

}  // namespace tilfreds::intake::staff
