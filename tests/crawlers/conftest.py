"""Shared fixtures for crawler tests: golden replay, bundled pages, a local site server.

- ``golden(slug)`` → ``(items, expected)``: replays ``data/sites/<slug>/`` through
  the spider's callbacks with the clock frozen at ``captured_at``
  (:func:`tests.record_golden.golden_items`) and reads ``tests/golden/<slug>.json``.
- ``page_response(slug, url)``: a Scrapy response for one bundled page, for
  focused tests of a platform's extraction functions.
- ``site_server``: a factory that serves provider folders over HTTP on
  127.0.0.1 (paths from their manifests), records every requested path, and
  accepts extra routes (``{path: (status, body)}`` or ``{path: "sleep:5"}``).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from w3lib.url import canonicalize_url

from crawlers.offline import load_manifest, sites_dir
from tests.record_golden import golden_items, golden_path


@pytest.fixture
def golden():
    """Return a function slug → (replayed items, items in its golden file)."""

    def run(slug: str):
        expected = json.loads(golden_path(slug).read_text("utf-8"))
        return golden_items(slug), expected

    return run


@pytest.fixture
def page_response():
    """Return a function (slug, url) → the bundled page as a Scrapy response."""

    def build(slug: str, url: str):
        return load_manifest(slug).response_for(url)

    return build


class _SiteHandler(BaseHTTPRequestHandler):
    routes: dict = {}
    requested: list = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = self.path
        self.requested.append(path)
        route = self.routes.get(canonical_path(path))
        if route is None:
            self._send(404, b"not found", "text/plain")
            return
        if isinstance(route, str) and route.startswith("sleep:"):
            time.sleep(float(route.split(":", 1)[1]))
            self._send(200, b"<html>late</html>", "text/html")
            return
        status, body, content_type = route
        self._send(status, body, content_type)

    def _send(self, status, body, content_type):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def canonical_path(path: str) -> str:
    """``/p?b=2&a=1`` → ``/p?a=1&b=2`` (the manifest's canonical URL form)."""
    parts = urlsplit(canonicalize_url("http://127.0.0.1" + path))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def manifest_routes(slug: str) -> dict:
    """``{path?query: (status, body, content type)}`` for a provider's bundled pages."""
    manifest = load_manifest(slug)
    routes = {}
    for url, page in manifest.pages.items():
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = manifest.response_for(url)
        content_type = response.headers.get("Content-Type", b"text/html").decode()
        routes[canonical_path(path)] = (page.status, response.body, content_type)
    return routes


@pytest.fixture
def site_server():
    """Start one local HTTP server per call; all stopped at teardown.

    ``site_server(routes)`` → ``(base_url, requested_paths)``.
    """
    servers = []

    def start(routes: dict):
        handler = type(
            "Handler", (_SiteHandler,), {"routes": dict(routes), "requested": []}
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}", handler.requested

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def provider_slugs() -> list[str]:
    """Every provider folder under data/sites/ that has a manifest."""
    return sorted(p.parent.name for p in sites_dir().glob("*/manifest.yml"))
