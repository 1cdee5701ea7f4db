"""What the catalog's Datasette pages share: provider names and the current spans.

Kept outside ``catalog/datasette/plugins/`` because Datasette loads each plugin
file on its own (a plugin cannot import another one).
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime

import yaml

from catalog.listing_text import when_ranges
from catalog.paths import reference_path
from catalog.timefmt import local_zone_name

#: The date conditions the courses page adds (plugins/course_list.py).
DEFAULT_CLAUSE = "listing_order >= :cle_now"
WHEN_CLAUSE = "listing_order >= :cle_when_low and listing_order < :cle_when_high"


def dated_only(sql: str) -> bool:
    """True when a page's SQL has no condition but the date ones above.

    Such a page is counted best one index range at a time (by date, by credit
    category); any other page in one pass over its rows.
    """
    _, found, where = sql.partition(" where ")
    for clause in (DEFAULT_CLAUSE, WHEN_CLAUSE):
        where = where.replace(clause, "")
    return not found or not where.replace("and", "").strip()


@functools.cache
def provider_names() -> dict[str, str]:
    """Provider slug -> name, from the provider registry (data/providers.yml).

    The catalog's ``providers`` table names a provider by its slug when it
    came from ``cle import``; the registry has the name a paralegal knows.
    """
    try:
        registry = yaml.safe_load(reference_path("providers.yml").read_text("utf-8"))
        entries = registry.get("providers") or []
        return {e["slug"]: e.get("name") or e["slug"] for e in entries if "slug" in e}
    except (OSError, yaml.YAMLError, AttributeError, TypeError, KeyError):
        return {}


def provider_name(slug: object, label: object = None) -> str:
    """The provider's name: the catalog's label, else the registry's, else the slug."""
    if label is not None and label != slug:
        return str(label)
    return provider_names().get(str(slug), str(slug))


def now_utc() -> datetime:
    """The current time (one place, so the pages agree with each other)."""
    return datetime.now(UTC)


def week_zone() -> str:
    """The zone weeks and months are read in: this machine's, else UTC."""
    return local_zone_name() or "UTC"


def current_ranges() -> dict[str, tuple[str, str]]:
    """The date facet's ``listing_order`` spans as of now."""
    return when_ranges(now_utc(), week_zone())
