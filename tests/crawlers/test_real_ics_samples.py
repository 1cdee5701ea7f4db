"""The iCalendar spiders on real published exports (tests/fixtures/real/ics/).

Expected instants, zones, ends and ids are written here from reading each file
(PROVENANCE.md says where each comes from). US DST ended 2002-10-27 and
2020-11-01; EU summer time ends the last Sunday of October.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from scrapy.http import TextResponse

from crawlers.spiders.registered import FlbarSpider, TxpdSpider

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "ics"
FEED_URL = "https://example.org/calendar.ics"


def read(name: str, spider) -> tuple[dict, list[str]]:
    """({id: item}, problems) of one sample through the spider's ICS reader."""
    body = (SAMPLES / name).read_bytes()
    response = TextResponse(FEED_URL, body=body, encoding="utf-8")
    parse = getattr(spider, "parse_export", spider.parse_ics)
    items = list(parse(response))
    by_id = {item["id"]: item for item in items}
    assert len(by_id) == len(items), "two listings share an id"
    return by_id, spider.problems


def times(item: dict) -> tuple:
    return item["starts_at"], item.get("ends_at"), item["timezone"]


def test_apple_ical_export_reads_its_zone_and_durations():
    items, problems = read("apple-ical1-x-wr-timezone.ics", FlbarSpider())
    assert problems == []
    assert {i: times(item) for i, item in items.items()} == {
        "flbar:ec9439b1-ff65-11d6-9973-003065f99d04": (
            "2002-10-28T14:00:00-08:00",
            "2002-10-28T15:00:00-08:00",
            "US/Pacific",
        ),
        "flbar:ec944331-ff65-11d6-9973-003065f99d04": (  # DURATION:PT1H
            "2002-11-27T12:00:00-08:00",
            "2002-11-27T13:00:00-08:00",
            "US/Pacific",
        ),
        "flbar:ec944cfa-ff65-11d6-9973-003065f99d04": (
            "2002-12-16T20:00:00-08:00",
            "2002-12-16T21:00:00-08:00",
            "US/Pacific",
        ),
    }  # the VTODO, VJOURNAL and VFREEBUSY are not events
    assert items["flbar:ec944331-ff65-11d6-9973-003065f99d04"]["title"] == "Code Review"


def test_owncloud_yearly_events_expand_and_an_unknown_tzid_is_counted():
    # the horizon starts at the run date: give it the year of the file
    spider = FlbarSpider(run_date="2022-07-01")
    items, problems = read("owncloud-yearly-gmt-offset-tzid.ics", spider)
    assert {i: times(item) for i, item in items.items()} == {
        "flbar:000021a-20220714t1200z": (
            "2022-07-14T14:00:00+02:00",
            "2022-07-14T21:00:00+02:00",
            "Europe/Berlin",
        ),
        # "(GMT +01:00)" is defined nowhere: read in the provider's zone, counted
        "flbar:000021b-20220715t1800z": (
            "2022-07-15T14:00:00-04:00",
            "2022-07-15T21:00:00-04:00",
            "America/New_York",
        ),
    }
    assert [p.split(":")[0] for p in problems] == ["unknown_timezone"]
    assert "(GMT +01:00)" in problems[0]


def expected_pacific_sessions(first: date, last: date) -> list[date]:
    """RRULE WEEKLY BYDAY=TU,TH,FR,SU until 2021-03-09, less the one EXDATE after
    ``first`` (2020-09-03), worked out day by day."""
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    weekly = [d for d in days if d.weekday() in (1, 3, 4, 6)]
    return [d for d in weekly if d != date(2020, 9, 3)]


def test_exchange_export_with_windows_tzids_and_their_vtimezones():
    spider = FlbarSpider(run_date="2020-09-01")
    items, problems = read("exchange2010-windows-tzids.ics", spider)
    berlin = next(v for v in items.values() if v["title"] == "test")
    assert times(berlin) == (
        "2020-09-10T09:00:00+02:00",
        "2020-09-10T09:30:00+02:00",
        "Europe/Berlin",
    )
    pacific = next(
        v for v in items.values() if v["title"] == "Not the actual summary 1"
    )
    assert times(pacific) == (
        "2020-09-15T08:30:00-07:00",
        "2020-09-15T09:30:00-07:00",
        "America/Los_Angeles",
    )
    sessions = sorted(
        (v for v in items.values() if v["title"] == "Not the actual summary either"),
        key=lambda v: v["starts_at"],
    )
    wanted = expected_pacific_sessions(date(2020, 9, 1), date(2021, 3, 9))
    assert [datetime.fromisoformat(s["starts_at"]).date() for s in sessions] == wanted
    after_dst = next(s for s in sessions if s["starts_at"].startswith("2020-11-03"))
    assert times(after_dst) == (
        "2020-11-03T12:00:00-08:00",
        "2020-11-03T12:30:00-08:00",
        "America/Los_Angeles",
    )
    assert all(len(i) < 100 for i in items)  # 112-digit Exchange UIDs shortened
    assert len(items) == 2 + len(wanted)
    # the series whose DTSTART line is malformed is skipped and counted
    assert [p.split(":")[0] for p in problems] == ["bad_event"]
    assert "8001F1896B63D3" in problems[0]


def test_owa_export_with_display_name_tzids_is_read_and_counted():
    spider = FlbarSpider(run_date="2020-10-15")
    items, problems = read("exchange2010-owa-display-name-tzids.ics", spider)
    titled = {}
    for item in items.values():
        titled.setdefault(item["title"], []).append(item)
    # Exchange's display names ("(UTC-05:00) Eastern Time (US & Canada)") are
    # in no table and no VTIMEZONE: the provider's zone is used, and counted.
    assert times(titled["TEST Syd"][0]) == (
        "2020-10-28T13:30:00-04:00",
        "2020-10-28T15:00:00-04:00",
        "America/New_York",
    )
    assert times(titled["TEST 3"][0])[0] == "2020-11-02T13:30:00-05:00"
    weekly = sorted(s["starts_at"][:10] for s in titled["TEST2"])
    # DTSTART (a Monday) is the first session, then every Thursday and Friday
    assert weekly[:4] == ["2020-11-02", "2020-11-05", "2020-11-06", "2020-11-12"]
    assert weekly[-1] == "2021-08-27"
    assert len({s["id"] for s in titled["TEST2"]}) == len(weekly)
    assert {p.split(":")[0] for p in problems} == {"unknown_timezone"}
    assert len(problems) == 4  # three single events and the weekly series


def test_tec_export_waylandpost():
    items, problems = read("tec-waylandpost-ecp6.9.1.ics", TxpdSpider())
    assert problems == []
    assert {i: times(item) for i, item in items.items()} == {
        # TEC writes DTEND = DTSTART for an event without an end: no end
        "txpd:10001316": ("2025-01-24T08:30:00-05:00", None, "America/New_York"),
        "txpd:10000730": (
            "2025-01-26T15:00:00-05:00",
            "2025-01-26T16:00:00-05:00",
            "America/New_York",
        ),
        "txpd:10000699": (
            "2025-01-27T17:45:00-05:00",
            "2025-01-27T19:15:00-05:00",
            "America/New_York",
        ),
    }
    assert items["txpd:10001316"]["location"] == "Town Building, 41 Cochituate Road"
    assert items["txpd:10000730"]["title"] == "The Zahili Zamora Quartet"


def test_tec_export_chautauqua():
    items, problems = read("tec-chautauqua-ecp6.3.6.ics", TxpdSpider())
    assert problems == []
    (item,) = items.values()
    assert item["id"] == "txpd:91786"
    assert times(item) == ("2025-07-01T07:45:00-04:00", None, "America/New_York")
    assert item["url"] == "https://www.chq.org/event/chq-mystic-heart-john-pulleyn-2/"
    assert item["location"] == "Presbyterian Chapel"
