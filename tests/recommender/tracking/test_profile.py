"""The profile: a valid one parses; a bad one is a one-line error naming the fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from recommender.tracking.profile import ProfileError, load_profile, parse_profile

EXAMPLES = Path(__file__).resolve().parents[3] / "data" / "examples"

GOOD = """
name = "Jordan"
practice_areas = ["personal injury", "medical malpractice"]
skill_gaps = ["e-discovery"]
memberships = ["nals"]
formats = ["live_webinar", "on_demand"]

[[credentials]]
id = "ca-bpc-6450"
cycle_ends = "2026-12-31"

[[credentials]]
id = "nala-cp"
cycle_ends = 2028-03-31

[[completed]]
title = "Ethics of AI for paralegals"
date = "2026-03-04"
credits = { ethics = 1.0, general = 0.5 }
course_id = "clio:ethics-of-ai"
format = "self_study"
provider = "clio"
"""


def test_a_valid_profile_parses():
    profile = parse_profile(GOOD)
    assert profile.name == "Jordan"
    assert profile.prefer_free is True  # default
    assert profile.formats == ["live_webinar", "on_demand"]
    assert [(c.id, c.cycle_ends) for c in profile.credentials] == [
        ("ca-bpc-6450", date(2026, 12, 31)),
        ("nala-cp", date(2028, 3, 31)),  # a TOML date literal works too
    ]
    (entry,) = profile.completed
    assert entry.date == date(2026, 3, 4)
    assert entry.credits == {"ethics": 1.0, "general": 0.5}
    assert (entry.course_id, entry.format, entry.provider) == (
        "clio:ethics-of-ai",
        "self_study",
        "clio",
    )
    assert entry.total_hours == 1.5


def test_cycle_ends_is_optional_where_the_rule_fixes_the_cycle():
    profile = parse_profile('[[credentials]]\nid = "ca-bpc-6450"\n')
    assert profile.credentials[0].cycle_ends is None


def test_unknown_top_level_keys_are_kept_aside():
    profile = parse_profile('name = "A"\nbudget_usd = 200\n')
    assert profile.extra == {"budget_usd": 200}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_example_profiles_load(path):
    profile = load_profile(path)
    assert profile.credentials and profile.completed


def test_the_demo_profile_is_a_california_and_nala_paralegal():
    profile = load_profile(EXAMPLES / "profile.toml")
    assert {c.id for c in profile.credentials} == {"ca-bpc-6450", "nala-cp"}
    assert "nala" in profile.memberships


CRED = '[[credentials]]\nid = "{id}"\n{extra}\n'
ENTRY = '[[completed]]\ntitle = "Course"\ndate = {date}\ncredits = {credits}\n{extra}\n'


def entry(date='"2026-01-10"', credits="{ general = 1.0 }", extra=""):
    return ENTRY.format(date=date, credits=credits, extra=extra)


@pytest.mark.parametrize(
    "text,field,hint",
    [
        # unknown credential id
        (CRED.format(id="nala-cpp", extra=""), "credentials[0].id", "nala-cp"),
        # a date that is not a date
        (entry(date='"2026-13-01"'), "completed[0] ('Course').date", "YYYY-MM-DD"),
        (entry(date='"last spring"'), "completed[0] ('Course').date", "YYYY-MM-DD"),
        (
            CRED.format(id="nfpa-rp", extra='cycle_ends = "31/12/2027"'),
            "credentials[0].cycle_ends (nfpa-rp)",
            "YYYY-MM-DD",
        ),
        # a negative hour
        (entry(credits="{ ethics = -1.0 }"), "credits.ethics", "0 or more"),
        # an unknown category
        (entry(credits="{ ethic = 1.0 }"), "unknown category 'ethic'", "ethics"),
        (entry(credits="{ technology = 1 }"), "credits", "ethics, general"),
        # a missing cycle_ends where the rule needs one
        (
            CRED.format(id="nala-cp", extra=""),
            "credentials[0].cycle_ends",
            "cycle_ends =",
        ),
        (CRED.format(id="nfpa-rp", extra=""), "cycle_ends (nfpa-rp)", "YYYY-MM-DD"),
        # more mistakes worth a clear line
        (entry(credits='{ ethics = "one" }'), "credits.ethics", "number of hours"),
        (entry(credits="1.5"), "credits", "credits = {"),
        (entry(extra='fromat = "on_demand"'), "unknown key 'fromat'", "format"),
        (entry(extra='format = "podcast"'), "format 'podcast'", "self_study"),
        ('[[completed]]\ndate = "2026-01-01"\ncredits = {}\n', "title", "title ="),
        ('[[completed]]\ntitle = "X"\ncredits = {}\n', "date is missing", "YYYY"),
        ('[[completed]]\ntitle = "X"\ndate = "2026-01-01"\n', "credits", "credits ="),
        ('[[credentials]]\ncycle_ends = "2026-01-01"\n', "credentials[0].id", "id ="),
        (CRED.format(id="ca-bpc-6450", extra="") * 2, "listed twice", "keep one"),
        ('prefer_free = "yes"\n', "prefer_free", "true or false"),
        ('practice_areas = "family law"\n', "practice_areas", '["'),
        ('formats = ["webinar"]\n', "formats 'webinar'", "live_webinar"),
        ('name = "A\n', "not valid TOML", "line 1"),
    ],
)
def test_bad_profiles_are_one_line_errors(text, field, hint):
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="me.toml")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("me.toml: ")
    assert field in message
    assert hint in message


def test_a_missing_profile_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProfileError, match="no profile at .*--profile"):
        load_profile(tmp_path / "nope.toml")


def test_timezone_is_read_and_defaults_to_the_machine(monkeypatch):
    profile = parse_profile('timezone = "America/Chicago"\n')
    assert profile.timezone == "America/Chicago"
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert parse_profile("").timezone == "Asia/Tokyo"
    assert "timezone" not in parse_profile('timezone = "UTC"\n').extra


@pytest.mark.parametrize(
    "text,expected",
    [
        ('timezone = "Pacific Time"\n', "is not an IANA time zone"),
        ("timezone = 5\n", "timezone must be text"),
        ('government_employee = "yes"\n', "government_employee must be true or false"),
        (
            '[[completed]]\ntitle = "A"\ndate = "2026-01-01"\ncredits = {ethics = 1}\n'
            'approvals = "ca-mcle"\n',
            "approvals must be a list",
        ),
    ],
)
def test_new_keys_are_checked(text, expected):
    with pytest.raises(ProfileError, match=expected):
        parse_profile(text)


def test_entries_carry_approvals_and_know_whether_they_are_checked():
    text = (
        "government_employee = true\n"
        '[[completed]]\ntitle = "A"\ndate = "2026-01-01"\ncredits = {ethics = 1}\n'
        'approvals = ["ca-mcle"]\n'
        '[[completed]]\ntitle = "B"\ndate = "2026-01-01"\ncredits = {ethics = 1}\n'
    )
    profile = parse_profile(text)
    checked, stated = profile.completed
    assert profile.government_employee is True
    assert checked.approvals == ("ca-mcle",) and checked.checkable
    assert checked.as_course()["approvals"] == ["ca-mcle"]
    assert stated.approvals is None and not stated.checkable
    assert parse_profile("").government_employee is None


def test_every_example_profile_parses():
    for path in sorted(EXAMPLES.glob("*.toml")):
        assert load_profile(path).credentials, path.name
