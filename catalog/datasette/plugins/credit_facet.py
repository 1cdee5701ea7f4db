"""Facet courses by credit category from indexed hour columns, not from JSON.

Datasette 0.65's ``array`` facet on ``courses.credit_categories`` runs
``select distinct j.value, inner.*`` over every row: more than 9 s at 100,000
listings, so it always hit the facet time limit and every courses page waited
500 ms for a facet it never showed (BENCHMARKS.md, scale-fixes).

This facet type (``credits`` in metadata: ``- credits: credit_categories``)
gives the same counts, a category counting when its hours are above zero as in
``credit_categories``, from ``ethics_hours``, ``general_hours`` and
``specialized_hours``, each indexed (migration 0004): one ``count(*)`` per
category over the rows of the page's query. A value's link adds the filter
``<category>_hours__gt=0``, which Datasette understands and answers from the
same index. The facet keeps the name ``credit_categories``; a page already
narrowed with ``credit_categories__arraycontains=ethics`` shows ``ethics`` as
selected, and its cross removes that filter.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
)

from catalog.pages_context import dated_only
from catalog.schema import CREDIT_CATEGORIES


def hours_column(category: str) -> str:
    """The courses column holding the hours of one credit category."""
    return f"{category}_hours"


def category_counts_sql(sql: str, categories: list[str]) -> str:
    """SQL counting, per category, the rows of ``sql`` with hours above zero.

    A page narrowed only by date counts each category from its hours index; a
    page narrowed otherwise (format, search, price) in one pass over its rows.

    :param sql: the page's query without order or limit (Datasette's ``sql``)
    :param categories: credit categories from the vocabulary (plain words)
    :return: rows of (value, count), largest count first
    """
    if not dated_only(sql):
        # a narrowed page: one pass over its rows, not one per category
        counted = "select " + ", ".join(
            f"sum({escape_sqlite(hours_column(c))} > 0) as {escape_sqlite(c)}"
            for c in categories
        )
        rows = " union all ".join(
            f"select '{c}' as value, coalesce({escape_sqlite(c)}, 0) as count "
            "from counted"
            for c in categories
        )
        return (
            f"with counted as materialized ({counted} from ({sql})) {rows} "
            "order by count desc, value"
        )
    parts = [
        f"select '{category}' as value, count(*) as count from ({sql}) "
        f"where {escape_sqlite(hours_column(category))} > 0"
        for category in categories
    ]
    return " union all ".join(parts) + " order by count desc, value"


def selection(pairs: list[tuple[str, str]], column: str, category: str):
    """The query-string pair that selects ``category``, or None when unselected."""
    for pair in (
        (f"{hours_column(category)}__gt", "0"),
        (f"{column}__arraycontains", category),
    ):
        if pair in pairs:
            return pair
    return None


class CreditCategoryFacet(Facet):
    """Counts of listings per credit category, read from the indexed hour columns."""

    type = "credits"

    async def facet_results(self):
        """One facet per configured column: ([facet infos], [timed-out names])."""
        results, timed_out = [], []
        configs = self.get_configs()
        if not configs:
            return results, timed_out
        columns = await self.get_columns(self.sql, self.params)
        categories = [c for c in CREDIT_CATEGORIES if hours_column(c) in columns]
        pairs = self.get_querystring_pairs()
        for source_and_config in configs:
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            if not categories:
                continue
            try:
                rows = await self.ds.execute(
                    self.database,
                    category_counts_sql(self.sql, categories),
                    self.params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                timed_out.append(column)
                continue
            results.append(
                {
                    "name": column,
                    "title": "Credit category",
                    "type": self.type,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_credits": column})
                    ),
                    "results": [
                        self._value(row["value"], row["count"], column, pairs)
                        for row in rows.rows
                        if row["count"]
                    ],
                    "truncated": False,
                }
            )
        return results, timed_out

    def _value(self, category: str, count: int, column: str, pairs) -> dict:
        """One facet value with the link that adds or removes its filter."""
        selected = selection(pairs, column, category)
        if selected:
            path = path_with_removed_args(self.request, {selected[0]: selected[1]})
        else:
            path = path_with_added_args(
                self.request, {f"{hours_column(category)}__gt": "0"}
            )
        return {
            "value": category,
            "label": category.capitalize(),
            "count": count,
            "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
            "selected": selected is not None,
        }


@hookimpl
def register_facet_classes():
    """Offer the ``credits`` facet type to every table with the hour columns."""
    return [CreditCategoryFacet]
