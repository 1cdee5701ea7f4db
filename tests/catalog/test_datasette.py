"""Datasette on the sample catalog, through its in-process client (no network).

Expected rows are worked out here in Python from data/sample/courses.jsonl, not
copied from the server's answers, so a wrong query or facet fails the test.
"""

from __future__ import annotations

import json
import re
import socket
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from click.testing import CliRunner

from catalog.cliutil import CleError
from catalog.composition_root import cli
from catalog.db import open_db
from catalog.load import load_records, read_file
from catalog.schema import CREDIT_CATEGORIES
from catalog.serve import (
    DATABASE_NAME,
    PLUGINS_DIR,
    build_datasette,
    load_metadata,
    page_urls,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "courses.jsonl"
AS_OF = "2026-11-27"
ATOM = "{http://www.w3.org/2005/Atom}"
#: The listing loaded on a later day than the rest, to check "newest first".
LATE_ID = "nals:legal-writing"
#: Calendar UIDs are the listing id at a fixed domain (plugins/cle_calendar.py).
UID_SUFFIX = "@cle-catalog.invalid"


def sample_records() -> list[dict]:
    """The sample listings as published (the interchange records)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def is_active(record: dict) -> bool:
    """True when the sample listing is neither cancelled nor withdrawn."""
    return record.get("status", "active") == "active"


def starts_on_or_after(record: dict, day: str) -> bool:
    """True when the listing starts on or after the start of ``day`` (UTC)."""
    starts = record.get("starts_at")
    if not starts:
        return False
    instant = datetime.fromisoformat(starts).astimezone(UTC)
    return instant.date() >= date.fromisoformat(day)


def categories(record: dict) -> set[str]:
    """Credit categories with hours above zero."""
    return {c["category"] for c in record.get("credits", []) if c["hours"] > 0}


def build_catalog(path: Path) -> Path:
    """A catalog of the sample: all but one listing seen 2026-11-01, one later."""
    db = open_db(path)
    numbered = list(read_file(SAMPLE))
    early = [(n, r) for n, r in numbered if r["id"] != LATE_ID]
    late = [(n, r) for n, r in numbered if r["id"] == LATE_ID]
    assert load_records(db, early, seen_on="2026-11-01").ok
    assert load_records(db, late, seen_on="2026-11-25").ok
    db.close()
    return path


@pytest.fixture
def catalog_path(tmp_path):
    """The sample catalog in a temporary file named catalog.db."""
    return build_catalog(tmp_path / "catalog.db")


@pytest.fixture
def datasette(catalog_path):
    """Datasette as ``cle serve`` builds it, on the sample catalog."""
    return build_datasette(catalog_path)


async def get_json(datasette, path: str):
    """GET a JSON URL and return the decoded body, checking the status."""
    response = await datasette.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


def listing_order(record: dict) -> str:
    """The courses page's sort key: the start in UTC, undated listings last."""
    starts = record.get("starts_at")
    if not starts:
        return "on demand"
    instant = datetime.fromisoformat(starts).astimezone(UTC)
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def not_past(record: dict) -> bool:
    """True when the courses page shows the listing by default (not started yet)."""
    return listing_order(record) >= datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.asyncio
async def test_courses_table_lists_upcoming_then_on_demand_with_past_on_request(
    datasette,
):
    url = "/catalog/courses.json?_shape=objects&_size=max&_past=1"
    data = await get_json(datasette, url)
    shown = [row["listing_order"] for row in data["rows"]]
    assert shown == sorted(listing_order(r) for r in sample_records())
    assert {row["id"] for row in data["rows"]} == {r["id"] for r in sample_records()}
    assert shown[-1] == "on demand" and shown[0] != "on demand"


@pytest.mark.asyncio
async def test_courses_table_hides_past_sessions_by_default(datasette):
    data = await get_json(datasette, "/catalog/courses.json?_shape=objects&_size=max")
    expected = [r for r in sample_records() if not_past(r)]
    assert {row["id"] for row in data["rows"]} == {r["id"] for r in expected}
    shown = [row["listing_order"] for row in data["rows"]]
    assert shown == sorted(listing_order(r) for r in expected)
    assert len(expected) < len(sample_records()), "the sample has a past session"


@pytest.mark.asyncio
async def test_default_facets_count_the_sample(datasette):
    data = await get_json(datasette, "/catalog/courses.json?_size=0&_past=1")
    facets = data["facet_results"]
    assert {"provider", "format", "credit_categories", "is_free"} <= set(facets)
    records = sample_records()

    def counts(name):
        return {str(v["value"]): v["count"] for v in facets[name]["results"]}

    assert counts("provider") == {
        p: sum(r["provider"] == p for r in records)
        for p in {r["provider"] for r in records}
    }
    ethics = sum("ethics" in categories(r) for r in records)
    assert counts("credit_categories")["ethics"] == ethics
    assert counts("is_free")["1"] == sum(r.get("price_usd") == 0 for r in records)


@pytest.mark.asyncio
async def test_facets_render_on_the_html_page(datasette):
    response = await datasette.client.get("/catalog/courses")
    assert response.status_code == 200
    html = response.text
    for facet in ("provider", "format", "credit_categories", "is_free"):
        assert f'data-column="{facet}"' in html
    assert 'name="_search"' in html  # the full-text search box


@pytest.mark.asyncio
async def test_array_facet_selection_keeps_only_ethics_courses(datasette):
    data = await get_json(
        datasette,
        "/catalog/courses.json?_shape=objects&_past=1"
        "&credit_categories__arraycontains=ethics",
    )
    expected = {r["id"] for r in sample_records() if "ethics" in categories(r)}
    assert {row["id"] for row in data["rows"]} == expected


def category_counts(records: list[dict]) -> dict[str, int]:
    """Listings per credit category (categories with no listing left out)."""
    counts = {c: sum(c in categories(r) for r in records) for c in CREDIT_CATEGORIES}
    return {c: n for c, n in counts.items() if n}


def credit_facet(data: dict) -> dict[str, dict]:
    """The credit-category facet of a table page's JSON, by category."""
    facet = data["facet_results"]["credit_categories"]
    assert facet["type"] == "credits"
    return {value["value"]: value for value in facet["results"]}


def local_path(toggle_url: str) -> str:
    """The path and query of a facet link (Datasette makes them absolute)."""
    parts = urlsplit(toggle_url)
    return f"{parts.path}?{parts.query}"


@pytest.mark.asyncio
async def test_credit_category_facet_counts_every_category(datasette):
    data = await get_json(datasette, "/catalog/courses.json?_size=0&_past=1")
    counts = {c: v["count"] for c, v in credit_facet(data).items()}
    assert counts == category_counts(sample_records())
    assert not any(v["selected"] for v in credit_facet(data).values())


@pytest.mark.asyncio
async def test_credit_category_facet_counts_only_the_filtered_rows(datasette):
    url = "/catalog/courses.json?_size=0&format=on_demand&_past=1"
    data = await get_json(datasette, url)
    on_demand = [r for r in sample_records() if r.get("format") == "on_demand"]
    counts = {c: v["count"] for c, v in credit_facet(data).items()}
    assert counts == category_counts(on_demand)


@pytest.mark.asyncio
@pytest.mark.parametrize("category", CREDIT_CATEGORIES)
async def test_clicking_a_credit_category_keeps_only_its_courses(datasette, category):
    url = "/catalog/courses.json?_shape=objects&_size=max&_past=1"
    first = await get_json(datasette, url)
    link = credit_facet(first)[category]["toggle_url"]
    assert f"{category}_hours__gt=0" in link
    narrowed = await get_json(datasette, local_path(link))
    expected = {r["id"] for r in sample_records() if category in categories(r)}
    assert {row["id"] for row in narrowed["rows"]} == expected
    chosen = credit_facet(narrowed)[category]
    assert chosen["selected"] and chosen["count"] == len(expected)
    back = await get_json(datasette, local_path(chosen["toggle_url"]))
    assert len(back["rows"]) == len(sample_records())


@pytest.mark.asyncio
async def test_an_array_filter_shows_as_a_selected_category(datasette):
    data = await get_json(
        datasette,
        "/catalog/courses.json?_size=0&credit_categories__arraycontains=ethics",
    )
    ethics = credit_facet(data)["ethics"]
    assert ethics["selected"]
    assert "arraycontains" not in ethics["toggle_url"]
    assert not credit_facet(data)["general"]["selected"]


@pytest.mark.asyncio
async def test_credit_facet_asked_of_a_table_without_hours_is_left_out(datasette):
    data = await get_json(datasette, "/catalog/providers.json?_facet_credits=slug")
    assert "slug" not in data["facet_results"]
    assert data["rows"]


@pytest.mark.asyncio
async def test_table_search_box_finds_a_known_course(datasette):
    # porter stemming: "conflict" matches "Conflicts" in the title
    url = "/catalog/courses.json?_shape=objects&_search=conflict"
    data = await get_json(datasette, url)
    assert [row["id"] for row in data["rows"]] == ["nala:ethics-confidentiality"]


@pytest.mark.asyncio
async def test_search_query_finds_known_courses_and_skips_cancelled(datasette):
    data = await get_json(datasette, "/catalog/search.json?_shape=objects&q=ethics")
    ids = {row["id"] for row in data["rows"]}
    assert "clio:ethics-of-ai" in ids
    assert "ceb:cancelled-ethics" not in ids
    for row in data["rows"]:
        record = next(r for r in sample_records() if r["id"] == row["id"])
        text = f"{record['title']} {record.get('description', '')}".lower()
        assert "ethic" in text


@pytest.mark.asyncio
async def test_search_query_matches_word_variants(datasette):
    data = await get_json(
        datasette, "/catalog/search.json?_shape=objects&q=confidential"
    )
    assert "nala:ethics-confidentiality" in {row["id"] for row in data["rows"]}


@pytest.mark.asyncio
@pytest.mark.parametrize("q", ["", '"AI', "ethics AND (", "-"])
async def test_search_query_tolerates_empty_and_odd_input(datasette, q):
    response = await datasette.client.get("/catalog/search.json", params={"q": q})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["ok"] is True


@pytest.mark.asyncio
@pytest.mark.parametrize("as_of", [AS_OF, "2027-01-01"])
async def test_free_ethics_query_is_free_ethics_upcoming_or_on_demand(datasette, as_of):
    data = await get_json(
        datasette, f"/catalog/free_ethics.json?_shape=objects&as_of={as_of}"
    )
    expected = {
        r["id"]
        for r in sample_records()
        if is_active(r)
        and r.get("price_usd") == 0
        and "ethics" in categories(r)
        and (
            r.get("format") in ("on_demand", "self_study")
            or starts_on_or_after(r, as_of)
        )
    }
    assert expected, "the sample should hold a free ethics course"
    assert {row["id"] for row in data["rows"]} == expected


@pytest.mark.asyncio
async def test_courses_by_practice_area_filters_one_area(datasette):
    data = await get_json(
        datasette,
        "/catalog/courses_by_practice_area.json?_shape=objects"
        f"&practice_area=Litigation&as_of={AS_OF}",
    )
    expected = {
        r["id"]
        for r in sample_records()
        if is_active(r)
        and "litigation" in r.get("practice_areas", [])
        and (not r.get("starts_at") or starts_on_or_after(r, AS_OF))
    }
    assert {row["id"] for row in data["rows"]} == expected
    assert {row["practice_area"] for row in data["rows"]} == {"litigation"}
    assert "lorman:family-law-discovery" not in expected  # a past session


@pytest.mark.asyncio
async def test_courses_by_practice_area_lists_every_area(datasette):
    data = await get_json(
        datasette,
        "/catalog/courses_by_practice_area.json?_shape=objects&as_of=2026-01-01",
    )
    pairs = {(row["practice_area"], row["id"]) for row in data["rows"]}
    expected = {
        (area, r["id"])
        for r in sample_records()
        if is_active(r)
        for area in r.get("practice_areas", [])
    }
    assert pairs == expected
    areas = [row["practice_area"].lower() for row in data["rows"]]
    assert areas == sorted(areas)


@pytest.mark.asyncio
async def test_calendar_feed_is_valid_ics_of_upcoming_sessions(datasette):
    response = await datasette.client.get(f"/catalog/calendar.ics?as_of={AS_OF}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    lines = response.content.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75  # octets, folded
    calendar = icalendar.Calendar.from_ical(response.text)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    events = list(calendar.walk("VEVENT"))
    expected = {
        r["id"]: r
        for r in sample_records()
        if is_active(r) and starts_on_or_after(r, AS_OF)
    }

    def listing_id(event) -> str:
        return str(event["UID"]).removeprefix("cle-").removesuffix(UID_SUFFIX)

    assert {listing_id(e) for e in events} == set(expected)
    for event in events:
        assert event.get("DTSTAMP"), "RFC 5545 requires DTSTAMP on every event"
        record = expected[listing_id(event)]
        assert str(event["URL"]) == record["url"]
        assert str(event["LOCATION"]) == record["location"]
        starts = datetime.fromisoformat(record["starts_at"])
        assert event.decoded("DTSTART") == starts
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        assert record["title"] in str(event["SUMMARY"])
        assert record["url"] in str(event["DESCRIPTION"])


@pytest.mark.asyncio
async def test_new_courses_feed_is_valid_atom_newest_first(datasette):
    response = await datasette.client.get("/catalog/new_courses.atom")
    assert response.status_code == 200
    assert "xml" in response.headers["content-type"]
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}").text, name
    entries = feed.findall(f"{ATOM}entry")
    active = [r for r in sample_records() if is_active(r)]
    assert len(entries) == len(active)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    assert ids[0] == f"urn:cle:listing:{LATE_ID}"
    for entry in entries:
        updated = datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        assert updated.tzinfo is not None  # RFC 3339 needs an offset
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}link").get("href").startswith("https://")


@pytest.mark.asyncio
async def test_sql_cannot_write_to_the_catalog(datasette):
    response = await datasette.client.get(
        "/catalog.json", params={"sql": "delete from courses"}
    )
    assert response.status_code == 400
    update = "update courses set title = 'x'"
    response = await datasette.client.get("/catalog.json", params={"sql": update})
    assert response.status_code == 400
    count = "/catalog.json?sql=select+count(*)+as+n+from+courses"
    data = await get_json(datasette, count)
    assert data["rows"] == [[len(sample_records())]]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/catalog/search", "/catalog", "/-/logout"])
async def test_posts_are_refused(datasette, path):
    response = await datasette.client.post(path, data={"sql": "delete from courses"})
    assert response.status_code == 405
    assert "read-only" in response.text
    data = await get_json(datasette, "/catalog/courses.json?_size=0&_past=1")
    assert data["filtered_table_rows_count"] == len(sample_records())


@pytest.mark.asyncio
async def test_any_file_name_is_published_as_catalog(tmp_path):
    path = build_catalog(tmp_path / "nightly-copy.sqlite")
    datasette = build_datasette(path)
    data = await get_json(datasette, "/catalog/courses.json?_size=1")
    assert data["database"] == DATABASE_NAME
    names = [d["name"] for d in (await get_json(datasette, "/-/databases.json"))]
    assert names == [DATABASE_NAME]


def test_metadata_with_a_writing_query_is_refused(tmp_path):
    metadata = load_metadata()
    metadata["databases"]["catalog"]["queries"]["wipe"] = {
        "sql": "delete from courses",
        "write": True,
    }
    path = tmp_path / "metadata.yml"
    path.write_text(json.dumps(metadata), encoding="utf-8")  # JSON is YAML
    with pytest.raises(CleError, match="wipe"):
        load_metadata(path)


def test_printed_urls_point_at_the_feeds():
    urls = page_urls("127.0.0.1", 8123)
    assert urls["Calendar (ICS)"] == "http://127.0.0.1:8123/catalog/calendar.ics"
    assert (
        urls["New courses (Atom)"] == "http://127.0.0.1:8123/catalog/new_courses.atom"
    )


def test_serve_without_a_catalog_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: no catalog at")


def test_serve_on_a_busy_port_is_a_one_line_error(catalog_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["serve", "--db", str(catalog_path), "--port", str(port)]
        )
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: port {port} on 127.0.0.1 is already in use; pick another with --port"
    )


def load_plugin(name: str):
    """Import one of the one-off plugins (they are files, not a package)."""
    import importlib.util

    path = PLUGINS_DIR / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"test_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.asyncio
async def test_every_link_on_the_home_page_answers(datasette):
    hrefs = re.findall(r'href="(/[^"]*)"', load_metadata()["description_html"])
    assert len(hrefs) >= 5
    for href in hrefs:
        response = await datasette.client.get(href)
        assert response.status_code == 200, href


@pytest.mark.asyncio
@pytest.mark.parametrize("feed", ["new_courses", "catalog_changes"])
async def test_atom_feeds_of_an_empty_catalog_are_valid_and_empty(tmp_path, feed):
    open_db(tmp_path / "catalog.db").close()
    datasette = build_datasette(tmp_path / "catalog.db")
    response = await datasette.client.get(f"/catalog/{feed}.atom")
    assert response.status_code == 200, response.text[:300]
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    title = load_metadata()["databases"]["catalog"]["queries"][feed]["title"]
    assert root.find(f"{ATOM}title").text == title
    assert root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
    assert root.findall(f"{ATOM}entry") == []


@pytest.mark.asyncio
async def test_calendar_of_an_empty_catalog_is_valid_and_empty(tmp_path):
    open_db(tmp_path / "catalog.db").close()
    datasette = build_datasette(tmp_path / "catalog.db")
    response = await datasette.client.get("/catalog/calendar.ics")
    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.text).walk("VEVENT") == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "query", ["free_ethics", "search?q=ethics", "courses_by_practice_area", "calendar"]
)
async def test_canned_queries_say_when_and_format_in_words(datasette, query):
    """Each canned page a paralegal reads shows the time in the listing's zone."""
    name, _, params = query.partition("?")
    url = f"/catalog/{name}.json?_shape=objects&as_of={AS_OF}&{params}"
    data = await get_json(datasette, url)
    assert data["rows"], query
    by_id = {r["id"]: r for r in sample_records()}
    for row in data["rows"]:
        record = by_id[row["id"]]
        if record.get("starts_at"):
            zone = datetime.fromisoformat(record["starts_at"])
            assert re.search(r"\d(:\d\d)? [AP]M [A-Z]{2,5}\b|UTC[+-]", row["when"]), row
            assert str(zone.year) in row["when"], row
        else:
            assert row["when"] in ("On demand (any time)", "Date not stated"), row
        if "format" in row and record.get("format"):
            assert "_" not in row["format"], row
