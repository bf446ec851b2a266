// Who a staff request comes from and what they may do: login and logout, the
// `tf_staff` session cookie, CSRF tokens, roles, and the staff page frame.
//
// Sessions (OWASP ASVS V3): a fresh random id at every login, stored only as
// SHA-256; HttpOnly, SameSite=Strict, Secure when served over https; ended after
// 30 idle minutes or 8 hours in all, by logout, and when an admin changes the
// user's role, password or disables them. Roles and the active flag are read on
// every request, so a change takes effect at once.
//
// /login resists guessing three ways: failed attempts per client address are rate
// limited (429), an account is locked after repeated failures, and every refusal
// (unknown user, wrong password, locked or disabled account) gives the same page
// after the same argon2id work, so neither text nor timing reveals a name.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "db/database.h"
#include "intake/staff/password.h"
#include "intake/staff/roles.h"
#include "intake/web/rate_limit.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::staff {

struct StaffUser {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::kSecretary;
  std::string csrf;  // the session's token: put it in every form as field `csrf`
};

struct StaffOptions {
  bool secure_cookies = false;       // the base URL is https
  bool trust_forwarded_for = false;  // behind nginx on loopback (README, production)
  int idle_seconds = 30 * 60;
  int absolute_seconds = 8 * 60 * 60;
  int login_attempts = 20;  // failed logins per client address per window, then 429
  std::chrono::minutes login_window{15};
  int lockout_failures = 5;          // failed logins in a row that lock an account
  int lockout_seconds = 15 * 60;
  PasswordCost password_cost = PasswordCost::kInteractive;
  int concurrent_hashes = 2;         // argon2id runs at once (64 MiB each)
  std::function<std::int64_t()> clock;  // unix seconds; empty: the system clock
};

class AdminPages;

class StaffAccess {
 public:
  StaffAccess(db::Database& db, const web::Renderer& renderer, StaffOptions options);
  ~StaffAccess();
  StaffAccess(const StaffAccess&) = delete;
  StaffAccess& operator=(const StaffAccess&) = delete;

  // GET/POST /login, POST /logout, GET /personale (what the role may do), and the
  // admin pages: /admin/brugere (users) and /admin/revision (audit log).
  void attach(web::Router& routes);

  // The logged-in user when their role is in `roles`. Otherwise the response is
  // written and nullopt returned: without a valid session a GET is sent 303 to
  // /login?next=<path> and any other method gets a 401 page; a wrong role gets a
  // 403 page.
  std::optional<StaffUser> require(const httplib::Request& req, httplib::Response& res,
                                   std::initializer_list<Role> roles);
  // For POST handlers: as require, and the form's one `csrf` field must equal the
  // session's token, else a 403 page and nullopt.
  std::optional<StaffUser> require_post(const httplib::Request& req, httplib::Response& res,
                                        const std::multimap<std::string, std::string>& fields,
                                        std::initializer_list<Role> roles);

  // A staff page: templates/`name`.mustache inside the layout with the staff
  // navigation (user, role, the links the role may use, a logout form with CSRF).
  // `ctx` should set "page_title".
  std::string page(const StaffUser& user, const std::string& name, nlohmann::json ctx,
                   const std::string& lang) const;

  // The UI language of a staff request (?lang=, else the cookie, else Danish).
  std::string language(const httplib::Request& req, httplib::Response& res) const;
  // Now, in unix seconds, from the configured clock.
  std::int64_t now() const;
  PasswordHasher& hasher() { return hasher_; }
  const StaffOptions& options() const { return options_; }

 private:
  std::optional<StaffUser> current_user(const httplib::Request& req);
  void show_login(const httplib::Request& req, httplib::Response& res);
  void post_login(const httplib::Request& req, httplib::Response& res);
  void post_logout(const httplib::Request& req, httplib::Response& res);
  void show_home(const httplib::Request& req, httplib::Response& res);
  void render_login(httplib::Response& res, int status, const std::string& lang,
                    const std::string& csrf, const std::string& name, const std::string& next,
                    const std::string& error_key);

  db::Database& db_;
  const web::Renderer& renderer_;
  StaffOptions options_;
  PasswordHasher hasher_;
  std::string dummy_hash_;  // verified for unknown names so they cost the same time
  web::RateLimiter login_failures_;
  std::unique_ptr<AdminPages> admin_;
};

}  // namespace tilfreds::intake::staff
