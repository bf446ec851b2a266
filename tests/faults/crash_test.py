"""Crash: citizens submit concurrently, the server is killed with SIGKILL at a random moment and
restarted, five times over one database. After every kill: each submission that got its
thank-you page is stored exactly once, nothing partial exists, the counts equal what the
response rows imply, and PRAGMA integrity_check is ok (tests/support/tilfreds_process.py).

Usage: crash_test.py PATH/TO/tilfreds SOURCE_DIR
"""

import os
import random
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import tilfreds_process as tp  # noqa: E402

KILLS = 5
CITIZENS_AT_ONCE = 16
INVITEES = 1500


def main():
    binary, source = sys.argv[1], sys.argv[2]
    seed = int(os.environ.get("TILFREDS_SEED", time.time_ns() % 1000000))
    print("kill moments from TILFREDS_SEED=%d" % seed, flush=True)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as work:
        db, links = tp.prepare_db(binary, source, work, INVITEES)
        todo = list(enumerate(links))
        ledger = tp.Ledger()
        lock = threading.Lock()
        for round_no in range(KILLS):
            server = tp.Server(binary, db, os.path.join(work, "server.log"))
            stop = threading.Event()

            def citizen_loop(delay):
                time.sleep(delay)  # staggered, so submissions are in flight at any moment
                while not stop.is_set():
                    with lock:
                        if not todo:
                            return
                        seed, link = todo.pop()
                    ledger.walk(server.port, seed, link)

            threads = [threading.Thread(target=citizen_loop, args=(i * 0.02,))
                       for i in range(CITIZENS_AT_ONCE)]
            for t in threads:
                t.start()
            # Random, but after this round's first thank-you, so a slow machine still kills
            # with submissions stored and others in flight.
            acked_before = len(ledger.acknowledged)
            deadline = time.monotonic() + 30
            while len(ledger.acknowledged) == acked_before and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.8))
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
