#!/usr/bin/python3
"""Are two builds' pages byte for byte the same? (bench/README.md, page_bench, session 14)

    bench/compare_pages.py OLD_TILFREDS NEW_TILFREDS [--keep DIR]

Makes one demo database with OLD (`demo --no-serve`), copies it, serves OLD over one copy
and NEW over the other (`serve --port`), and walks the same requests through both: the
citizen's code form, link, intro and every theme page (empty, with errors, with answers
checked, in Danish and English), the thank-you page; a member of staff's complaint list
(with its filters and pager, in English), a case, the new-complaint form, and the
administration's preview of every theme page in both languages and with its errors. Each
body is compared after blanking what differs by design (CSRF tokens, form keys); exit 1
on any difference, the pages written to DIR (or a temporary directory) to diff.
A speed-up that changes a page is a bug: run this before quoting page_bench.
"""
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Client:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def csrf(body):
    m = re.search(r'name="csrf" value="([^"]*)"', body)
    return m.group(1) if m else ""


def first_answers(body):
    """The page's hidden fields, and the first option of every radio group."""
    form = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body):
        form[name] = value
    for name, value in re.findall(r'<input type="radio" id="[^"]*" name="([^"]+)" value="([^"]*)"', body):
        form.setdefault(name, value)
    return form


def blank(body):
    body = re.sub(r'(name="(?:csrf|noegle|stempel|form_key|key)" value=")[^"]*"', r'\1"', body)
    return body


def walk(port, demo):
    pages = []
    c = Client(port)

    def get(name, path):
        status, body = c.request(path)
        pages.append((name, status, body))
        return body

    def post(name, path, form):
        status, body = c.request(path, form)
        pages.append((name, status, body))
        return body

    get("kode", "/kode")
    post("kode-wrong", "/kode", {"kode": "AAAA-BBBB"})
    post("kode-right", "/kode", {"kode": demo["code"]})
    intro = get("intro", "/svar")
    get("intro-en", "/svar?lang=en")
    intro = get("intro-da", "/svar?lang=da")
    post("start", "/svar", {"csrf": csrf(intro), "side": "0", "handling": "start"})
    page = get("page-1", "/svar")
    post("page-1-empty", "/svar", {"csrf": csrf(page), "side": "1", "vist": first_answers(page).get("vist", ""),
                                    "handling": "naeste"})
    for n in range(1, 20):
        page = get(f"page-{n}", "/svar")
        get(f"page-{n}-en", "/svar?lang=en")
        page = get(f"page-{n}-da", "/svar?lang=da")
        if 'value="send"' in page:
            form = first_answers(page)
            post(f"page-{n}-send", "/svar", dict(form, handling="send"))
            break
        form = first_answers(page)
        post(f"page-{n}-next", "/svar", dict(form, handling="naeste"))
        if n == 1:
            # Back from page 2: page 1 again, its answers checked.
            page2 = get("page-2-first", "/svar")
            post("page-2-back", "/svar", dict(first_answers(page2), handling="tilbage"))
            get("page-1-checked", "/svar")
            post("page-1-again", "/svar", dict(first_answers(page), handling="naeste"))
    get("tak", "/tak")

    s = Client(port)
    c = s
    login = get("login", "/login")
    post("login-post", "/login", {"csrf": csrf(login), "next": "", "navn": "admin", "adgangskode": demo["admin"]})
    for q in ["", "?status=received", "?status=closed&q=k-&tilbud=1", "?overskredet=1", "?q=a",
              "?kategori=realitet", "?side=2", "?lang=en",
              "?lang=da"]:
        get("klager" + q, "/klager" + q)
    get("klager-1", "/klager/1")
    get("klager-ny", "/klager/ny")
    overview = get("undersoegelser", "/undersoegelser")
    for href in sorted(set(re.findall(r'href="(/undersoegelser/skemaer/[^"?]+/vis)', overview))):
        for lang in ["da", "en"]:
            for side in range(0, 6):
                get(f"preview {href} {lang} {side}", f"{href}?lang={lang}&side={side}")
                get(f"preview {href} {lang} {side} errors", f"{href}?lang={lang}&side={side}&handling=naeste")
    return pages


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        keep = args[args.index("--keep") + 1]
        del args[args.index("--keep"):args.index("--keep") + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    old, new = (os.path.abspath(a) for a in args)
    work = keep or tempfile.mkdtemp(prefix="tilfreds-compare-")
    os.makedirs(work, exist_ok=True)
    a, b = os.path.join(work, "a.db"), os.path.join(work, "b.db")
    for f in os.listdir(work):
        if f.startswith(("a.db", "b.db")):
            os.remove(os.path.join(work, f))
    out = subprocess.run([old, "--db", a, "--key-file", a + ".key", "demo", "--no-serve"], capture_output=True,
                         text=True, check=True).stdout
    demo = {"code": re.search(r"type the code (\S+)", out).group(1),
            "admin": re.search(r"admin / (\S+)", out).group(1)}
    for f in os.listdir(work):
        if f.startswith("a.db"):
            shutil.copy(os.path.join(work, f), os.path.join(work, "b" + f[1:]))
    servers, ports = [], []
    try:
        for binary, db in ((old, a), (new, b)):
            port = free_port()
            servers.append(subprocess.Popen([binary, "--db", db, "--key-file", db + ".key", "serve", "--port",
                                             str(port), "--threads", "16"], stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL))
            ports.append(port)
        for port in ports:
            for _ in range(100):
                try:
                    if Client(port).request("/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
        walks = [walk(port, demo) for port in ports]
    finally:
        for s in servers:
            s.terminate()
            s.wait()
    differ = 0
    for i, ((name, status_a, body_a), (_, status_b, body_b)) in enumerate(zip(*walks)):
        same = status_a == status_b and blank(body_a) == blank(body_b)
        for side, body in (("old", body_a), ("new", body_b)):
            with open(os.path.join(work, f"{i:03d}.{side}.html"), "w") as f:
                f.write(blank(body))
        if not same:
            differ += 1
            print(f"DIFFERS {i:03d} {name}: {status_a} / {status_b}")
    print(f"{len(walks[0])} pages, {differ} differ; pages in {work}")
    sys.exit(1 if differ or len(walks[0]) != len(walks[1]) else 0)


if __name__ == "__main__":
    main()
