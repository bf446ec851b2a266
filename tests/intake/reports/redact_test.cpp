// Comments reach the secretary with CPR numbers, phone numbers and e-mail
// addresses already masked; everything else stays as the citizen wrote it.
#include "intake/reports/redact.h"

#include <catch2/catch.hpp>

using tilfreds::intake::reports::mask_personal_data;

TEST_CASE("CPR numbers are masked in every way citizens write them") {
  CHECK(mask_personal_data("Mit cpr er 010190-1234, ring") == "Mit cpr er [CPR], ring");
  CHECK(mask_personal_data("cpr 0101901234.") == "cpr [CPR].");
  CHECK(mask_personal_data("cpr 311299 4321") == "cpr [CPR]");
  // Not a possible birth date (day 45, month 13): a ten-digit number is left alone.
  CHECK(mask_personal_data("sag 4513991234") == "sag 4513991234");
}

TEST_CASE("Danish phone numbers are masked with or without country code and spacing") {
  CHECK(mask_personal_data("ring 12345678") == "ring [telefon]");
  CHECK(mask_personal_data("ring 12 34 56 78 i dag") == "ring [telefon] i dag");
  CHECK(mask_personal_data("ring 1234 5678") == "ring [telefon]");
  CHECK(mask_personal_data("ring +45 12 34 56 78") == "ring [telefon]");
  CHECK(mask_personal_data("ring 004512345678") == "ring [telefon]");
  CHECK(mask_personal_data("(+45) 1234-5678!") == "[telefon]!");
}

TEST_CASE("E-mail addresses are masked up to sentence punctuation") {
  CHECK(mask_personal_data("skriv til jens.hansen+jc@mail.example.dk.") == "skriv til [e-mail].");
  CHECK(mask_personal_data("a@b.dk og c_d@e.com") == "[e-mail] og [e-mail]");
  // An @ that is no address stays.
  CHECK(mask_personal_data("mød mig @ jobcentret kl. 10") == "mød mig @ jobcentret kl. 10");
}

TEST_CASE("Numbers that are not personal data and non-ASCII text are kept byte for byte") {
  std::string text = "Jeg har været ledig i 2 år og 14 uger, fik 1234 kr. – æøå ÆØÅ é 2024";
  CHECK(mask_personal_data(text) == text);
  // Seven and nine digits are neither a phone number nor a CPR number.
  CHECK(mask_personal_data("1234567 og 123456789") == "1234567 og 123456789");
  // A phone number glued to letters is a reference code, not a number to call.
  CHECK(mask_personal_data("ref AB12345678") == "ref AB12345678");
  CHECK(mask_personal_data("") == "");
}

TEST_CASE("the ways of writing found in the security review are masked too (issue 10)") {
  CHECK(mask_personal_data("cpr 01.01.90-1234 tak") == "cpr [CPR] tak");
  CHECK(mask_personal_data("cpr 010190/1234") == "cpr [CPR]");
  CHECK(mask_personal_data("ring 12.34.56.78.") == "ring [telefon].");
  CHECK(mask_personal_data("skriv jens(at)example.dk") == "skriv [e-mail]");
  CHECK(mask_personal_data("skriv jens [AT] example.dk!") == "skriv [e-mail]!");
  // Full-width digits (U+FF10…) and a full-width @ (U+FF20) fold to ASCII first (NFKC).
  CHECK(mask_personal_data("cpr \xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x99\xEF\xBC\x90"
                           "-\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94") == "cpr [CPR]");
  CHECK(mask_personal_data("ring \xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96"
                           "\xEF\xBC\x97\xEF\xBC\x98") == "ring [telefon]");
  CHECK(mask_personal_data("jens\xEF\xBC\xA0" "example.dk") == "[e-mail]");
}

TEST_CASE("dates, amounts and words with 'at' are not mistaken for personal data") {
  CHECK(mask_personal_data("mødet 12.03.2024 kl. 10") == "mødet 12.03.2024 kl. 10");
  CHECK(mask_personal_data("fik 1.234.567 kr.") == "fik 1.234.567 kr.");
  CHECK(mask_personal_data("glad (at) være her") == "glad (at) være her");
  CHECK(mask_personal_data("den 01.01.90 var") == "den 01.01.90 var");
  // Not UTF-8: masked as it came, never dropped.
  CHECK(mask_personal_data("ring 12345678 \xFF") == "ring [telefon] \xFF");
}
