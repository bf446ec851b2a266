#include "intake/web/http.h"

#include <iostream>

#include "intake/text.h"

namespace tilfreds::intake::web {

std::optional<std::string> cookie(const httplib::Request& req, const std::string& name) {
  auto range = req.headers.equal_range("Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    const std::string& h = it->second;
    size_t pos = 0;
    while (pos < h.size()) {
      size_t end = h.find(';', pos);
      if (end == std::string::npos) end = h.size();
      std::string part = trim(h.substr(pos, end - pos));
      size_t eq = part.find('=');
      if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
      pos = end + 1;
    }
  }
  return std::nullopt;
}

std::string cookie_name(const std::string& base, bool secure) { return secure ? "__Host-" + base : base; }

void set_cookie(httplib::Response& res, const std::string& name, const std::string& value,
                const CookieOptions& o) {
  std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=" + o.same_site;
  if (o.max_age_seconds >= 0) c += "; Max-Age=" + std::to_string(o.max_age_seconds);
  if (o.secure) c += "; Secure";
  res.headers.emplace("Set-Cookie", c);
}

std::string request_language(const httplib::Request& req, httplib::Response& res,
                             const Renderer& renderer, bool secure) {
  if (req.has_param("lang")) {
    std::string lang = renderer.language(req.get_param_value("lang"));
    set_cookie(res, "sprog", lang, {60 * 60 * 24 * 365, secure, "Lax"});
    return lang;
  }
  return renderer.language(cookie(req, "sprog").value_or("da"));
}

std::string client_address(const httplib::Request& req, bool trust_forwarded_for) {
  bool from_loopback = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
  if (trust_forwarded_for && from_loopback && req.has_header("X-Forwarded-For")) {
    // nginx is configured to overwrite the header with $remote_addr: one address (the
    // server refuses anything else before routing; an empty one says nothing).
    std::string forwarded = trim(req.get_header_value("X-Forwarded-For"));
    if (!forwarded.empty()) return forwarded;
  }
  return req.remote_addr;
}

std::optional<std::multimap<std::string, std::string>> form_fields(const httplib::Request& req) {
  std::multimap<std::string, std::string> out;
  for (const auto& [k, v] : req.params) out.emplace(k, v);
  for (const auto& [k, f] : req.files) {
    if (f.filename.empty()) out.emplace(k, f.content);
  }
  for (const auto& [k, v] : out) {
    if (!is_valid_utf8(k) || !is_valid_utf8(v)) return std::nullopt;
  }
  return out;
}

std::string field(const std::multimap<std::string, std::string>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

void send_html(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, "text/html; charset=utf-8");
}

void message_page(httplib::Response& res, const Renderer& renderer, const std::string& lang,
                  int status, const std::string& key, nlohmann::json extra) {
  extra["heading"] = renderer.text(lang, key + "_heading");
  extra["text"] = renderer.text(lang, key + "_text");
  extra["page_title"] = extra["heading"];
  send_html(res, status, renderer.page("message", extra, lang));
}

void redirect(httplib::Response& res, const std::string& path) {
  res.status = 303;
  res.set_header("Location", path);
  res.set_header("Cache-Control", "no-store");
}

void log_line(const std::string& line) {
  // One event, one line: a message from below (libpq's "server closed the connection
  // unexpectedly\n\tThis probably means…", an error that quotes a value a client sent)
  // must neither split nor forge lines. Runs of line breaks and tabs become one space,
  // other control bytes \xHH.
  std::string out;
  out.reserve(line.size() + 1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c == '\n' || c == '\r' || c == '\t') {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else if (c < 0x20 || c == 0x7f) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '\n';
  // One write per line keeps lines whole across threads.
  std::cerr << out << std::flush;
}

}  // namespace tilfreds::intake::web
