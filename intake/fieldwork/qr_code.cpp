#include "intake/fieldwork/qr_code.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace tilfreds::intake::fieldwork {

QrPicture qr_code(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) throw std::runtime_error("qr: cannot encode a text of " + std::to_string(text.size()) + " bytes");
  constexpr int kQuiet = 4;
  const int width = code->width;
  const auto dark = [&](int x, int y) { return (code->data[y * width + x] & 1) != 0; };
  QrPicture out;
  out.side = width + 2 * kQuiet;
  // A run of dark modules in a row is one rectangle: a third of the path a
  // square per module would take.
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width;) {
      if (!dark(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && dark(x + run, y)) ++run;
      out.path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h" + std::to_string(run) +
                  "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  return out;
}

}  // namespace tilfreds::intake::fieldwork
