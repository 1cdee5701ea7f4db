"""Refuse every request that could change something: the catalog is read-only.

Datasette 0.65 already opens the file with read-only connections; this closes
the remaining doors (write canned queries, POST forms) at the edge, and turns
a POST to a read-only canned query, which Datasette 0.65.5 answers with a 500
and a traceback, into a plain 405.
"""

from datasette import hookimpl

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MESSAGE = b"This CLE catalog is read-only: only GET requests are answered.\n"


def refuse_writes(app):
    """Wrap an ASGI app so that only GET, HEAD and OPTIONS reach it."""

    async def read_only_app(scope, receive, send):
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            await send(
                {
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"allow", b"GET, HEAD, OPTIONS"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": MESSAGE})
            return
        await app(scope, receive, send)

    return read_only_app


@hookimpl
def asgi_wrapper():
    """Put :func:`refuse_writes` in front of Datasette."""
    return refuse_writes
