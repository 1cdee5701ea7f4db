"""Data for the landing page (``index.html``) and the course page (a listing's row).

Everything is read with indexed queries and put in words here
(:mod:`catalog.listing_text`); the templates only lay it out, and Jinja's
autoescape keeps stored text from ever becoming markup.
"""

from __future__ import annotations

import json
from datetime import date

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import tilde_decode, tilde_encode

from catalog import listing_text
from catalog.pages_context import current_ranges, provider_name
from catalog.timefmt import format_when, reader_zone

DATABASE = "catalog"
#: Entry points of the landing page: label -> (path, what it lists).
ENTRY_POINTS = (
    (
        "Free ethics courses",
        "/catalog/courses?is_free=1&ethics_hours__gt=0&status=active",
        "Ethics credit at no cost, upcoming or on demand.",
        "free_ethics",
    ),
    (
        "Upcoming this month",
        "/catalog/courses?_when=this_month&status=active",
        "Live sessions from today to the end of the month.",
        "this_month",
    ),
    (
        "On demand",
        "/catalog/courses?_when=on_demand&status=active",
        "Recorded courses you can take any time.",
        "on_demand",
    ),
    (
        "All upcoming courses",
        "/catalog/courses",
        "Every listing, soonest first; filter by credit, price, format, provider.",
        "all",
    ),
)
COUNTS_SQL = {
    "free_ethics": "select count(*) from courses where status = 'active' "
    "and is_free = 1 and ethics_hours > 0 and listing_order >= :now",
    "this_month": "select count(*) from courses where status = 'active' "
    "and listing_order >= :now and listing_order < :month_end",
    "on_demand": "select count(*) from courses where status = 'active' "
    "and listing_order = 'on demand'",
    "all": "select count(*) from courses where listing_order >= :now",
}
AREAS_SQL = """
select min(area) as area, count(*) as courses
from course_practice_areas
group by area collate nocase
order by courses desc, area collate nocase
limit 12
"""
RUNS_SQL = """
select provider, run_date, health, reasons, valid, finished_at
from latest_runs order by provider
"""
APPROVAL_WORDS = {
    "approved": "Approved (as the provider states)",
    "pending": "Pending: not approved yet",
    "none": "No CLE credit",
    "unknown": "Not stated",
}
COURSE_COLUMNS_SQL = "select * from courses where id = :id"
OFFERINGS_SQL = """
select * from courses
where course_id = :course_id and id != :id
order by listing_order, id
limit 50
"""


#: Landing facts already counted: (catalog version, hour) -> facts. The
#: catalog changes once a night; the counts ("upcoming this month") are
#: counted again every hour, so sessions that started drop out.
_LANDING_CACHE: dict[tuple, dict] = {}
VERSION_SQL = "select value from catalog_meta where key = 'version'"
#: Time limit of the landing page's counts. They are counted once an hour
#: and kept (_LANDING_CACHE), so they may take longer than a page's 3 s: at
#: a million listings the practice-area count alone took 3.2 s, and the
#: landing page failed with HTTP 500 under load (bench.million, 2026-12-01).
LANDING_TIME_LIMIT_MS = 30_000


async def landing(datasette, request) -> dict:
    """The landing page's facts and the calendar's URLs (for this request)."""
    db = datasette.get_database(DATABASE)
    version = (await db.execute(VERSION_SQL)).first()
    key = (
        str(db.path),
        version[0] if version else None,
        current_ranges()["past"][1][:13],
    )
    if key not in _LANDING_CACHE:
        _LANDING_CACHE.clear()
        _LANDING_CACHE[key] = await landing_facts(db)
    return {**_LANDING_CACHE[key], "calendar": calendar_urls(datasette, request)}


async def landing_facts(db) -> dict:
    """The landing page's counts, practice areas and crawl runs."""
    ranges = current_ranges()
    params = {"now": ranges["past"][1], "month_end": ranges["this_month"][1]}
    counts = {}
    for key, sql in COUNTS_SQL.items():
        rows = await _counted(db, sql, params)
        counts[key] = rows[0][0] if rows else None
    entries = [
        {"label": label, "path": path, "about": about, "count": counts[key]}
        for label, path, about, key in ENTRY_POINTS
    ]
    areas = await _counted(db, AREAS_SQL)
    runs = [run_line(dict(row)) for row in (await db.execute(RUNS_SQL)).rows]
    for run in runs:
        run["name"] = provider_name(run["provider"])
    return {
        "entry_points": entries,
        "practice_areas": [dict(row) for row in areas or []],
        "areas_counted": areas is not None,
        "runs": runs,
        "unhealthy": sum(not run["healthy"] for run in runs),
    }


async def _counted(db, sql: str, params: dict | None = None) -> list | None:
    """The rows of a landing count, or None when it ran out of time.

    A count not made is shown as not counted, never as 0, and the rest of
    the page is still served.
    """
    try:
        result = await db.execute(
            sql, params or {}, custom_time_limit=LANDING_TIME_LIMIT_MS
        )
    except QueryInterrupted:
        return None
    return list(result.rows)


async def course_card(datasette, request) -> dict | None:
    """One listing in words, with its other offerings (same ``course_id``)."""
    pks = request.url_vars.get("pks") or ""
    db = datasette.get_database(DATABASE)
    found = (await db.execute(COURSE_COLUMNS_SQL, {"id": tilde_decode(pks)})).rows
    if not found:
        return None
    row = dict(found[0])
    others = await db.execute(
        OFFERINGS_SQL, {"course_id": row.get("course_id"), "id": row["id"]}
    )
    card = listing_words(row, provider_name)
    card["published"] = [
        (label, row.get(column))
        for label, column in (
            ("Credit", "credit_text"),
            ("Price", "price_text"),
            ("When", "when_text"),
        )
        if row.get(column)
    ]
    card["facts"] = card_facts(row)
    card["description"] = row.get("description") or ""
    card["offerings"] = [listing_words(dict(o), provider_name) for o in others.rows]
    return card


def row_words(row) -> dict:
    """One row of the courses list in words (a Datasette table-page row)."""
    return listing_words(
        {cell["column"]: cell["raw"] for cell in row.cells}, provider_name
    )


def card_facts(row: dict) -> list[tuple[str, str]]:
    """The card's facts beyond the headline: location, approvals, presenters..."""

    def listed(column: str) -> str:
        try:
            values = json.loads(row.get(column) or "[]")
        except ValueError:
            return ""
        return ", ".join(str(v) for v in values) if isinstance(values, list) else ""

    status = row.get("credit_status")
    facts = [
        ("Where", row.get("location") or "not stated"),
        ("Credit approval", APPROVAL_WORDS.get(status, "not stated")),
        ("Approved for", listed("approvals") or "not stated"),
        ("Practice areas", listed("practice_areas") or "not stated"),
        ("Presenters", listed("presenters") or "not stated"),
        (
            "Length",
            f"{row['duration_minutes']} minutes"
            if row.get("duration_minutes")
            else "not stated",
        ),
        ("Time zone", row.get("timezone") or "not stated"),
        ("In the catalog", f"{row.get('first_seen')} to {row.get('last_seen')}"),
    ]
    return facts


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """The landing page's entry points, the course card, the list's words."""

    async def inner():
        if view_name == "index":
            return {"cle_landing": await landing(datasette, request)}
        if (database, table) != (DATABASE, "courses"):
            return {}
        if view_name == "row":
            return {"cle_card": await course_card(datasette, request)}
        if view_name == "table":
            return {"cle_course_words": row_words}
        return {}

    return inner


#: Datasette 0.65's base template has no ``lang`` attribute; screen readers
#: need it (axe rule html-has-lang). Set before any assistive reading starts.
LANGUAGE_SCRIPT = 'document.documentElement.lang = "en";'


@hookimpl
def extra_body_script():
    """Declare every page's language."""
    return LANGUAGE_SCRIPT


def calendar_urls(datasette, request) -> dict:
    """The calendar feed's addresses: https for Google/Outlook, webcal for a click."""
    feed = datasette.absolute_url(request, "/catalog/calendar.ics")
    scheme, _, rest = feed.partition("://")
    return {"feed": feed, "webcal": f"webcal://{rest}", "scheme": scheme}


def age_words(run_date: str | None, today: date) -> str:
    """ "last night", "today", "3 nights ago" for a run's date."""
    try:
        nights = (today - date.fromisoformat(run_date or "")).days
    except ValueError:
        return "date unknown"
    if nights <= 0:
        return "today"
    return "last night" if nights == 1 else f"{nights} nights ago"


def run_line(run: dict) -> dict:
    """One provider's last nightly run, in words."""
    healthy = run.get("health") == "healthy"
    finished = run.get("finished_at")
    return {
        "provider": run.get("provider"),
        "date": run.get("run_date"),
        "age": age_words(run.get("run_date"), date.today()),
        "healthy": healthy,
        "health": "Healthy" if healthy else "Unhealthy: listings kept from before",
        "reasons": run.get("reasons") or "",
        "valid": run.get("valid"),
        "finished": format_when(finished, reader_zone(None))
        if finished
        else "not recorded",
    }


def listing_words(row: dict, name_of) -> dict:
    """A listing's facts in words, for the course card and its other offerings."""
    return {
        "id": row["id"],
        "path": f"/catalog/courses/{tilde_encode(row['id'])}",
        "title": row.get("title") or row["id"],
        "provider": name_of(row.get("provider")),
        "url": row.get("url")
        if str(row.get("url") or "").lower().startswith(("http://", "https://"))
        else None,
        "when": listing_text.when_words(row),
        "format": listing_text.format_label(row.get("format")),
        "credits": listing_text.credit_words(row),
        "price": listing_text.price_words(
            row.get("price_usd"), row.get("member_price_usd")
        ),
        "status": listing_text.STATUS_LABELS.get(row.get("status"), row.get("status")),
        "active": row.get("status") == "active",
        "location": row.get("location") or "",
    }
