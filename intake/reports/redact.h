// Masks personal data in free-text answers before a secretary sees them: the
// comments appendix is edited by hand before publication, but the first reader
// should already not meet a CPR number, a phone number or an e-mail address.
// Names cannot be found reliably by pattern; the secretary's edit remains needed:
// masking is a help, not a guarantee, and the comments report says so.
#pragma once

#include <string>
#include <string_view>

namespace tilfreds::intake::reports {

// Returns `text`, NFKC-normalised (so full-width digits are digits), with every
// CPR number (DDMMYY-NNNN, DDMMYYNNNN, DDMMYY/NNNN, DD.MM.YY-NNNN), Danish phone
// number (8 digits, optionally +45/0045, spaced in pairs or fours by spaces, dashes
// or dots) and e-mail address (also with "(at)" for "@") replaced by "[CPR]",
// "[telefon]" and "[e-mail]". Other text is kept as normalised (Danish letters are
// unchanged by NFKC); text that is not valid UTF-8 is masked as it came.
std::string mask_personal_data(std::string_view text);

// `text` in Unicode normalisation form NFKC, or unchanged if it is not valid UTF-8.
std::string nfkc(std::string_view text);

}  // namespace tilfreds::intake::reports
