"""Hostile stored text (issue 14): feeds, search, reports and public serving hold.

The hostile listings go in through the real ``cle import`` (the boundary cleans
them) and, to stand for a catalog written before that boundary existed, also
straight into the table, so the outputs are tested on text the boundary never
saw.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from urllib.parse import quote

import feedparser
import icalendar
import openpyxl
import pytest

from catalog.serve import build_datasette
from tests.catalog.hostile import PROFILE, SAMPLE, one_line_error, run

HOSTILE_TITLE = "Ethics ]]> <script>alert(1)</script> \u202eevil\x01\x1b[0m & co"
HOSTILE_DESCRIPTION = "Line\x00 one\r\n<b>bold</b> ]]> \x0b\x7f" + "z" * 30_000
#: Written into the table directly: text from before the record boundary.
RAW_TITLE = "Raw\x02 title\x0c with \x1f controls"


def hostile_listings() -> list[dict]:
    """Listings a hostile provider page could produce."""
    base = {
        "provider": "nala",
        "url": "https://www.nala.org/hostile",
        "format": "live_webinar",
        "starts_at": "2099-03-04T12:00:00-06:00",
        "timezone": "America/Chicago",
    }
    return [
        {**base, "id": "nala:hostile-1", "title": HOSTILE_TITLE,
         "description": HOSTILE_DESCRIPTION},
        {**base, "id": "nala:hostile-2", "title": "=HYPERLINK(\"http://x\",\"y\")",
         "location": "Tulsa\x07, OK", "practice_areas": ["a\x00b", "<i>x</i>"]},
        {**base, "id": "nala:raw", "title": "placeholder"},
    ]  # fmt: skip


@pytest.fixture
def hostile_catalog(tmp_path):
    """The sample plus hostile listings; one row given raw controls afterwards."""
    db = tmp_path / "catalog.db"
    assert run("import", SAMPLE, "--db", db).exit_code == 0
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in hostile_listings()))
    result = run("import", source, "--db", db)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        conn.execute(
            "update courses set title = ?, description = ? where id = 'nala:raw'",
            (RAW_TITLE, "raw\x03 description\x1b"),
        )
    return db


# -- feeds -------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("feed", ["new_courses", "catalog_changes"])
async def test_atom_feeds_validate_with_hostile_listings(hostile_catalog, feed):
    datasette = build_datasette(hostile_catalog)
    response = await datasette.client.get(f"/catalog/{feed}.atom")
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.author == "CLE catalog"  # RFC 4287 4.1.1
    assert parsed.feed.id == f"urn:cle:feed:catalog:{feed}"


@pytest.mark.asyncio
async def test_new_courses_feed_shows_hostile_text_as_text(hostile_catalog):
    datasette = build_datasette(hostile_catalog)
    response = await datasette.client.get("/catalog/new_courses.atom")
    parsed = feedparser.parse(response.content)
    by_id = {e.id: e for e in parsed.entries}
    hostile = by_id["urn:cle:listing:nala:hostile-1"]
    assert hostile.title == "Ethics ]]> <script>alert(1)</script> evil[0m & co"
    content = hostile.content[0]
    assert content.type == "text/plain"
    assert "<b>bold</b> ]]>" in content.value
    assert len(content.value) < 21_000  # the description was cut at 20,000
    assert by_id["urn:cle:listing:nala:raw"].title == "Raw title with  controls"
    assert all(e.author == "nala" for e in parsed.entries if "nala:" in e.id)


@pytest.mark.asyncio
async def test_feed_id_does_not_depend_on_host_or_port(hostile_catalog):
    datasette = build_datasette(hostile_catalog)
    ids = set()
    for host in ("127.0.0.1:8001", "calendar.example.org"):
        response = await datasette.client.get(
            "/catalog/new_courses.atom", headers={"host": host}
        )
        ids.add(feedparser.parse(response.content).feed.id)
    assert ids == {"urn:cle:feed:catalog:new_courses"}
    narrowed = await datasette.client.get("/catalog/catalog_changes.atom?kind=new")
    parsed = feedparser.parse(narrowed.content)
    assert parsed.feed.id == "urn:cle:feed:catalog:catalog_changes:kind=new"


@pytest.mark.asyncio
async def test_calendar_validates_with_hostile_listings(hostile_catalog):
    datasette = build_datasette(hostile_catalog)
    response = await datasette.client.get("/catalog/calendar.ics?as_of=2099-01-01")
    assert response.status_code == 200, response.text[:300]
    calendar = icalendar.Calendar.from_ical(response.text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 3
    for event in events.values():
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            text = str(event.get(name, ""))
            assert not any(ord(c) < 32 and c not in "\t\n" for c in text), name
    summaries = {str(e["SUMMARY"]) for e in events.values()}
    assert any("]]> <script>alert(1)</script>" in s for s in summaries)
    assert any(s.startswith("Raw title with") for s in summaries)


# -- search ------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "q", ['"', '""', '"""', "AND", "ethics AND", "NEAR(", "*", "-", ":", "a:b",
          "ethics OR -", "NOT", "^", "(", ")", "ethics%00", "%ED%A0%80", "%FF"],
)  # fmt: skip
async def test_search_answers_quotes_and_operators(hostile_catalog, q):
    datasette = build_datasette(hostile_catalog)
    query = q if "%" in q else quote(q, safe="")
    response = await datasette.client.get(
        f"/catalog/search.json?_shape=objects&q={query}"
    )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["ok"] is True


@pytest.mark.asyncio
@pytest.mark.parametrize("q", ['"', '""', "NEAR(", "ethics AND", "-"])
async def test_table_search_box_answers_quotes_and_operators(hostile_catalog, q):
    datasette = build_datasette(hostile_catalog)
    response = await datasette.client.get(
        "/catalog/courses.json", params={"_search": q, "_past": "1"}
    )
    assert response.status_code == 200, response.text[:300]


@pytest.mark.asyncio
async def test_search_with_operator_words_still_finds_courses(hostile_catalog):
    datasette = build_datasette(hostile_catalog)
    found = {}
    for q in ("ethics", "ethics AND", "ethics*", '"ethics'):
        response = await datasette.client.get(
            "/catalog/search.json", params={"q": q, "_shape": "objects"}
        )
        found[q] = {row["id"] for row in response.json()["rows"]}
    assert found["ethics"]
    assert found["ethics"] <= found["ethics*"]
    assert found['"ethics'] == found["ethics"]
    assert found["ethics AND"] <= found["ethics"]


# -- reports -----------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\rReturned",
]


def hostile_profile(tmp_path):
    """A profile whose completed course titles a spreadsheet would run."""
    text = PROFILE.read_text("utf-8").split("# --- Completed courses")[0]
    for n, title in enumerate([*FORMULAS, "Bell\x07 and\x1b escape"]):
        text += (
            f"\n[[completed]]\ntitle = {json.dumps(title)}\n"
            f'date = "2026-0{1 + n % 9}-1{n % 9}"\ncredits = {{ general = 1.0 }}\n'
        )
    path = tmp_path / "profile.toml"
    path.write_text(text, "utf-8")
    return path


def test_csv_report_neutralizes_formulas(tmp_path):
    profile = hostile_profile(tmp_path)
    out = tmp_path / "report.csv"
    result = run("report", "--profile", profile, "--format", "csv", "-o", out,
                 "--as-of", "2026-11-27")  # fmt: skip
    assert result.exit_code == 0, result.output
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    titles = {r["title"] for r in rows if r["row"] == "course"}
    for formula in FORMULAS:
        assert "'" + formula.replace("\r", "\n") in titles
    assert "Bell and escape" in titles
    assert all(not t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in titles)
    hours = [r["general"] for r in rows if r["row"] == "course"]
    assert all(float(h) == 1.0 for h in hours)  # numbers stay numbers


def test_xlsx_report_writes_text_cells_as_text(tmp_path):
    profile = hostile_profile(tmp_path)
    out = tmp_path / "report.xlsx"
    result = run("report", "--profile", profile, "--format", "xlsx", "-o", out,
                 "--as-of", "2026-11-27")  # fmt: skip
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert cells
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    for formula in FORMULAS:
        assert "'" + formula.replace("\r", "\n") in texts
    assert "Bell and escape" in texts
    numbers = [c.value for c in cells if c.data_type == "n" and c.value is not None]
    assert 1.0 in numbers


def test_markdown_report_keeps_each_row_on_one_line(tmp_path):
    profile = hostile_profile(tmp_path)
    result = run("report", "--profile", profile, "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    rows = [ln for ln in result.stdout.splitlines() if "Returned" in ln]
    assert len(rows) == 2  # one per credential held
    assert all(row.startswith("| 2026-06-15 | Returned |") for row in rows)


# -- serving in public -------------------------------------------------------


@pytest.mark.asyncio
async def test_public_mode_has_no_sql_but_keeps_pages_and_feeds(hostile_catalog):
    public = build_datasette(hostile_catalog, public=True)
    sql = await public.client.get("/catalog.json", params={"sql": "select 1"})
    assert sql.status_code == 403
    download = await public.client.get("/catalog.db")
    assert download.status_code in (403, 404)
    for path in ("/catalog/courses.json", "/catalog/search.json?q=ethics",
                 "/catalog/new_courses.atom", "/catalog/calendar.ics",
                 "/catalog/free_ethics.json"):  # fmt: skip
        response = await public.client.get(path)
        assert response.status_code == 200, (path, response.text[:200])
    private = build_datasette(hostile_catalog)
    sql = await private.client.get("/catalog.json", params={"sql": "select 1"})
    assert sql.status_code == 200


@pytest.mark.parametrize(
    "host, public, warned",
    [
        ("0.0.0.0", False, True),
        ("192.168.1.20", False, True),
        ("0.0.0.0", True, False),
        ("127.0.0.1", False, False),
        ("localhost", False, False),
    ],
)
def test_serve_warns_in_one_line_off_loopback(
    hostile_catalog, monkeypatch, host, public, warned
):
    import uvicorn

    import catalog.serve

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(kw))
    monkeypatch.setattr(catalog.serve, "_check_port_free", lambda h, p: None)
    args = ["serve", "--host", host, "--db", hostile_catalog]
    result = run(*args, *(["--public"] if public else []))
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("Warning")]
    if warned:
        assert warnings == [
            f"Warning: on {host} anyone on the network can run read-only SQL on "
            "the catalog; add --public to serve only its pages and feeds."
        ]
    else:
        assert warnings == []
    assert started and started[0]["host"] == host


def test_xlsx_report_with_control_characters_in_the_profile_name(tmp_path):
    profile = hostile_profile(tmp_path)
    text = profile.read_text("utf-8").replace(
        'name = "Jordan Rivera"', 'name = "Jordan\\u0007 =Rivera"'
    )
    profile.write_text(text, "utf-8")
    out = tmp_path / "r.xlsx"
    result = run("report", "--profile", profile, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).worksheets


def test_report_as_of_today_is_accepted_and_bad_dates_are_one_line(tmp_path):
    today = date.today().isoformat()
    assert run("status", "--profile", PROFILE, "--as-of", today).exit_code == 0
    line = one_line_error(run("status", "--profile", PROFILE, "--as-of", "soon"))
    assert line == "Error: --as-of 'soon' is not a date; write YYYY-MM-DD"
