"""The ``.atom`` output: datasette-atom's feed, plus a valid feed when nothing matches.

datasette-atom 0.9 takes ``max()`` of the rows' ``atom_updated`` and so fails
with a 500 on an empty result (a new catalog, a night with no changes, a
filter that matches nothing). An Atom feed without entries is valid
(RFC 4287 section 4.1.1), so this renderer writes one in that case and hands
every other case to datasette-atom unchanged. Registered ``trylast`` so it is
the ``atom`` renderer while datasette-atom is installed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from datasette import hookimpl
from datasette.utils.asgi import Response
from datasette_atom import can_render_atom
from datasette_atom import render_atom as render_rows


def feed_title(datasette, request, database, table, query_name, sql) -> str:
    """The feed title: the canned query's title, else ``_feed_title``, else SQL."""
    if query_name:
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        title = (queries.get(query_name) or {}).get("title")
        if title:
            return title
    return request.args.get("_feed_title") or table or sql or "Datasette"


def empty_feed(url: str, title: str, updated: datetime) -> str:
    """An Atom feed with its required elements and no entries."""
    from feedgen.feed import FeedGenerator

    generator = FeedGenerator()
    generator.id(url)
    generator.link(href=url, rel="self")
    generator.title(title)
    generator.updated(updated)
    return generator.atom_str(pretty=True).decode("utf-8")


def render_atom(
    datasette, request, sql, columns, rows, database, table, query_name, view_name, data
):
    """Render rows as Atom; an empty result gives an empty, valid feed."""
    if rows or not can_render_atom(columns):
        return render_rows(
            datasette=datasette,
            request=request,
            sql=sql,
            columns=columns,
            rows=rows,
            database=database,
            table=table,
            query_name=query_name,
            view_name=view_name,
            data=data,
        )
    title = feed_title(datasette, request, database, table, query_name, sql)
    body = empty_feed(request.url, title, datetime.now(UTC))
    return Response(body, content_type="application/xml; charset=utf-8", status=200)


@hookimpl(trylast=True)
def register_output_renderer():
    """Register ``.atom`` (last, so it wraps datasette-atom's renderer)."""
    return {"extension": "atom", "render": render_atom, "can_render": can_render_atom}
