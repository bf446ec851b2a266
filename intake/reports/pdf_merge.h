// PDFs put one after another into one, keeping what makes them accessible: their
// structure trees become one (each part's top element under one StructTreeRoot,
// the parent trees renumbered with the pages' StructParents), /MarkInfo, /Lang and
// the title of the first part. With qpdf (Debian's libqpdf-dev).
//
// Why it exists: Chromium lays out one long document in more than linear time
// (bench/README.md, letters_bench: 12 ms a letter for 400 letters, 25 ms for 4,000,
// over 59 ms for 10,000), so the combined print file of a large wave is printed in
// parts of a few hundred letters and merged here.
#pragma once

#include <string>
#include <vector>

namespace tilfreds::intake::reports {

// The pages of `parts`, in order, as one tagged PDF. Throws std::runtime_error
// when a part is not a PDF qpdf can read (a fault: they come from Chromium).
std::string merge_pdfs(const std::vector<std::string>& parts);

}  // namespace tilfreds::intake::reports
