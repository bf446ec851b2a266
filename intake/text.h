// Small text helpers shared by every parser of outside input.
#pragma once

#include <string>
#include <string_view>

namespace tilfreds::intake {

// Whether `s` is valid UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(const std::string& s);

// `s` without leading and trailing spaces and tabs.
std::string trim(const std::string& s);

// `s` in lower case for comparing names a person typed: ASCII letters and the
// Latin-1 capitals Danish uses (Æ Ø Å and the accented É Ü Ö Ä), so
// "KONTANTHJÆLP" matches "kontanthjælp"; other bytes are kept.
std::string fold_case(const std::string& s);

// Replaces every `from` in `s` with `to` (a placeholder such as "{phone}" in a text).
void replace_all(std::string& s, const std::string& from, const std::string& to);

// Appends `s` to `out` with & < > " ' as entities (&amp; &lt; &gt; &quot; &apos;): safe
// as text and in a quoted attribute of HTML, XML and the SVG inside a report, and
// the five entities kainjow's html_escape writes, so pages come out as they did.
void append_escaped_markup(std::string& out, std::string_view s);
std::string escape_markup(std::string_view s);

}  // namespace tilfreds::intake
