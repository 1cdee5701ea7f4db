"""Serve a provider's bundled pages (data/sites/<slug>/) over HTTP on 127.0.0.1.

Used by tests that run a real crawl: the crawler is pointed at the server with
``CLE_SITE_OVERRIDE=<slug>=http://127.0.0.1:<port>``. Each URL of the folder's
``manifest.yml`` is answered by path and query with its file, ``/robots.txt``
with the folder's robots.txt, anything else with 404.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml

SITES = Path(__file__).resolve().parents[2] / "data" / "sites"
_TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json"}


class ManifestHandler(SimpleHTTPRequestHandler):
    """Answer a manifest URL with its file, robots.txt with robots.txt, else 404."""

    def __init__(self, *args, folder: Path, routes: dict[str, str], **kwargs):
        self.folder, self.routes = folder, routes
        super().__init__(*args, directory=str(folder), **kwargs)

    def do_GET(self):  # noqa: N802 - the http.server hook name
        """Serve one mapped page."""
        name = self.routes.get(self.path)
        if name is None and self.path == "/robots.txt":
            name = "robots.txt"
        if name is None or not (self.folder / name).is_file():
            self.send_error(404)
            return
        body = (self.folder / name).read_bytes()
        self.send_response(200)
        kind = _TYPES.get(Path(name).suffix, "text/plain; charset=utf-8")
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Keep test output quiet."""


def routes_of(folder: Path) -> dict[str, str]:
    """``path?query`` -> file name, from the folder's manifest.yml."""
    manifest = yaml.safe_load((folder / "manifest.yml").read_text(encoding="utf-8"))
    routes = {}
    for url, entry in manifest["pages"].items():
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        routes[path] = entry if isinstance(entry, str) else entry["file"]
    return routes


@contextmanager
def served_copy(slug: str, target: Path) -> Iterator[tuple[Path, str]]:
    """Copy ``data/sites/<slug>`` to ``target`` and serve it; yield (copy, base URL).

    Edit files in the copy to imitate a site that changed; the server reads
    them on every request.
    """
    shutil.copytree(SITES / slug, target)
    handler = partial(ManifestHandler, folder=target, routes=routes_of(target))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield target, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
