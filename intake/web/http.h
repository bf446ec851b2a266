// Request and response helpers shared by every route: cookies, the language, the
// form body parsed once at the edge, and the standard pages.
#pragma once

#include <httplib.h>

#include <map>
#include <optional>
#include <string>

#include "intake/web/render.h"

namespace tilfreds::intake::web {

// The value of cookie `name` in the request, or nullopt.
std::optional<std::string> cookie(const httplib::Request& req, const std::string& name);

// The name to give cookie `base`: "__Host-" + base when served over https, so that
// the browser keeps it only if Secure, Path=/ and without Domain — no other host,
// not even a subdomain, can set or overwrite it (RFC 6265bis §4.1.3.2).
std::string cookie_name(const std::string& base, bool secure);

struct CookieOptions {
  int max_age_seconds = -1;  // -1: a session cookie; 0: delete
  bool secure = false;       // only over TLS (set when the base URL is https)
  const char* same_site = "Lax";
};
// Adds a Set-Cookie header; the cookie is always HttpOnly and Path=/.
void set_cookie(httplib::Response& res, const std::string& name, const std::string& value,
                const CookieOptions& options);

// The UI language: ?lang= if given (and remembered in a cookie), else the cookie,
// else Danish.
std::string request_language(const httplib::Request& req, httplib::Response& res,
                             const Renderer& renderer, bool secure);

// The client's address for rate limits: the socket's peer, or — only when the
// server is told a reverse proxy on loopback sets it — the proxy's X-Forwarded-For.
std::string client_address(const httplib::Request& req, bool trust_forwarded_for);

// The posted form fields (urlencoded or multipart) as name → value pairs, or
// nullopt if any name or value is not valid UTF-8.
std::optional<std::multimap<std::string, std::string>> form_fields(const httplib::Request& req);

// The one value of field `name`, or "" (first one if repeated).
std::string field(const std::multimap<std::string, std::string>& fields, const std::string& name);

// A page with heading and text from the UI texts `<key>_heading` and `<key>_text`.
void message_page(httplib::Response& res, const Renderer& renderer, const std::string& lang,
                  int status, const std::string& key, nlohmann::json extra = nlohmann::json::object());

// Sets `html` as the body with the right content type and no caching: pages can
// carry a citizen's answers.
void send_html(httplib::Response& res, int status, const std::string& html);

// A route handler that calls `handler` on `self`: every route class binds its
// member functions this way.
template <typename Routes>
httplib::Server::Handler member_route(Routes* self,
                                      void (Routes::*handler)(const httplib::Request&, httplib::Response&)) {
  return [self, handler](const httplib::Request& req, httplib::Response& res) { (self->*handler)(req, res); };
}

// 303 See Other to a path on this site.
void redirect(httplib::Response& res, const std::string& path);

// One line to the server log (stderr), written whole even when threads log at once;
// line breaks and control bytes in it are flattened, so one event is one line.
void log_line(const std::string& line);

}  // namespace tilfreds::intake::web
