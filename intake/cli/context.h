// What every subcommand of the `tilfreds` binary shares: the global options and
// where it writes. Commands report expected problems on `err` and set `exit_code`
// (1 = the input was refused, 2 = usage / invalid arguments for the calculators);
// faults are exceptions that main() turns into one line.
#pragma once

#include <iostream>
#include <string>

namespace tilfreds::intake::cli {

struct Context {
  std::string db_path = "tilfreds.db";
  std::string key_file;  // empty: db_path + ".key" (survey/key_file.h)
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  int exit_code = 0;
};

}  // namespace tilfreds::intake::cli
