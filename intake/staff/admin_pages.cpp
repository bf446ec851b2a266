#include "intake/staff/admin_pages.h"

#include "intake/staff/access.h"

namespace tilfreds::intake::staff {

AdminPages::AdminPages(StaffAccess& access, db::Database& db, const web::Renderer& renderer)
    : access_(access), db_(db), renderer_(renderer) {}

void AdminPages::attach(httplib::Server&) {}

}  // namespace tilfreds::intake::staff
