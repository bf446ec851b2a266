"""SIGTERM: a request in flight when the signal comes finishes and is stored, the process exits
within 5 s (also when the signal comes the moment it has started), and 100 cycles of start, a few concurrent submissions, SIGTERM and exit leave the
database intact with every acknowledged submission stored exactly once.

Usage: sigterm_test.py PATH/TO/tilfreds SOURCE_DIR [CYCLES]
"""

import os
import signal
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import tilfreds_process as tp  # noqa: E402

CITIZENS_PER_CYCLE = 3
EXIT_WITHIN = 5.0


def in_flight_request_finishes(binary, source, work):
    """The final page's body is half sent when SIGTERM arrives; the rest follows 0.5 s later.
    The citizen still gets the thank-you page, the response is stored, and the server exits."""
    db, links = tp.prepare_db(binary, source, work, 2)
    server = tp.Server(binary, db, os.path.join(work, "inflight.log"))
    c = tp.Citizen(server.port, 7)
    c.open(links[0])
    _, body = c.answer_until_last()
    c.close()
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    head = ("POST /svar HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: %s\r\nContent-Type: %s\r\n"
            "Content-Length: %d\r\n\r\n" % (c.cookie, tp.FORM, len(body))).encode()
    half = len(body) // 2
    s.sendall(head + body[:half].encode())
    time.sleep(0.2)
    started = time.monotonic()
    server.signal(signal.SIGTERM)
    time.sleep(0.5)
    s.sendall(body[half:].encode())
    reply = s.recv(4096).decode("latin-1")
    s.close()
    code = server.wait(EXIT_WITHIN)
    took = time.monotonic() - started
    tp.expect(reply.startswith("HTTP/1.1 303") and "Location: /tak" in reply,
              "the request in flight at SIGTERM was answered: %r" % reply[:200])
    tp.expect(code == 0, "exit code after SIGTERM: %r (%.1f s)" % (code, took))
    tp.check_db(db, source, [c.answers], [c.answers])
    print("in-flight request finished; exit after %.2f s" % took, flush=True)


def stop_right_after_start(binary, source, work, times=20):
    """SIGTERM the moment the port is printed, before the listen loop may be running: the
    server still stops within the bound (it used to ignore such a signal and serve on)."""
    db, _ = tp.prepare_db(binary, source, work, 1)
    for i in range(times):
        server = tp.Server(binary, db, os.path.join(work, "early.log"))
        started = time.monotonic()
        server.signal(signal.SIGTERM)
        code = server.wait(EXIT_WITHIN)
        tp.expect(code == 0, "stop %d right after start: exit code %r after %.1f s"
                  % (i, code, time.monotonic() - started))
    print("%d stops right after start: ok" % times, flush=True)


def restart_cycles(binary, source, work, cycles):
    db, links = tp.prepare_db(binary, source, work, cycles * CITIZENS_PER_CYCLE)
    ledger = tp.Ledger()
    slowest = 0.0
    for cycle in range(cycles):
        server = tp.Server(binary, db, os.path.join(work, "cycles.log"))
        first_ack = threading.Event()

        def walk(seed, link):
            # Refused after the stop means not acknowledged, so nothing is owed.
            if ledger.walk(server.port, seed, link):
                first_ack.set()

        base = cycle * CITIZENS_PER_CYCLE
        threads = [threading.Thread(target=walk, args=(base + i, links[base + i]))
                   for i in range(CITIZENS_PER_CYCLE)]
        for t in threads:
            t.start()
        # Stop while the others are still mid-questionnaire.
        first_ack.wait(10)
        started = time.monotonic()
        server.signal(signal.SIGTERM)
        code = server.wait(EXIT_WITHIN)
        took = time.monotonic() - started
        slowest = max(slowest, took)
        tp.expect(code == 0, "cycle %d: exit code %r after SIGTERM (%.1f s)" % (cycle, code, took))
        for t in threads:
            t.join(20)
            tp.expect(not t.is_alive(), "a citizen hung after the stop")
        ledger.check(db, source)
    tp.expect(len(ledger.acknowledged) >= cycles, "fewer acknowledged submissions than cycles")
    print("%d cycles: %d acknowledged, %d sent; slowest exit %.2f s"
          % (cycles, len(ledger.acknowledged), len(ledger.sent), slowest), flush=True)


def main():
    binary, source = sys.argv[1], sys.argv[2]
    cycles = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    with tempfile.TemporaryDirectory() as work:
        in_flight_request_finishes(binary, source, work)
    with tempfile.TemporaryDirectory() as work:
        stop_right_after_start(binary, source, work)
    with tempfile.TemporaryDirectory() as work:
        restart_cycles(binary, source, work, cycles)
    print("ok")


if __name__ == "__main__":
    main()
