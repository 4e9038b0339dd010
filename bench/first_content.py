"""First content on a slow phone: each kind of page of a built site, served gzipped from a local
server, opened in headless Chromium (Debian's, through Playwright) with Lighthouse's "slow 4G"
network (150 ms latency, 1.6 Mbps down, 750 kbps up), a 390-px phone viewport and a 4x CPU
slowdown; the browser's First Contentful Paint of each page, the median of a few first visits.

Run by `make bench` (step 10); `python bench/first_content.py [_build/html]` measures a site alone
and prints one line a page."""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
# Lighthouse's mobile throttling ("slow 4G", simulated by devtools here).
LATENCY_MS = 150
DOWN_BYTES_PER_S = 1.6 * 1024 * 1024 / 8
UP_BYTES_PER_S = 750 * 1024 / 8
CPU_SLOWDOWN = 4
PHONE = {"width": 390, "height": 844}
RUNS = 3
TARGET_MS = 2000
TIMEOUT_MS = 60_000


def page_kinds(html: Path) -> dict[str, str]:
    """One page of each kind a reader meets (kind -> path in the site): the landing page, every
    chapter, the pairings index and one pairing, the explorer, the method and data pages, the
    sources index and one source. Kinds the site lacks are left out."""
    wanted = {"landing": "index.html", "pairings index": "pairings/index.html", "explorer": "explore/index.html"}
    wanted |= {"method": "method.html", "data": "sources/data.html", "sources index": "sources/index.html"}
    wanted |= {f"chapter {p.stem}": f"chapters/{p.name}" for p in sorted((html / "chapters").glob("*.html"))}
    firsts = {"pairing": sorted((html / "pairings").glob("*-*.html")), "source": sorted((html / "sources").glob("src-*.html"))}
    wanted |= {kind: found[0].relative_to(html).as_posix() for kind, found in firsts.items() if found}
    return {kind: path for kind, path in wanted.items() if (html / path).is_file()}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web server would: gzip for text, to a browser that accepts it."""

    ZIPPED = (".html", ".css", ".js", ".json", ".svg", ".csv", ".txt", ".map")

    def do_GET(self) -> None:
        path = Path(self.directory) / unquote(urlsplit(self.path).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in self.ZIPPED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def gzip_server(html: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(html)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


FIRST_CONTENT = """() => new Promise(done => {
  const found = () => performance.getEntriesByName("first-contentful-paint")[0];
  if (found()) return done(found().startTime);
  new PerformanceObserver(list => { const e = found(); if (e) done(e.startTime); }).observe({type: "paint", buffered: true});
  setTimeout(() => done(null), 20000);
})"""


def first_visit_ms(browser: Any, url: str) -> dict[str, Any]:
    """One first visit (a fresh context: nothing cached) on the throttled phone: FCP and bytes received."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": LATENCY_MS, "downloadThroughput": DOWN_BYTES_PER_S, "uploadThroughput": UP_BYTES_PER_S},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    received = []
    tab.on("requestfinished", lambda request: received.append(request))
    try:
        tab.goto(url, wait_until="domcontentloaded")  # the first paint needs no more than the parsed page
        fcp = tab.evaluate(FIRST_CONTENT)
        tab.wait_for_load_state("load")  # so the bytes counted are the whole first visit's
        error = ""
    except PlaywrightError as exc:  # a visit that times out on a busy machine is reported, not fatal
        fcp, error = None, str(exc).splitlines()[0]
    transferred = sum(
        (r.sizes() or {}).get("responseBodySize", 0) + (r.sizes() or {}).get("responseHeadersSize", 0) for r in received
    )
    context.close()
    return {"fcp_ms": round(fcp) if fcp is not None else None, "transferred_bytes": transferred, "error": error}


def first_content(html: Path, runs: int = RUNS) -> dict[str, Any]:
    """Each page kind's median first-content time over `runs` first visits (ms), and what it sent."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        return {"ok": False, "error": f"{CHROMIUM} is missing (`bash .ci/install-test-deps` installs it)", "pages": []}
    kinds = page_kinds(html)
    pages = []
    with gzip_server(html) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for kind, path in kinds.items():
                visits = [first_visit_ms(browser, f"{origin}/{path}") for _ in range(runs)]
                times = [v["fcp_ms"] for v in visits if v["fcp_ms"] is not None]
                fcp = round(statistics.median(times)) if times else None
                pages.append(
                    {
                        "kind": kind,
                        "page": path,
                        "fcp_ms": fcp,
                        "runs_ms": [v["fcp_ms"] for v in visits],
                        "transferred_bytes": visits[-1]["transferred_bytes"],
                        "errors": [v["error"] for v in visits if v["error"]],
                        "ok": fcp is not None and fcp <= TARGET_MS,
                    }
                )
        finally:
            browser.close()
    slowest = max(pages, key=lambda r: r["fcp_ms"] or float("inf"), default=None)
    return {
        "ok": bool(pages) and all(r["fcp_ms"] is not None for r in pages),
        "error": "",
        "conditions": f"{LATENCY_MS} ms latency, 1.6 Mbps down, 750 kbps up, {CPU_SLOWDOWN}x CPU slowdown, {PHONE['width']} px, gzip",
        "runs": runs,
        "slowest_ms": slowest["fcp_ms"] if slowest else None,
        "slowest_page": slowest["page"] if slowest else None,
        "pages": pages,
    }


def main(argv: list[str]) -> int:
    html = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "_build" / "html"
    result = first_content(html)
    if result["error"]:
        print(result["error"], file=sys.stderr)
        return 2
    for row in result["pages"]:
        verdict = "" if row["ok"] else "  MISSED (target 2 s)"
        print(f"{row['kind']:<26} {row['page']:<44} {row['fcp_ms']} ms  {row['transferred_bytes'] / 1024:.0f} KB{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
