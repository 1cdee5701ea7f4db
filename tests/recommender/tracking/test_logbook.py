"""cle log helpers: entries built from listings, appended without touching the rest."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime

import pytest

from recommender.tracking.logbook import (
    append_entry,
    default_log_date,
    duplicate_problem,
    entry_from_listing,
    listing_credits,
    listing_problem,
    log_entry,
    session_day,
)
from recommender.tracking.profile import ProfileError, parse_profile
from recommender.tracking.rules import load_rules

LISTING = {
    "id": "clio:legal-tech-privacy",
    "provider": "clio",
    "title": "Legal Tech and Client Privacy",
    "format": "live_webinar",
    "starts_at": "2027-02-18T13:00:00-05:00",
    "credits": [
        {"category": "general", "hours": 0.5},
        {"category": "ethics", "hours": 0.5},
        {"category": "specialized", "hours": 0},
    ],
}
ENTRY = {
    "title": "A course",
    "date": "2026-11-01",
    "credits": {"ethics": 1.0},
    "course_id": "x:a",
}


def test_listing_credits_keep_categories_with_hours_in_order():
    assert listing_credits(LISTING) == {"ethics": 0.5, "general": 0.5}
    assert listing_credits({"credits": []}) == {}


@pytest.mark.parametrize(
    "starts_at,zone,expected",
    [
        ("2027-02-18T13:00:00-05:00", "America/Los_Angeles", date(2027, 2, 18)),
        # 06:00 UTC on the 11th is still the 10th in Los Angeles
        ("2026-12-11T06:00:00+00:00", "America/Los_Angeles", date(2026, 12, 10)),
        ("2026-12-11T06:00:00+00:00", "Europe/Berlin", date(2026, 12, 11)),
        ("2026-12-11", "America/Los_Angeles", date(2026, 12, 11)),  # all-day
    ],
)
def test_a_session_is_dated_in_the_paralegals_zone(starts_at, zone, expected):
    listing = dict(LISTING, starts_at=starts_at)
    assert session_day(listing, zone) == expected
    assert default_log_date(listing, date(2027, 6, 1), zone) == expected


def test_an_on_demand_course_is_dated_today():
    today = date(2027, 3, 1)
    assert default_log_date({"format": "on_demand"}, today, "UTC") == today
    assert session_day({"starts_at": "not a time"}, "UTC") is None


NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
TODAY = date(2027, 3, 1)


@pytest.mark.parametrize(
    "change,day,expected",
    [
        ({}, date(2027, 2, 18), None),  # taken on its date: fine
        ({"status": "cancelled"}, date(2027, 2, 18), "was cancelled"),
        ({}, date(2027, 3, 2), "in the future"),
        ({}, date(2027, 2, 17), "before the session"),
        ({"starts_at": "2027-03-01T13:00:00+00:00"}, TODAY, "has not happened yet"),
        # started but not over yet: a course is taken once it ends
        (
            {
                "starts_at": "2027-03-01T11:00:00+00:00",
                "ends_at": "2027-03-01T12:30:00+00:00",
            },
            TODAY,
            "has not happened yet",
        ),
        ({"starts_at": None, "format": "on_demand"}, TODAY, None),
        ({"status": "withdrawn"}, date(2027, 2, 18), None),  # took place, delisted
    ],
)
def test_listing_problem(change, day, expected):
    problem = listing_problem(dict(LISTING, **change), day, TODAY, NOW, "UTC")
    if expected is None:
        assert problem is None
    else:
        assert expected in problem and "\n" not in problem


def test_entry_records_the_stated_approvals():
    entry = entry_from_listing(dict(LISTING, approvals=["ca-mcle"]), TODAY)
    assert entry["approvals"] == ["ca-mcle"]
    assert "approvals" not in entry_from_listing(LISTING, TODAY)


def _profile(cycle_ends: str, logged: str) -> str:
    return (
        f'[[credentials]]\nid = "nfpa-rp"\ncycle_ends = "{cycle_ends}"\n'
        f'[[completed]]\ntitle = "A"\ndate = "{logged}"\n'
        'credits = { ethics = 1 }\ncourse_id = "x:a"\n'
    )


@pytest.mark.parametrize(
    "logged,new,refused",
    [
        ("2026-11-01", "2026-11-01", True),  # the same day
        ("2026-03-01", "2027-06-01", True),  # another day of the same cycle
        ("2025-06-01", "2026-03-01", False),  # the previous cycle (to 2025-09-15)
    ],
)
def test_a_course_is_logged_once_per_cycle(logged, new, refused):
    rules = load_rules()
    profile = parse_profile(_profile("2027-09-15", logged), rules)
    problem = duplicate_problem(profile, rules, dict(ENTRY, date=new))
    assert (problem is not None) == refused
    if refused:
        assert f"already logged on {logged}" in problem


def test_without_credentials_a_course_is_logged_once():
    rules = load_rules()
    text = '[[completed]]\ntitle = "A"\ndate = "2020-01-01"\ncredits = { ethics = 1 }\n'
    profile = parse_profile(text + 'course_id = "x:a"\n', rules)
    assert duplicate_problem(profile, rules, dict(ENTRY, date="2026-11-01"))


def test_entry_from_listing_carries_credits_provider_and_format():
    entry = entry_from_listing(LISTING, date(2027, 2, 18))
    assert entry == {
        "title": "Legal Tech and Client Privacy",
        "date": "2027-02-18",
        "credits": {"ethics": 0.5, "general": 0.5},
        "course_id": "clio:legal-tech-privacy",
        "provider": "clio",
        "format": "live_webinar",
    }
    override = entry_from_listing(LISTING, date(2027, 2, 18), {"general": 2.0})
    assert override["credits"] == {"general": 2.0}


@pytest.mark.parametrize(
    "text",
    [
        "",
        'name = "A"\n',
        '# only a comment\nname = "A"   # trailing comment\n\n\n',
        '[[completed]]\ntitle = "B"\ndate = "2026-01-01"\ncredits = {general = 1}\n',
        '[[completed]]\ntitle = "B"\ndate = 2026-01-01\ncredits = {general = 1}\n'
        "[extra]\nnote = 1\n",
    ],
)
def test_append_entry_keeps_the_text_and_adds_one_table(text):
    new = append_entry(text, ENTRY)
    assert new.startswith(text.rstrip())
    before = tomllib.loads(text).get("completed", [])
    after = tomllib.loads(new)["completed"]
    assert after[:-1] == before
    assert after[-1] == ENTRY


def test_append_entry_extends_an_inline_array():
    text = (
        'completed = [ {title = "B", date = "2026-01-01", credits = {general = 1}} ]\n'
    )
    after = tomllib.loads(append_entry(text, ENTRY))["completed"]
    assert [e["title"] for e in after] == ["B", "A course"]


def test_log_entry_writes_a_valid_profile(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('# mine\n[[credentials]]\nid = "ca-bpc-6450"\n', encoding="utf-8")
    log_entry(path, ENTRY, load_rules())
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        '# mine\n[[credentials]]\nid = "ca-bpc-6450"\n\n[[completed]]'
    )
    with pytest.raises(ProfileError, match="already logged"):
        log_entry(path, ENTRY, load_rules())
    assert path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["p.toml"]  # no temporary left


def test_log_entry_refuses_entries_the_profile_would_reject(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('name = "A"\n', encoding="utf-8")
    bad = dict(ENTRY, credits={"ethics": -1.0})
    with pytest.raises(ProfileError, match="0 or more"):
        log_entry(path, bad, load_rules())
    assert path.read_text(encoding="utf-8") == 'name = "A"\n'


@pytest.mark.parametrize("failing", ["mkstemp", "replace"])
def test_a_profile_that_cannot_be_written_is_one_line_and_unchanged(
    tmp_path, monkeypatch, failing
):
    # As root a read-only folder is still writable, so the OS refusal is
    # simulated where it happens: creating the temporary file, or the swap.
    import os
    import tempfile

    path = tmp_path / "p.toml"
    path.write_text('[[credentials]]\nid = "ca-bpc-6450"\n', encoding="utf-8")
    before = path.read_text(encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    target = tempfile if failing == "mkstemp" else os
    monkeypatch.setattr(target, failing, refuse)
    with pytest.raises(ProfileError, match=r"cannot write .*Permission denied"):
        log_entry(path, ENTRY, load_rules())
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.toml"]
