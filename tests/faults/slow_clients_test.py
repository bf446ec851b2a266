"""Slow and abusive clients against the real binary with its default settings: while each attack
runs, citizens opening pages on fresh connections get their answers with p99 under 2 s
(issue 6), and the attack itself is refused where it can be.

Attacks: slowloris (header bytes trickled), slow POST bodies, hundreds of idle keep-alive
connections, oversized headers, oversized / chunked / gzip-bomb bodies sent in a loop.
The honest limit: cpp-httplib 0.11.4 gives each connection a whole pool thread while it
trickles, so more slow connections than pool threads starve everybody until the read timeout
ends them; the test stays below that and the README says what nginx in front does about it.

Usage: slow_clients_test.py PATH/TO/tilfreds SOURCE_DIR [SERVE OPTION...]
"""

import gzip
import mmap
import os
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import tilfreds_process as tp  # noqa: E402

P99_BOUND = 2.0
SANITIZER_SLOWDOWN = 5
# Below the default pool of 512 threads (see the module comment); TILFREDS_ATTACK_CONNECTIONS
# above it shows the limit.
ATTACK_CONNECTIONS = int(os.environ.get("TILFREDS_ATTACK_CONNECTIONS", 300))
MEASURE_SECONDS = 2.5
PROBES = 4                 # concurrent normal visitors


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


class Attack(threading.Thread):
    """Runs `step(port)` for each of `connections` sockets opened by `opener`, every `interval`
    seconds, until stopped. One thread drives every socket."""

    def __init__(self, port, connections, opener, step, interval):
        super().__init__(daemon=True)
        self.port, self.connections = port, connections
        self.opener, self.step, self.interval = opener, step, interval
        self.stop_event = threading.Event()
        self.socks = []
        self.errors = 0      # connections that could not be opened
        self.reconnects = 0  # connections the server closed, opened again

    def run(self):
        for _ in range(self.connections):
            try:
                self.socks.append(self.opener(self.port))
            except OSError:
                self.errors += 1
        while not self.stop_event.wait(self.interval):
            for i, s in enumerate(self.socks):
                try:
                    self.step(s)
                except OSError:
                    # The server closed it (timeout or refusal): an attacker reconnects.
                    s.close()
                    self.reconnects += 1
                    try:
                        self.socks[i] = self.opener(self.port)
                    except OSError:
                        self.errors += 1

    def stop(self):
        self.stop_event.set()
        self.join(10)
        for s in self.socks:
            s.close()


def slowloris_open(port):
    s = connect(port)
    s.sendall(b"GET /kode HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return s


def slowloris_step(s):
    s.sendall(b"X-a: b\r\n")


def slow_post_open(port):
    s = connect(port)
    s.sendall(b"POST /kode HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 8000\r\n\r\nkode=")
    return s


def slow_post_step(s):
    s.sendall(b"A")


def keep_alive_open(port):
    s = connect(port)
    keep_alive_step(s)
    return s


def keep_alive_step(s):
    # A browser reusing its connection now and then: one small request, then idle again.
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    read_response(s)


def read_response(s):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise OSError("closed")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(rest) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return int(head.split(b" ")[1]), head


def one_shot(payload, expect_status):
    """An opener that sends a whole hostile request and checks the refusal."""
    def open_and_check(port):
        s = connect(port)
        try:
            s.sendall(payload)
        except OSError:
            pass  # refused before the whole payload went out: fine
        try:
            status, _ = read_response(s)
        except OSError:
            status = None
        finally:
            s.close()
        if status not in expect_status:
            raise AssertionError("hostile request got %r, expected one of %r" % (status, expect_status))
        return None
    return open_and_check


class Flood(threading.Thread):
    """Sends a hostile request over and over from `workers` threads until stopped."""

    def __init__(self, port, request, workers=4):
        super().__init__(daemon=True)
        self.port, self.request, self.workers = port, request, workers
        self.stop_event = threading.Event()
        self.sent = 0
        self.failure = None

    def run(self):
        def loop():
            while not self.stop_event.is_set():
                try:
                    self.request(self.port)
                    self.sent += 1
                except AssertionError as e:
                    self.failure = e
                    return
                except OSError:
                    pass
        threads = [threading.Thread(target=loop, daemon=True) for _ in range(self.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def stop(self):
        self.stop_event.set()
        self.join(15)


def measure(port, seconds=MEASURE_SECONDS):
    """Latencies of normal visitors (a fresh connection, GET /kode) during `seconds`."""
    latencies, failures = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def visitor():
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                s = connect(port)
                s.settimeout(10)
                s.sendall(b"GET /kode HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                status, _ = read_response(s)
                s.close()
                ok = status == 200
            except OSError as e:
                ok, status = False, str(e)
            took = time.monotonic() - start
            with lock:
                latencies.append(took)
                if not ok:
                    failures.append(status)
            time.sleep(0.02)

    threads = [threading.Thread(target=visitor) for _ in range(PROBES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("inf")
    return p99, len(latencies), failures


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def sanitized(pid):
    """AddressSanitizer in the process: gcc maps libasan.so, clang links it into the binary."""
    with open("/proc/%d/maps" % pid) as f:
        if "libasan" in f.read():
            return True
    with open("/proc/%d/exe" % pid, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return m.find(b"__asan_init") != -1


def main():
    binary, source = sys.argv[1], sys.argv[2]
    bomb = gzip.compress(b"\0" * (64 << 20), 9)  # 64 MiB of zeros in ~64 KiB
    big_header = b"GET /kode HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (64 << 10) + b"\r\n\r\n"
    many_headers = (b"GET /kode HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                    b"".join(b"X-%d: v\r\n" % i for i in range(2000)) + b"\r\n")
    big_body = (b"POST /kode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                b"\r\nContent-Length: %d\r\n\r\n" % (1 << 20)) + b"a" * (1 << 20)
    chunked = (b"POST /svar HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\n\r\n" +
               b"".join(b"1000\r\n" + b"a" * 4096 + b"\r\n" for _ in range(64)) + b"0\r\n\r\n")
    gzip_bomb = (b"POST /kode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Encoding: gzip\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
                 % len(bomb)) + bomb

    with tempfile.TemporaryDirectory() as work:
        db, _ = tp.prepare_db(binary, source, work, 1)
        server = tp.Server(binary, db, os.path.join(work, "server.log"), sys.argv[3:])
        try:
            # The latency promise is the production build's (the first ctest run). The
            # sanitizer run (Debug, -O0, AddressSanitizer: about ten times slower per
            # request) is here for memory errors under the attacks: it must serve every
            # visitor and survive, within a bound scaled to its speed.
            bound = P99_BOUND * (SANITIZER_SLOWDOWN if sanitized(server.proc.pid) else 1)
            if bound != P99_BOUND:
                print("(sanitizer build: p99 bound %.0f s)" % bound, flush=True)
            base, n, failures = measure(server.port, 1.0)
            tp.expect(not failures, "no attack yet, yet failures: %r" % failures[:5])
            print("%-24s p99 %6.3f s over %4d requests" % ("no attack", base, n), flush=True)
            sustained = [
                ("slowloris x%d" % ATTACK_CONNECTIONS,
                 lambda: Attack(server.port, ATTACK_CONNECTIONS, slowloris_open, slowloris_step, 1.0)),
                ("slow POST x%d" % ATTACK_CONNECTIONS,
                 lambda: Attack(server.port, ATTACK_CONNECTIONS, slow_post_open, slow_post_step, 1.0)),
                ("idle keep-alive x%d" % ATTACK_CONNECTIONS,
                 # Every 1.5 s, inside the 2 s idle timeout: each connection holds its thread.
                 lambda: Attack(server.port, ATTACK_CONNECTIONS, keep_alive_open, keep_alive_step, 1.5)),
                ("64 KiB header line", lambda: Flood(server.port, one_shot(big_header, (400, 431, None)))),
                # cpp-httplib 0.11.4 has no limit on the number of header lines: served, harmlessly.
                ("2000 headers", lambda: Flood(server.port, one_shot(many_headers, (200, 400, 431)))),
                ("1 MiB body", lambda: Flood(server.port, one_shot(big_body, (413,)))),
                ("chunked body", lambda: Flood(server.port, one_shot(chunked, (411,)))),
                ("gzip bomb 64 MiB", lambda: Flood(server.port, one_shot(gzip_bomb, (415,)))),
            ]
            for name, make in sustained:
                rss_before = rss_kib(server.proc.pid)
                attack = make()
                attack.start()
                time.sleep(1.0)  # the attack has its connections before the visitors come
                try:
                    p99, n, failures = measure(server.port)
                finally:
                    attack.stop()
                if getattr(attack, "failure", None):
                    raise attack.failure
                print("%-24s p99 %6.3f s over %4d requests, %d failed" % (name, p99, n, len(failures)),
                      flush=True)
                if isinstance(attack, Attack):
                    print("  %d connections held, %d could not open, %d closed by the server"
                          % (len(attack.socks), attack.errors, attack.reconnects), flush=True)
                    tp.expect(attack.errors < ATTACK_CONNECTIONS // 10, "%s: the attack did not connect" % name)
                tp.expect(not failures, "%s: normal requests failed: %r" % (name, failures[:5]))
                tp.expect(p99 < bound, "%s: p99 %.2f s is over %.1f s" % (name, p99, bound))
            # The bomb runs last, when every thread's stack is already touched: a bomb inflated
            # even once would add 64 MiB.
            grown = rss_kib(server.proc.pid) - rss_before
            print("resident size grew %d KiB under the gzip bomb" % grown, flush=True)
            if sanitized(server.proc.pid):
                # ASan keeps freed memory in quarantine, so resident size grows with any
                # traffic; the 415 above is the proof there.
                print("  (AddressSanitizer build: growth not checked)", flush=True)
            else:
                tp.expect(grown < 32 << 10, "the server grew %d KiB under the gzip bomb" % grown)
            tp.expect(server.proc.poll() is None, "the server survived")
        finally:
            if server.proc.poll() is None:
                server.kill()
    print("ok")


if __name__ == "__main__":
    main()
