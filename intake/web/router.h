// Where route objects register their handlers: the library's own Get and Post, plus
// a record of each method and pattern. The record is how a test proves that every
// route the site serves has rows in the hostile table (tests/hostile/cases.tsv):
// a route attached through a Router cannot escape it.
//
// The methods keep cpp-httplib's names and signatures, so a route object's attach()
// reads as it would against httplib::Server.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace tilfreds::intake::web {

struct RouteEntry {
  std::string method;   // "GET" or "POST"
  std::string pattern;  // the regular expression as registered, e.g. /klager/(\d{1,12})
};

class Router {
 public:
  explicit Router(httplib::Server& http) : http_(http) {}

  Router& Get(const std::string& pattern, httplib::Server::Handler handler) {
    entries_.push_back({"GET", pattern});
    http_.Get(pattern, std::move(handler));
    return *this;
  }
  Router& Post(const std::string& pattern, httplib::Server::Handler handler) {
    entries_.push_back({"POST", pattern});
    http_.Post(pattern, std::move(handler));
    return *this;
  }

  // Every registration so far, in order.
  const std::vector<RouteEntry>& entries() const { return entries_; }

 private:
  httplib::Server& http_;
  std::vector<RouteEntry> entries_;
};

}  // namespace tilfreds::intake::web
