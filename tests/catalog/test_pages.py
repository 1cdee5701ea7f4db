"""The paralegal's pages through Datasette's in-process client (no network).

Landing page, the courses list, a course's page and ``/-/my-cle``, on the
sample catalog loaded as last night's run (tests/catalog/pages_data.py).
Expected values are worked out here from the sample records, the CLI's own
JSON or the clock, never copied from the pages.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from catalog.composition_root import cli, my_cle_pages
from catalog.db import open_db
from catalog.listing_text import when_ranges
from catalog.load import load_records
from catalog.serve import build_datasette
from catalog.timefmt import local_zone_name
from recommender.web import MyClePages
from tests.catalog.pages_data import ROOT, STORY_ID, build_story_catalog, story_records

EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.toml"))
HOSTILE = "<script>alert('x')</script> & <b>bold</b>"
#: A second offering of the story's course, and a listing with hostile text.
EXTRA = [
    {
        "id": "clio:ethics-of-ai-replay",
        "course_id": STORY_ID,
        "provider": "clio",
        "title": "Ethics of AI for Paralegals (replay)",
        "url": "https://www.clio.com/events/ethics-of-ai/replay/",
        "format": "on_demand",
        "credits": [{"category": "ethics", "hours": 1.0}],
        "price_usd": 0,
    },
    {
        "id": "clio:hostile",
        "provider": "clio",
        "title": HOSTILE,
        "description": '<img src=x onerror="alert(1)">',
        "url": "https://example.org/hostile",
        "format": "on_demand",
        "credits": [{"category": "general", "hours": 1.0}],
        "price_usd": 10,
        "practice_areas": ["<i>tax</i>"],
        "credit_text": "<b>1 hour</b>",
    },
]


@pytest.fixture(scope="module")
def catalog_path(tmp_path_factory) -> Path:
    """The story catalog (last night's run) plus the two extra listings."""
    path = build_story_catalog(tmp_path_factory.mktemp("pages"))
    db = open_db(path)
    assert load_records(db, list(enumerate(EXTRA, 1)), seen_on="2026-11-30").ok
    db.close()
    return path


def records() -> list[dict]:
    return story_records(date.today()) + EXTRA


def listing_order(record: dict) -> str:
    starts = record.get("starts_at")
    if not starts:
        return "on demand"
    return datetime.fromisoformat(starts).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def in_span(record: dict, span: str) -> bool:
    """True when the listing falls in a date-facet span as of now."""
    zone = local_zone_name() or "UTC"
    low, high = when_ranges(datetime.now(UTC), zone)[span]
    return low <= listing_order(record) < high


async def get(datasette, path: str, status: int = 200):
    response = await datasette.client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    return response


@pytest.mark.asyncio
async def test_landing_page_has_the_entry_points_with_their_counts(catalog_path):
    html = (await get(build_datasette(catalog_path), "/")).text
    active = [r for r in records() if r.get("status", "active") == "active"]
    free_ethics = [
        r
        for r in active
        if r.get("price_usd") == 0
        and any(c["category"] == "ethics" for c in r.get("credits", []))
        and listing_order(r) >= listing_order_now()
    ]
    assert (
        f'Free ethics courses</a> <span class="cle-muted">({len(free_ethics)})' in html
    )
    on_demand = [r for r in active if not r.get("starts_at")]
    assert f'On demand</a> <span class="cle-muted">({len(on_demand)})' in html
    for words in ("By practice area", "Subscribe to the calendar", "Outlook", "Google"):
        assert words in html
    assert "http://localhost/catalog/calendar.ics" in html
    assert "webcal://localhost/catalog/calendar.ics" in html


def listing_order_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.asyncio
async def test_landing_page_says_how_fresh_each_provider_is(catalog_path):
    html = (await get(build_datasette(catalog_path), "/")).text
    night = date.fromordinal(date.today().toordinal() - 1).isoformat()
    assert "How fresh is the catalog?" in html
    assert "Every provider's last run was healthy" in html
    assert html.count("(last night)") == html.count("<td>Healthy</td>") > 0
    assert html.count(f"<td>{night} ") == len(
        {r["provider"] for r in story_records(date.today())}
    )
    assert "NALA, The Paralegal Association" in html  # the registry's name


@pytest.mark.asyncio
async def test_landing_page_without_runs_says_the_listings_were_loaded_by_hand(
    tmp_path,
):
    db = open_db(tmp_path / "catalog.db")
    assert load_records(db, list(enumerate(EXTRA, 1)), seen_on="2026-11-30").ok
    db.close()
    html = (await get(build_datasette(tmp_path / "catalog.db"), "/")).text
    assert "No nightly run is recorded" in html


@pytest.mark.asyncio
async def test_courses_list_shows_words_not_codes(catalog_path):
    html = (await get(build_datasette(catalog_path), "/catalog/courses")).text
    listing = html[html.index('<table class="course-list">') :]
    assert "Live webinar" in listing and ">live_webinar<" not in listing
    assert "$60 members · $90" in listing  # nala:ethics-confidentiality
    if in_span_id("nala:ethics-confidentiality"):
        assert "Thu Dec 17, 2026, 11:00 AM–1:00 PM CST" in listing
    assert "2027-01-14T13:00:00-05:00" not in listing  # no raw ISO text
    assert 'href="/catalog/courses/clio~3Aethics-of-ai"' in listing
    assert "Provider's page</a>" in listing
    for facet_words in ("When", "Credit category", "Price", "Free", "Paid"):
        assert f">{facet_words}" in html


def in_span_id(listing_id: str) -> bool:
    """True when the listing is upcoming (the default page shows it)."""
    record = next(r for r in records() if r["id"] == listing_id)
    return listing_order(record) >= listing_order_now()


@pytest.mark.asyncio
async def test_internal_columns_stay_in_json_and_csv_but_not_the_list(catalog_path):
    datasette = build_datasette(catalog_path)
    html = (await get(datasette, "/catalog/courses")).text
    listing = html[html.index('<table class="course-list">') :]
    row = (await get(datasette, "/catalog/courses.json?_shape=array")).json()[0]
    for column in ("content_hash", "starts_utc", "listing_order", "credits"):
        assert column in row
    assert row["content_hash"] not in listing
    assert row["id"] not in listing.replace(f'data-id="{row["id"]}"', "")
    text = (await get(datasette, "/catalog/courses.csv")).text
    header = next(csv.reader(io.StringIO(text)))
    assert {"id", "course_id", "starts_utc", "listing_order", "content_hash"} <= set(
        header
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("span", ["this_week", "this_month", "next_month", "on_demand"])
async def test_when_facet_counts_and_narrows_to_its_span(catalog_path, span):
    datasette = build_datasette(catalog_path)
    data = (await get(datasette, "/catalog/courses.json?_size=0")).json()
    facet = {v["value"]: v for v in data["facet_results"]["listing_order"]["results"]}
    expected = {r["id"] for r in records() if in_span(r, span)}
    assert facet.get(span, {"count": 0})["count"] == len(expected)
    narrowed = (
        await get(datasette, f"/catalog/courses.json?_shape=objects&_when={span}")
    ).json()
    assert {row["id"] for row in narrowed["rows"]} == expected


@pytest.mark.asyncio
async def test_next_month_holds_the_storys_free_ethics_webinar(catalog_path):
    datasette = build_datasette(catalog_path)
    url = (
        "/catalog/courses.json?_shape=objects&_when=next_month"
        "&is_free=1&ethics_hours__gt=0&format=live_webinar"
    )
    rows = (await get(datasette, url)).json()["rows"]
    assert [row["id"] for row in rows] == [STORY_ID]


@pytest.mark.asyncio
async def test_practice_area_filter_uses_the_area_table(catalog_path):
    data = (
        await get(
            build_datasette(catalog_path),
            "/catalog/courses.json?_shape=objects&_area=Litigation&_past=1",
        )
    ).json()
    expected = {
        r["id"]
        for r in records()
        if "litigation" in [a.lower() for a in r.get("practice_areas", [])]
    }
    assert expected and {row["id"] for row in data["rows"]} == expected


@pytest.mark.asyncio
async def test_course_page_is_a_card_with_other_offerings_and_published_wording(
    catalog_path,
):
    html = (
        await get(build_datasette(catalog_path), "/catalog/courses/clio~3Aethics-of-ai")
    ).text
    story = next(r for r in records() if r["id"] == STORY_ID)
    start = datetime.fromisoformat(story["starts_at"])
    assert f"{start:%b} {start.day}, {start.year}, 1:00–2:00 PM EST" in html
    assert "1.0 hour Legal Ethics (California MCLE approved)" in html  # credit_text
    assert 'href="https://www.clio.com/events/ethics-of-ai/"' in html
    assert "Other offerings of this course" in html
    assert 'href="/catalog/courses/clio~3Aethics-of-ai-replay"' in html
    assert "Joshua Lenon" in html


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path",
    [
        "/catalog/courses",
        "/catalog/courses/clio~3Ahostile",
        "/",
        "/catalog/courses?_search=script",
    ],
)
async def test_stored_text_never_becomes_markup(catalog_path, path):
    html = (await get(build_datasette(catalog_path), path)).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html and "<i>tax</i>" not in html
    if "hostile" in path:
        assert "&lt;script&gt;alert(" in html and "&lt;b&gt;1 hour&lt;/b&gt;" in html


@pytest.mark.asyncio
async def test_my_cle_is_404_without_a_profile(catalog_path):
    datasette = build_datasette(catalog_path)
    await get(datasette, "/-/my-cle", 404)
    await get(datasette, "/-/my-cle/plan.ics", 404)


def cli_json(*args: str):
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.asyncio
@pytest.mark.parametrize("profile", EXAMPLES, ids=lambda p: p.name)
async def test_my_cle_shows_status_recommendations_and_plan(catalog_path, profile):
    pages = MyClePages(profile, catalog_path)
    datasette = build_datasette(catalog_path, pages=(pages,))
    html = (await get(datasette, "/-/my-cle")).text
    today = date.today().isoformat()
    common = ["--profile", str(profile), "--as-of", today, "--db", str(catalog_path)]
    for status in cli_json("status", "--profile", str(profile), "--as-of", today):
        assert escape(status["name"]) in html
    recommended = cli_json("recommend", *common)
    for pick in recommended:
        assert f'data-id="{pick["id"]}"' in html
    verdicts = {v["verdict"] for pick in recommended for v in pick["counts_toward"]}
    words = {
        "counts": "Counts",
        "does_not_count": "Does not count",
        "unknown": "Unknown",
        "counts_if_approved": "Counts once approved",
    }
    for verdict in verdicts:
        assert f'cle-verdict-{verdict}">{words[verdict]}<' in html
    plan = cli_json("plan", *common)
    calendar = icalendar.Calendar.from_ical(
        (await get(datasette, "/-/my-cle/plan.ics")).content
    )
    uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    assert uids == {
        f"cle-plan-{c['id']}" for c in plan["courses"] if c.get("starts_at")
    }
    for message in plan["uncovered"]:
        assert message.split(":")[0] in html


@pytest.mark.asyncio
async def test_my_cle_shows_an_unknown_requirement_as_unknown(catalog_path, tmp_path):
    profile = tmp_path / "unknown.toml"
    profile.write_text(
        'name = "Robin"\n[[credentials]]\nid = "nals-pp"\ncycle_ends = "2027-06-30"\n',
        encoding="utf-8",
    )
    datasette = build_datasette(
        catalog_path, pages=(MyClePages(profile, catalog_path),)
    )
    html = (await get(datasette, "/-/my-cle")).text
    progress = html[html.index("cle-progress") : html.index('id="recommended"')]
    assert "required hours unknown" in progress
    assert "<td>unknown</td>" in progress
    assert "0%" not in progress


@pytest.mark.asyncio
async def test_my_cle_answers_get_only(catalog_path):
    pages = MyClePages(EXAMPLES[0], catalog_path)
    datasette = build_datasette(catalog_path, pages=(pages,))
    response = await datasette.client.post("/-/my-cle", data={"x": "1"})
    assert response.status_code == 405


def test_a_bad_profile_is_one_line_before_serving(tmp_path):
    profile = tmp_path / "bad.toml"
    profile.write_text(
        'name = "x"\n[[credentials]]\nid = "no-such-credential"\n', encoding="utf-8"
    )
    from catalog.cliutil import CleError

    with pytest.raises(CleError) as caught:
        my_cle_pages(profile, tmp_path / "catalog.db")
    assert "\n" not in str(caught.value) and "no-such-credential" in str(caught.value)


def test_serve_with_a_bad_profile_is_one_line(catalog_path, tmp_path):
    profile = tmp_path / "bad.toml"
    profile.write_text("name = [unclosed\n", encoding="utf-8")
    args = ["serve", "--db", str(catalog_path), "--profile", str(profile)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


@pytest.mark.asyncio
async def test_landing_page_counts_out_of_time_are_not_counted_not_an_error(
    catalog_path, monkeypatch
):
    """At a million listings a count can pass the time limit: the page stays up."""
    from datasette.database import Database, QueryInterrupted
    from datasette.plugins import pm

    datasette = build_datasette(catalog_path)
    # The module Datasette loaded from the plugins folder (not importable).
    (cle_pages,) = [
        plugin
        for plugin in pm.get_plugins()
        if str(getattr(plugin, "__file__", "")).endswith("cle_pages.py")
    ]
    slow = {cle_pages.AREAS_SQL, cle_pages.COUNTS_SQL["on_demand"]}
    execute = Database.execute

    async def interrupted(self, sql, *args, **kwargs):
        if sql in slow:
            raise QueryInterrupted(RuntimeError("interrupted"), sql, {})
        return await execute(self, sql, *args, **kwargs)

    cle_pages._LANDING_CACHE.clear()
    monkeypatch.setattr(Database, "execute", interrupted)
    try:
        html = (await get(datasette, "/")).text
    finally:
        cle_pages._LANDING_CACHE.clear()
    assert 'On demand</a> <span class="cle-muted">(not counted)' in html
    assert 'Free ethics courses</a> <span class="cle-muted">(' in html
    assert "could not be counted just now" in html
    assert "No listing names a practice area" not in html
