"""The courses table as a course list: upcoming first, past hidden, facets in words.

- ``listing_order`` (migration 0005) sorts dated listings by start and puts
  the on-demand ones after them; by default the page keeps
  ``listing_order >= now`` (upcoming and on demand). ``?_past=1`` shows past
  sessions too; ``?_when=this_week|this_month|next_month|later|on_demand|past``
  keeps one span (the "When" facet's links); ``?_area=litigation`` one
  practice area. The same URL answers the same rows in HTML, JSON and CSV.
- The "When" facet (``- when: listing_order`` in metadata) counts each span
  (:func:`spans_sql`); the "words" facets count columns in one pass, with
  labels a paralegal reads ("Live webinar", "Free") and a title.
- The list itself is drawn by ``_table-table-catalog-courses.html`` from words
  put together once per row (``plugins/cle_pages.py``); no ``render_cell``
  hook, which Datasette would call for each of the 35 cells of each row
  (it doubled the page's time at 100 rows).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
    path_with_replaced_args,
)

from catalog import listing_text
from catalog.pages_context import (
    DEFAULT_CLAUSE,
    WHEN_CLAUSE,
    current_ranges,
    dated_only,
    now_utc,
    provider_name,
    week_zone,
)

TABLE = ("catalog", "courses")
#: Facet column -> (title, value -> label).
FACET_WORDS = {
    "provider": ("Provider", {}),
    "format": ("Format", listing_text.FORMAT_LABELS),
    "is_free": ("Price", listing_text.FREE_LABELS),
    "status": ("Listing status", listing_text.STATUS_LABELS),
    "credit_status": ("Credit approval", {}),
}


def when_filter(args, now: datetime, zone: str) -> FilterArguments:
    """The ``listing_order`` condition of a courses page, from its query string."""
    ranges = listing_text.when_ranges(now, zone)
    chosen = args.get("_when")
    if chosen in ranges:
        low, high = ranges[chosen]
        return FilterArguments(
            [WHEN_CLAUSE],
            {"cle_when_low": low, "cle_when_high": high},
            [listing_text.WHEN_LABELS[chosen].lower()],
        )
    if args.get("_past"):
        return FilterArguments([], human_descriptions=["past sessions included"])
    return FilterArguments(
        [DEFAULT_CLAUSE],
        {"cle_now": ranges["past"][1]},
        ["upcoming and on demand (past sessions hidden)"],
    )


def area_filter(args) -> FilterArguments | None:
    """``?_area=litigation``: the listings of one practice area (indexed table)."""
    area = (args.get("_area") or "").strip()
    if not area:
        return None
    return FilterArguments(
        [
            "id in (select course from course_practice_areas "
            "where area = :cle_area collate nocase)"
        ],
        {"cle_area": area},
        [f"in practice area {area!r}"],
    )


@hookimpl
def filters_from_request(request, database, table, datasette):
    """Hide past sessions unless asked (``_past``, ``_when``); ``_area`` narrows."""
    if (database, table) != TABLE:
        return None
    when = when_filter(request.args, now_utc(), week_zone())
    area = area_filter(request.args)
    if area is None:
        return when
    return FilterArguments(
        when.where_clauses + area.where_clauses,
        {**when.params, **area.params},
        area.human_descriptions + when.human_descriptions,
    )


def spans_sql(sql: str, params: dict, ranges: dict) -> tuple[str, dict]:
    """SQL counting the page's rows in each span of ``listing_order``.

    A page narrowed only by date (the default page, a ``_when`` span) is
    counted span by span, each a range of the ``listing_order`` index read
    from the index alone; any other page in one pass over its rows (SQLite
    reads a virtual column's value from the table, so one pass over the whole
    catalog would be slow, and one count per span over a filtered page would
    read its rows once per span).

    :return: the SQL (one row, one column per span, in ``ranges`` order) and
        its parameters (the page's plus the spans' bounds)
    """
    for key, (low, high) in ranges.items():
        params[f"cle_{key}_low"], params[f"cle_{key}_high"] = low, high
    spans = [
        f"listing_order >= :cle_{key}_low and listing_order < :cle_{key}_high"
        for key in ranges
    ]
    if dated_only(sql):
        counts = [f"(select count(*) from ({sql}) where {span})" for span in spans]
        return f"select {', '.join(counts)}", params
    sums = [f"sum({span})" for span in spans]
    return f"select {', '.join(sums)} from ({sql})", params


class WhenFacet(Facet):
    """Counts of listings this week, this month, later, on demand (and past)."""

    type = "when"

    async def suggest(self):
        """Never suggested: configured in metadata only."""
        return []

    async def facet_results(self):
        """One facet per configured column: ([facet infos], [timed-out names])."""
        results, timed_out = [], []
        ranges = current_ranges()
        if not (self.request.args.get("_past") or self.request.args.get("_when")):
            del ranges["past"]  # hidden by the default filter: always 0
        sql, params = spans_sql(self.sql, dict(self.params or {}), ranges)
        for config in self.get_configs():
            column = config["config"].get("column") or config["config"]["simple"]
            try:
                rows = await self.ds.execute(
                    self.database,
                    sql,
                    params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                timed_out.append(column)
                continue
            chosen = self.request.args.get("_when")
            counts = dict(zip(ranges, rows.first() or (), strict=True))
            values = [
                self._value(key, counts[key] or 0, chosen)
                for key in ranges
                if counts[key] or key == chosen
            ]
            results.append(
                {
                    "name": column,
                    "title": "When",
                    "type": self.type,
                    "hideable": False,
                    "toggle_url": "",
                    "results": values,
                    "truncated": False,
                }
            )
        return results, timed_out

    def _value(self, key: str, count: int, chosen: str | None) -> dict:
        if key == chosen:
            path = path_with_removed_args(self.request, {"_when": key})
        else:
            path = path_with_replaced_args(
                self.request, {"_when": key, "_past": None, "_next": None}
            )
        return {
            "value": key,
            "label": listing_text.WHEN_LABELS[key],
            "count": count,
            "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
            "selected": key == chosen,
        }


class WordsFacet(Facet):
    """Column facets in words, all of a page's counted in one pass.

    Datasette's column facet runs one query per column; this one groups the
    page's rows by every configured column at once (a few hundred groups)
    and adds them up per column: one read of the rows instead of four.
    """

    type = "words"

    async def suggest(self):
        """Never suggested: configured in metadata only."""
        return []

    async def facet_results(self):
        """One facet per configured column: ([facet infos], [timed-out names])."""
        configs = self.get_configs()
        columns = [c["config"].get("column") or c["config"]["simple"] for c in configs]
        if not columns:
            return [], []
        listed = ", ".join(escape_sqlite(c) for c in columns)
        try:
            rows = await self.ds.execute(
                self.database,
                f"select {listed}, count(*) from ({self.sql}) group by {listed}",
                self.params,
                truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"),
            )
        except QueryInterrupted:
            return [], columns
        size, pairs = self.get_facet_size(), self.get_querystring_pairs()
        results = []
        for position, config in enumerate(configs):
            column = columns[position]
            counts = Counter()
            for row in rows.rows:
                if row[position] is not None:
                    counts[row[position]] += row[-1]
            ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
            title, _ = FACET_WORDS.get(column, (column, {}))
            results.append(
                {
                    "name": column,
                    "title": title,
                    "type": self.type,
                    "hideable": config["source"] != "metadata",
                    "toggle_url": "",
                    "results": [
                        self._value(column, value, count, pairs)
                        for value, count in ordered[:size]
                    ],
                    "truncated": len(ordered) > size,
                }
            )
        return results, []

    def _value(self, column: str, value, count: int, pairs) -> dict:
        """One value with its label and the link that adds or removes its filter."""
        key = f"{column}__exact" if column.startswith("_") else column
        selected = (key, str(value)) in pairs
        if selected:
            path = path_with_removed_args(self.request, {key: str(value)})
        else:
            path = path_with_added_args(self.request, {key: value})
        return {
            "value": value,
            "label": value_label(column, value),
            "count": count,
            "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
            "selected": selected,
        }


def value_label(column: str, value) -> str:
    """A facet value in words: "Live webinar", "Free", a provider's name."""
    if column == "provider":
        return provider_name(value)
    return FACET_WORDS.get(column, (column, {}))[1].get(value, str(value))


@hookimpl
def register_facet_classes():
    """Offer the ``when`` and ``words`` facet types."""
    return [WhenFacet, WordsFacet]
