// Who a staff request comes from and what they may do: login and logout, the
// `tf_staff` session cookie, CSRF tokens, roles, and the staff page frame.
//
// Sessions (OWASP ASVS V3): a fresh random id at every login, stored only as
// SHA-256; HttpOnly, SameSite=Strict, Secure when served over https; ended after
// 30 idle minutes or 8 hours in all, by logout, and when an admin changes the
// user's role, password or disables them. Roles and the active flag are read on
// every request, so a change takes effect at once.
//
// /login resists guessing (issue 10 §3, README "Staff logins"): every attempt is
// admitted and counted in one step by the LoginThrottle — growing delays per user
// name and address, a cap per address, and a cap per account from addresses the
// user never logged in from — so nobody can race the counters or keep a named user
// out of their own desk. Every refusal (unknown user, wrong password, disabled
// account) gives the same page after the same work: one argon2id verification
// (against a dummy hash of the same cost for an unknown name) and no write, so
// neither text nor timing reveals a name. At most `max_sessions` sessions per user;
// a new login ends the oldest. Over https the cookies are __Host-tf_staff and
// __Host-tf_login (Secure, Path=/, no Domain: no subdomain can plant them).
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
#include <vector>

#include "db/database.h"
#include "intake/staff/form_stash.h"
#include "intake/staff/login_throttle.h"
#include "intake/staff/password.h"
#include "intake/staff/roles.h"
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
  LoginLimits login;                 // the throttle's limits (login_throttle.h)
  int max_sessions = 5;              // parallel sessions per user; a new login ends the oldest
  PasswordCost password_cost = PasswordCost::kInteractive;
  int concurrent_hashes = 2;         // argon2id runs at once (64 MiB each)
  std::function<std::int64_t()> clock;  // unix seconds; empty: the system clock
};

class AdminPages;

class StaffAccess {
 public:
  // `shared`: where the login limits and kept forms are held when servers share the database.
  StaffAccess(db::Database& db, const web::Renderer& renderer, StaffOptions options, web::SharedLimits shared);
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
  // session's token, else a 403 page and nullopt. Without a valid session the form
  // is kept (issue 12; form_stash.h): the 401 page sends the user to the login, and
  // after it they get what they typed back — on the page a route named with
  // restore_on() (which takes it with take_kept), else on /personale/gendan/ID, which
  // shows it and sends it again when they confirm. The csrf field and passwords are
  // never kept; the cross-site refusal (web/server.cpp) comes before any of this.
  std::optional<StaffUser> require_post(const httplib::Request& req, httplib::Response& res,
                                        const std::multimap<std::string, std::string>& fields,
                                        std::initializer_list<Role> roles);

  // A route object's own page for forms posted to some paths: `page_for(post_path)`
  // is the GET page (without query) that shows a kept form from `?gendan=ID`, or ""
  // for paths it does not restore itself.
  void restore_on(std::function<std::string(const std::string& post_path)> page_for);
  // The fields kept under `id` for `page` in this browser, once; nullopt otherwise.
  // Handing them out is audited (what was typed may be a citizen's personal data).
  std::optional<KeptFields> take_kept(const StaffUser& user, const httplib::Request& req,
                                      const std::string& id, const std::string& page);

  // A staff page: templates/`name`.mustache inside the layout with the staff
  // navigation (user, role, the links the role may use, a logout form with CSRF).
  // `ctx` should set "page_title".
  std::string page(const StaffUser& user, const std::string& name, nlohmann::json ctx,
                   const std::string& lang) const;
  // The same for a context built as template data (Renderer::page_from).
  std::string page_from(const StaffUser& user, const std::string& name, web::TemplateData& ctx,
                        const std::string& lang) const;

  // The UI language of a staff request (?lang=, else the cookie, else Danish).
  std::string language(const httplib::Request& req, httplib::Response& res) const;
  // Now, in unix seconds, from the configured clock.
  std::int64_t now() const;
  PasswordHasher& hasher() { return hasher_; }
  const StaffOptions& options() const { return options_; }
  // The session cookie's name: __Host-tf_staff over https, else tf_staff.
  std::string session_cookie() const;

 private:
  nlohmann::json navigation_of(const StaffUser& user, const std::string& lang) const;
  std::optional<StaffUser> current_user(const httplib::Request& req);
  std::string login_cookie() const;
  void show_login(const httplib::Request& req, httplib::Response& res);
  void post_login(const httplib::Request& req, httplib::Response& res);
  void post_logout(const httplib::Request& req, httplib::Response& res);
  void show_home(const httplib::Request& req, httplib::Response& res);
  void show_kept(const httplib::Request& req, httplib::Response& res);
  // What the kept-form page calls the field `name`.
  std::string field_label(const std::string& lang, const std::string& name) const;
  std::optional<StaffUser> check_role(const httplib::Request& req, httplib::Response& res,
                                      std::optional<StaffUser> user, std::initializer_list<Role> roles);
  void keep_form(const httplib::Request& req, httplib::Response& res,
                 const std::multimap<std::string, std::string>& fields);
  std::string kept_cookie() const;
  std::optional<FormStash::Kept> take_from_browser(const StaffUser& user, const httplib::Request& req,
                                                   const std::string& id,
                                                   const std::optional<std::string>& page);
  void render_login(httplib::Response& res, int status, const std::string& lang,
                    const std::string& csrf, const std::string& name, const std::string& next,
                    const std::string& error_key);

  db::Database& db_;
  const web::Renderer& renderer_;
  StaffOptions options_;
  PasswordHasher hasher_;
  std::string dummy_hash_;  // verified for unknown names so they cost the same time
  LoginThrottle throttle_;
  FormStash kept_;
  std::vector<std::function<std::string(const std::string&)>> restorers_;
  std::unique_ptr<AdminPages> admin_;
};

}  // namespace tilfreds::intake::staff
