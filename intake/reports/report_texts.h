// The words of a report in its language, from templates/text/{da,en}.json (keys
// "report_…"), with {name} placeholders filled in, and numbers written the way
// that language writes them (decimal comma in Danish).
#pragma once

#include <map>
#include <string>

#include "intake/web/render.h"

namespace tilfreds::intake::reports {

class ReportTexts {
 public:
  ReportTexts(const web::Renderer& renderer, std::string lang)
      : renderer_(renderer), lang_(std::move(lang)) {}

  const std::string& lang() const { return lang_; }
  const web::Renderer& renderer() const { return renderer_; }
  // The text `key`; throws std::logic_error when the key is missing (a bug: the
  // renderer checked both languages at start-up).
  const std::string& get(const std::string& key) const { return renderer_.text(lang_, key); }
  // The text `key`, or nullptr (optional texts such as per-question headlines).
  const std::string* find(const std::string& key) const { return renderer_.find_text(lang_, key); }
  // The text `key` with every "{name}" replaced by vars[name]; unknown names stay.
  std::string fill(const std::string& key, const std::map<std::string, std::string>& vars) const;
  // `value` with `decimals` decimals, "," as the decimal mark in Danish.
  std::string number(double value, int decimals) const;

 private:
  const web::Renderer& renderer_;
  std::string lang_;
};

// `value` with `decimals` decimals and `mark` as the decimal mark.
std::string format_decimal(double value, int decimals, char mark);

}  // namespace tilfreds::intake::reports
