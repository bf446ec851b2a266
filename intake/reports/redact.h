// Masks personal data in free-text answers before a secretary sees them: the
// comments appendix is edited by hand before publication, but the first reader
// should already not meet a CPR number, a phone number or an e-mail address.
// Names cannot be found reliably by pattern; the secretary's edit remains needed.
#pragma once

#include <string>
#include <string_view>

namespace tilfreds::intake::reports {

// Returns `text` with every CPR number (DDMMYY-NNNN, DDMMYYNNNN), Danish phone
// number (8 digits, optionally +45/0045 and spaced in pairs or fours) and e-mail
// address replaced by "[CPR]", "[telefon]" and "[e-mail]". Other text, including
// non-ASCII letters, is kept byte for byte.
std::string mask_personal_data(std::string_view text);

}  // namespace tilfreds::intake::reports
