"""cle log helpers: entries built from listings, appended without touching the rest."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from recommender.tracking.logbook import (
    append_entry,
    default_log_date,
    entry_from_listing,
    listing_credits,
    log_entry,
)
from recommender.tracking.profile import ProfileError
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
    "today,expected",
    [
        (date(2027, 3, 1), date(2027, 2, 18)),  # taken: use its start date
        (date(2027, 2, 18), date(2027, 2, 18)),
        (date(2027, 2, 17), date(2027, 2, 17)),  # still ahead: today
    ],
)
def test_default_log_date(today, expected):
    assert default_log_date(LISTING, today) == expected
    assert default_log_date({"format": "on_demand"}, today) == today


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
