"""The ``.atom`` output: valid Atom (RFC 4287) whatever the catalog holds.

Replaces datasette-atom 0.9's renderer, which fails with a 500 on an empty
result (``max()`` of no rows) and on any stored text lxml refuses (a control
character in one title broke the feed for every subscriber), gives the feed no
author, uses the request URL (host and port) as the feed id and answers
``application/xml``. This one:

- removes the characters XML 1.0 does not allow (section 2.2) from every text;
- gives the feed an author (the catalog), as RFC 4287 section 4.1.1 requires
  when an entry has none, and each entry its ``atom_author_name``;
- uses a permanent id from the catalog and the query, never the host:
  ``urn:cle:feed:catalog:new_courses`` (plus the query's parameters, sorted);
- answers ``application/atom+xml`` (RFC 4287 section 7);
- writes an empty, valid feed when nothing matches (section 4.1.1 allows it).

Columns are datasette-atom's: ``atom_id``, ``atom_updated``, ``atom_title``
(required), ``atom_link``, ``atom_content`` (text), ``atom_content_html``
(cleaned with bleach as datasette-atom does), ``atom_author_name``.
Registered ``trylast`` so it is the ``atom`` renderer while datasette-atom is
installed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import Response
from datasette_atom import can_render_atom, clean

CONTENT_TYPE = "application/atom+xml; charset=utf-8"
#: The feed's author when its query names none: the catalog itself.
DEFAULT_AUTHOR = "CLE catalog"

# Characters outside XML 1.0's Char production (section 2.2).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """``value`` as text XML can carry: characters XML 1.0 forbids removed."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def feed_title(datasette, request, database, table, query_name, sql) -> str:
    """The feed title: the canned query's title, else ``_feed_title``, else SQL."""
    if query_name:
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        title = (queries.get(query_name) or {}).get("title")
        if title:
            return title
    return request.args.get("_feed_title") or table or sql or "Datasette"


def feed_id(database: str, name: str, args: dict[str, str]) -> str:
    """A permanent feed id: the catalog, the query and its non-empty parameters."""
    feed = f"urn:cle:feed:{quote(database, safe='')}:{quote(name, safe='')}"
    params = sorted((k, v) for k, v in args.items() if v and not k.startswith("_"))
    for key, value in params:
        feed += f":{quote(key, safe='')}={quote(value, safe='')}"
    return feed


def _instant(value: object) -> datetime | None:
    try:
        instant = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def _add_entry(generator, row: dict, columns, updated: datetime) -> None:
    entry = generator.add_entry(order="append")
    entry.id(xml_text(row["atom_id"]))
    entry.title(xml_text(row["atom_title"]) or "(untitled)")
    entry.updated(_instant(row["atom_updated"]) or updated)
    if "atom_content_html" in columns and row["atom_content_html"]:
        entry.content(clean(xml_text(row["atom_content_html"])), type="html")
    elif "atom_content" in columns and row["atom_content"]:
        entry.content(xml_text(row["atom_content"]), type="text")
    if "atom_link" in columns and row["atom_link"]:
        entry.link(href=xml_text(row["atom_link"]))
    if "atom_author_name" in columns and row["atom_author_name"]:
        entry.author({"name": xml_text(row["atom_author_name"])})


def atom_feed(title: str, identity: str, self_url: str, rows, columns) -> str:
    """The Atom document of ``rows`` (datasette-atom's columns), as text."""
    from feedgen.feed import FeedGenerator

    instants = [i for i in (_instant(r["atom_updated"]) for r in rows) if i]
    updated = max(instants, default=datetime.now(UTC))
    generator = FeedGenerator()
    generator.id(identity)
    generator.title(xml_text(title) or DEFAULT_AUTHOR)
    generator.author({"name": DEFAULT_AUTHOR})
    generator.link(href=xml_text(self_url), rel="self", type="application/atom+xml")
    generator.updated(updated)
    for row in rows:
        _add_entry(generator, dict(row), columns, updated)
    return generator.atom_str(pretty=True).decode("utf-8")


def render_atom(
    datasette, request, sql, columns, rows, database, table, query_name, view_name, data
):
    """Render rows as an Atom feed (an empty result gives an empty, valid feed)."""
    if not can_render_atom(columns):
        from datasette.views.base import DatasetteError

        raise DatasetteError(
            "SQL query must return columns atom_id, atom_updated, atom_title",
            status=400,
        )
    title = feed_title(datasette, request, database, table, query_name, sql)
    args = {k: request.args.get(k) for k in request.args}
    name = query_name or table or "sql"
    if name == "sql":
        args = {"sql": sql}
    body = atom_feed(title, feed_id(database, name, args), request.url, rows, columns)
    return Response(body, content_type=CONTENT_TYPE, status=200)


@hookimpl(trylast=True)
def register_output_renderer():
    """Register ``.atom`` (last, so it replaces datasette-atom's renderer)."""
    return {"extension": "atom", "render": render_atom, "can_render": can_render_atom}
