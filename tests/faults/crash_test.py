"""Crash: citizens submit concurrently, the server is killed with SIGKILL at a random moment and
restarted, five times over one database. After every kill: each submission that got its
thank-you page is stored exactly once, nothing partial exists, the counts equal what the
response rows imply, and PRAGMA integrity_check is ok (tests/support/tilfreds_process.py).

Usage: crash_test.py PATH/TO/tilfreds SOURCE_DIR
"""

import os
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import tilfreds_process as tp  # noqa: E402

KILLS = 5
CITIZENS_AT_ONCE = 16
INVITEES = 1500


def main():
    binary, source = sys.argv[1], sys.argv[2]
    rng = tp.seeded_random("kill moments")
    with tempfile.TemporaryDirectory() as work:
        db, links = tp.prepare_db(binary, source, work, INVITEES)
        todo = list(enumerate(links))
        ledger = tp.Ledger()
        lock = threading.Lock()
        for round_no in range(KILLS):
            server = tp.Server(binary, db, os.path.join(work, "server.log"))
            stop = threading.Event()
            threads = tp.start_citizens(CITIZENS_AT_ONCE, todo, lock, stop,
                                        lambda n, link: ledger.walk(server.port, n, link))
            # Random, but after this round's first thank-you, so a slow machine still kills
            # with submissions stored and others in flight.
            tp.random_moment(ledger, rng)
            stop.set()  # no new citizens: those walking now meet the kill
            server.kill()
            for t in threads:
                t.join(30)
                if t.is_alive():
                    raise AssertionError("a citizen thread hung after the kill")
            stored = ledger.check(db, source)
            print("kill %d: %d acknowledged, %d sent, %d stored"
                  % (round_no + 1, len(ledger.acknowledged), len(ledger.sent), stored), flush=True)
        # Restarted once more, the server serves from the database the kills left.
        server = tp.Server(binary, db, os.path.join(work, "server.log"))
        c = tp.Citizen(server.port, 1)
        c.open(todo.pop()[1])
        c.close()
        server.kill()
        if len(ledger.acknowledged) < KILLS:
            raise AssertionError("too few submissions got through to test anything")
    print("ok")


if __name__ == "__main__":
    main()
