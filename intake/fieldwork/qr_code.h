// The QR code printed on a letter: the citizen's personal link, which a phone's
// camera opens without typing. Encoded by libqrencode (Debian); the letter's
// template draws it as one SVG path, so the PDF keeps it as vectors (sharp at any
// print resolution) and the markup (accessible name, size) stays in the template.
#pragma once

#include <string>

namespace tilfreds::intake::fieldwork {

struct QrPicture {
  int side = 0;      // modules across, the quiet zone of 4 on each side included
  std::string path;  // SVG path data of the dark modules, in module units
};

// The QR code of `text`, error correction M (a folded or slightly soiled letter
// still scans; a link of ~80 characters is version 5, 37×37 modules). Throws
// std::runtime_error when libqrencode cannot encode it (over the largest version:
// not a link).
QrPicture qr_code(const std::string& text);

}  // namespace tilfreds::intake::fieldwork
