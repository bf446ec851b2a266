// The whole web site, assembled in one place: the renderer, the server (limits,
// security headers, static files) and every route object with its options.
// `tilfreds serve`, the HTTP tests (tests/support/test_server), the hostile table,
// the benchmarks and the fuzz targets all construct this one class, so each of them
// serves exactly the routes production serves, wired the same way.
//
// It lives in intake/, above web/, survey/, complaints/, staff/ and reports/,
// because it knows them all; intake/web knows none of them.
//
// Adding a route object: one line in Site::Site (site.cpp). Every route it attaches
// goes through the Router, so routes() lists it, and tests/hostile/site_routes_test
// fails until tests/hostile/cases.tsv has a row for it.
#pragma once

#include <httplib.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/complaints/complaint.h"
#include "intake/complaints/form_stamp.h"
#include "intake/complaints/public_form.h"
#include "intake/staff/access.h"
#include "intake/survey/citizen_routes.h"
#include "intake/web/render.h"
#include "intake/web/router.h"
#include "intake/web/server.h"

namespace tilfreds::intake {

struct SiteOptions {
  web::ServerOptions server;
  // Site-wide: written into every route object's options below, so they cannot
  // disagree (they switch an option on, never off). Cookies are Secure when
  // server.base_url is https.
  bool trust_forwarded_for = false;  // --behind-proxy: nginx on loopback sets X-Forwarded-For
  int complaint_days = complaints::kDefaultHandlingDays;
  // Each route object's own settings (tests tune these: rate limits, clocks, costs).
  survey::CitizenOptions citizen;
  complaints::PublicFormOptions complaint_form;
  std::optional<std::string> complaint_stamp_key;  // fixed key (tests); default random
  staff::StaffOptions staff;
};

class Site {
 public:
  // Builds every route object over `db` and attaches it to the server. Throws what
  // the Renderer throws when a template or text does not load.
  Site(db::Database& db, SiteOptions options);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  web::Server& server() { return *server_; }
  const web::Renderer& renderer() const { return renderer_; }
  staff::StaffAccess& staff() { return *staff_; }
  const SiteOptions& options() const { return options_; }
  // Method and pattern of every route the route objects attached, in order (the
  // server's own /static/… and /healthz are not among them).
  const std::vector<web::RouteEntry>& routes() const { return router_->entries(); }

 private:
  // Constructs a route object, attaches it, and keeps it for the Site's lifetime.
  template <class Routes, class... Args>
  Routes& add(Args&&... args) {
    auto routes = std::make_shared<Routes>(std::forward<Args>(args)...);
    routes->attach(*router_);
    owned_.push_back(routes);
    return *routes;
  }

  SiteOptions options_;
  web::Renderer renderer_;
  std::unique_ptr<web::Server> server_;
  std::unique_ptr<web::Router> router_;
  staff::StaffAccess* staff_ = nullptr;
  // Destroyed before the server (declared after it); the server must be stopped first.
  std::vector<std::shared_ptr<void>> owned_;
};

}  // namespace tilfreds::intake
