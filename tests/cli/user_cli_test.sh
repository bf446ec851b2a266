#!/usr/bin/env bash
# The user commands as an operator scripts them: password on standard input only,
# weak passwords refused, exit codes, and every change in the audit log.
# Usage: user_cli_test.sh PATH/TO/tilfreds
set -u
bin=$(realpath "$1"); here=$(dirname "$(realpath "$0")")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"
sql() { sqlite3 t.db "$1"; }

exits 0 "user add reads the password from stdin" sh -c "printf 'korrekt hest batteri\n' | '$bin' --db t.db user add anne --role admin"
check "... and says so" grep -q "added anne (admin)" out.txt
check "only an argon2id hash is stored" sh -c "[ \"\$(sqlite3 t.db \"SELECT substr(password_hash, 1, 10) FROM staff_user WHERE name = 'anne'\")\" = '\$argon2id\$' ]"
check "... not the password" sh -c "! grep -aq 'korrekt hest batteri' t.db t.db-wal 2>/dev/null"
check "... at libsodium's interactive cost (64 MiB)" sh -c "sqlite3 t.db \"SELECT password_hash FROM staff_user\" | grep -q 'm=65536'"
exits 1 "a weak password is refused" sh -c "printf 'kort\n' | '$bin' --db t.db user add bent --role staff"
check "... saying why" grep -q "at least 12 characters" err.txt
check "... and nothing is stored" test "$(sql "SELECT count(*) FROM staff_user WHERE name = 'bent'")" = 0
exits 1 "no password on stdin is refused" sh -c "'$bin' --db t.db user add bent --role staff < /dev/null"
check "... saying where it is read from" grep -q "standard input" err.txt
exits 2 "a password argument is a usage error" "$bin" --db t.db user add bent --role staff hemmeligt-kodeord
exits 2 "an unknown role is a usage error" sh -c "printf 'korrekt hest batteri\n' | '$bin' --db t.db user add bent --role chef"
exits 1 "a taken name is refused" sh -c "printf 'korrekt hest batteri\n' | '$bin' --db t.db user add anne --role staff"
exits 0 "a second user" sh -c "printf 'et andet langt kodeord\r\n' | '$bin' --db t.db user add bent --role staff"
exits 0 "user list" "$bin" --db t.db user list
check "... shows name, role and status" grep -q "^bent	staff	active" out.txt
exits 0 "user role" "$bin" --db t.db user role bent --role secretary
exits 0 "user disable" "$bin" --db t.db user disable bent
exits 1 "the last admin cannot be disabled" "$bin" --db t.db user disable anne
exits 1 "an unknown user is named" "$bin" --db t.db user disable nobody
check "... with a hint" grep -q "user list" err.txt
exits 0 "user enable" "$bin" --db t.db user enable bent
exits 0 "user password reads stdin" sh -c "printf 'en helt ny adgangskode\n' | '$bin' --db t.db user password bent"
check "every change is audited with the actor cli" test "$(sql "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_event WHERE actor_name = 'cli' ORDER BY id)")" = "create,create,role,disable,enable,password"
check "the audit log cannot be edited" sh -c "! sqlite3 t.db \"DELETE FROM audit_event\" 2>/dev/null && [ \"\$(sqlite3 t.db 'SELECT count(*) FROM audit_event')\" = 6 ]"

# Issue 10 §3: a demo on a real database must not reset a real admin's password.
exits 0 "a real admin named like a demo login" sh -c "printf 'korrekt hest batteri\n' | '$bin' --db t.db user add admin --role admin"
before=$(sql "SELECT password_hash FROM staff_user WHERE name = 'admin'")
exits 1 "tilfreds demo refuses a database it did not make" "$bin" --db t.db demo --no-serve
check "... and says why" grep -q "not a demo database" err.txt
check "... leaving the admin's password" test "$(sql "SELECT password_hash FROM staff_user WHERE name = 'admin'")" = "$before"
check "... and adding no demo data" test "$(sql "SELECT count(*) FROM wave")" = 0
exits 0 "a demo database is made demo again" sh -c "'$bin' --db d.db demo --no-serve && '$bin' --db d.db demo --no-serve"
exits 1 "weak passwords are refused with the reason" sh -c "printf 'password1234\n' | '$bin' --db t.db user add carl --role staff"
check "... said" grep -qi "dictionary\|common word\|known password" err.txt

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
