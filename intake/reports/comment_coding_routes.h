// The comment coding page for secretaries and admins (issue 13 §4): pick a wave,
// add themes, and per comment set its theme, ris or ros, and whether it is a quote
// with edited wording. One small form per comment, so it works without
// JavaScript; every post is checked for the session's CSRF token (and the server
// refuses cross-site posts), every change and every read of the comments audited.
// Comments are masked (redact.h) before the page shows them.
#pragma once

#include <httplib.h>

#include <map>
#include <optional>
#include <string>

#include "db/database.h"
#include "db/survey_store.h"
#include "intake/staff/access.h"
#include "intake/web/render.h"
#include "intake/web/router.h"

namespace tilfreds::intake::reports {

class CommentCodingRoutes {
 public:
  CommentCodingRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access);

  // GET /rapporter/kommentarer (the waves with comments), GET
  // /rapporter/kommentarer/ID (a wave's coding page), POST …/ID/tema (add a
  // theme), POST …/ID/kode (code one comment). A refused post gets 422 and the
  // page again with the secretary's input kept and what was wrong.
  void attach(web::Router& routes);

 private:
  void list_waves(const httplib::Request& req, httplib::Response& res);
  void show(const httplib::Request& req, httplib::Response& res);
  void post_theme(const httplib::Request& req, httplib::Response& res);
  void post_code(const httplib::Request& req, httplib::Response& res);

  // What every post starts with: the form, a secretary's or admin's session and
  // CSRF token, the wave of the path. nullopt: the refusal is written.
  struct Post {
    std::string lang;
    std::multimap<std::string, std::string> fields;
    staff::StaffUser user;
    db::WaveRow wave;
  };
  std::optional<Post> begin_post(const httplib::Request& req, httplib::Response& res);

  db::Database& db_;
  const web::Renderer& renderer_;
  staff::StaffAccess& access_;
};

}  // namespace tilfreds::intake::reports
