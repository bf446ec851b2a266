"""PostgreSQL restarted under load (issue 17): two `tilfreds serve` on one database, citizens
submitting through both, and the database server stopped at a random moment (seed printed),
held down for a while and started again — once with a fast stop, once as a crash (immediate:
recovery from the WAL).

Holds: while it is down every questionnaire page posted gets 503 "Prøv igen om lidt" with
Retry-After and the answers just entered still on the page; the servers themselves stay up and
recover by themselves (no restart): every citizen, retrying as the page asks, ends on the
thank-you page; and every acknowledged submission is stored exactly once, nothing partial, the
counts equal what the responses imply (tilfreds_process.check_stored_exactly_once).

Usage: postgresql_restart_test.py PATH/TO/tilfreds SOURCE_DIR
"""

import os
import sys
import tempfile
import threading
import time
from urllib.parse import parse_qsl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import postgres_cluster  # noqa: E402
import tilfreds_process as tp  # noqa: E402

CITIZENS_AT_ONCE = 10
INVITEES = 600
DOWN_SECONDS = 2.0
PATIENCE = 40  # seconds a citizen keeps trying again before the test calls it lost


# The issue asks that a page posted while the database is gone comes back as 503 with the
# answers just entered still on it. With PostgreSQL down the questionnaire page cannot be
# built (the session is read from the database first), so the server's busy page carries the
# posted fields in a form whose button sends them again (web/server.cpp, resend_form).
KEEPS_ANSWERS_WHEN_DOWN = True


class PatientCitizen(tp.Citizen):
    """Asked to try again shortly, tries again shortly — after checking the 503 page."""

    lock = threading.Lock()
    busy = 0  # 503s seen, all citizens
    busy_pages = 0  # of them, answers to a posted questionnaire page
    kept = 0  # of those, pages with the notice and every answer just entered still on them

    def request(self, method, path, body=None, headers=None):
        deadline = time.monotonic() + PATIENCE
        while True:
            result = super().request(method, path, body, headers)
            status, _, text, r = result
            if status != 503 or time.monotonic() > deadline:
                return result
            tp.expect(r.getheader("Retry-After") == "5", "%s %s: a 503 without Retry-After: 5"
                      % (method, path))
            posted = dict(parse_qsl(body or ""))
            fields = {k: v for k, v in posted.items() if k.startswith("q_")}
            if KEEPS_ANSWERS_WHEN_DOWN:
                tp.expect_busy(status, r, text, fields, "%s %s while the database was down"
                               % (method, path))
            with PatientCitizen.lock:
                PatientCitizen.busy += 1
                if fields:
                    PatientCitizen.busy_pages += 1
                    PatientCitizen.kept += not tp.busy_page_problems(status, r, text, fields)
            time.sleep(0.2)


def main():
    binary, source = sys.argv[1], sys.argv[2]
    rng = tp.seeded_random("stop moments")
    with tempfile.TemporaryDirectory() as work, postgres_cluster.Cluster(source, work) as pg:
        key = os.path.join(work, "key")
        db, links = tp.prepare_db(binary, source, work, INVITEES, db=pg.uri, key_file=key)
        servers = [tp.Server(binary, db, os.path.join(work, "server%d.log" % i), key_file=key)
                   for i in (0, 1)]
        todo = list(enumerate(links))
        ledger = tp.Ledger()
        lock = threading.Lock()
        failures = []
        try:
            for round_no, immediate in enumerate((False, True)):
                stop = threading.Event()

                def patient_walk(n, link):
                    if not walk(servers[n % 2].port, n, link, ledger):
                        failures.append(link)

                threads = tp.start_citizens(CITIZENS_AT_ONCE, todo, lock, stop, patient_walk)
                tp.random_moment(ledger, rng)
                busy_before = PatientCitizen.busy
                pg.down(immediate)
                time.sleep(DOWN_SECONDS)
                busy_down = PatientCitizen.busy - busy_before
                pg.up()
                acked_up = len(ledger.acknowledged)
                # Recovered by themselves: both servers acknowledge citizens again.
                deadline = time.monotonic() + 30
                while len(ledger.acknowledged) < acked_up + 10 and time.monotonic() < deadline:
                    time.sleep(0.05)
                stop.set()
                for t in threads:
                    t.join(PATIENCE + 10)
                    if t.is_alive():
                        raise AssertionError("a citizen thread hung")
                for i, s in enumerate(servers):
                    tp.expect(s.proc.poll() is None, "server %d is still running" % i)
                if failures:
                    raise AssertionError("%d citizens did not reach the thank-you page, e.g. %s"
                                         % (len(failures), failures[:1]))
                tp.expect(busy_down > 0, "no 503 while the database was down")
                tp.expect(len(ledger.acknowledged) >= acked_up + 10, "no recovery within 30 s")
                stored = tp.check_stored_exactly_once(binary, db, key, work, source, ledger,
                                                      close_wave=False)
                print("restart %d (%s): %d 503s while down, %d acknowledged, %d stored"
                      % (round_no + 1, "immediate" if immediate else "fast", busy_down,
                         len(ledger.acknowledged), stored), flush=True)
            print("questionnaire pages posted while down: %d, answered 503 with the answers kept "
                  "on the page: %d" % (PatientCitizen.busy_pages, PatientCitizen.kept), flush=True)
            for i, s in enumerate(servers):
                log = s.log()
                tp.expect("unavailable" in log, "server %d's log does not say the database "
                          "was unavailable" % i)
            stored = tp.check_stored_exactly_once(binary, db, key, work, source, ledger)
            print("at the end: %d acknowledged, %d stored" % (len(ledger.acknowledged), stored))
        finally:
            for s in servers:
                s.kill()
    print("ok")


def walk(port, seed, link, ledger):
    """One patient citizen from the letter link to the end. True when the server confirmed the
    submission: the thank-you page, or 'already answered' when a send that was answered with
    503 had in fact committed (its connection lost after the COMMIT)."""
    c = PatientCitizen(port, seed)
    try:
        c.open(link)
        _, body = c.answer_until_last()
        ledger.sending(c)
        status, location, _, _ = c.request("POST", "/svar", body)
        if (status, location) != (303, "/tak") and not (status == 200 and 'name="vist"' not in
                                                         c.page):
            return False
        ledger.acknowledge(c, link)
        return True
    except AssertionError as e:
        print("citizen %d: %s" % (seed, e), flush=True)
        return False
    finally:
        c.close()


if __name__ == "__main__":
    main()
