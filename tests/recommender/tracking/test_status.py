"""Remaining need per credential: DESIGN.md section 3 arithmetic, caps, warnings."""

from __future__ import annotations

import json
from datetime import date

import pytest

from recommender.acceptance import ProviderFacts
from recommender.tracking.profile import parse_profile
from recommender.tracking.rules import load_rules
from recommender.tracking.status import compute_status

D = date.fromisoformat


def profile(credentials: dict[str, str | None], entries: list[tuple]) -> str:
    """Profile TOML: credentials {id: cycle_ends}; entries (date, credits, extras)."""
    lines = []
    for credential, cycle_ends in credentials.items():
        lines += ["[[credentials]]", f'id = "{credential}"']
        if cycle_ends:
            lines.append(f'cycle_ends = "{cycle_ends}"')
    for number, (day, credits, *extra) in enumerate(entries):
        hours = ", ".join(f"{c} = {h}" for c, h in credits.items())
        lines += ["[[completed]]", f'title = "Course {number}"', f'date = "{day}"']
        lines.append(f"credits = {{ {hours} }}")
        for key, value in (extra[0] if extra else {}).items():
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def status_of(credentials, entries, as_of):
    rules = load_rules()
    return compute_status(
        parse_profile(profile(credentials, entries), rules), rules, D(as_of)
    )


def test_california_mid_cycle_ignores_the_previous_biennium():
    (status,) = status_of(
        {"ca-bpc-6450": None},
        [
            ("2024-12-31", {"ethics": 4}),  # last day of the previous biennium
            ("2025-01-01", {"ethics": 1}),  # first day of this one
            ("2025-03-01", {"general": 3, "specialized": 2}),
        ],
        "2025-06-30",
    )
    assert (status.cycle_start, status.cycle_end) == (D("2025-01-01"), D("2026-12-31"))
    assert status.required == {"ethics": 4, "general_or_specialized": 4, "total": 8}
    assert status.earned["ethics"] == 1
    assert status.earned["general_or_specialized"] == 5
    assert status.earned["total"] == 6
    # 8 - 6 = 2 hours overall, but the 3 missing ethics hours must still be taken
    assert status.remaining == {"ethics": 3, "general_or_specialized": 0, "total": 3}
    assert not status.done and status.days_left == 549


def test_nala_hours_before_the_cycle_start_do_not_count():
    (status,) = status_of(
        {"nala-cp": "2028-03-31"},
        [
            ("2023-03-31", {"ethics": 5, "general": 20}),  # day before the cycle
            ("2023-04-01", {"general": 10}),  # first day of the cycle
            ("2026-01-01", {"ethics": 2}),
        ],
        "2026-11-27",
    )
    assert status.cycle_start == D("2023-04-01")
    assert status.earned["total"] == 12
    assert status.remaining == {"ethics": 3, "total": 38}


def test_nfpa_with_enough_hours_but_no_ethics_still_needs_one_hour():
    (status,) = status_of(
        {"nfpa-rp": "2027-09-15"},
        [("2026-01-10", {"general": 8}), ("2026-05-10", {"specialized": 6})],
        "2026-11-27",
    )
    assert status.earned["total"] == 14 and status.required["total"] == 12
    assert status.remaining == {"ethics": 1, "total": 1}
    assert not status.done and status.state != "done"


def test_one_log_counts_toward_two_credentials_at_once():
    ca, nala = status_of(
        {"ca-bpc-6450": None, "nala-cp": "2027-06-30"},
        [
            ("2022-08-01", {"ethics": 2, "general": 3}),  # NALA cycle only
            ("2025-05-05", {"ethics": 2, "specialized": 1.5}),  # both
            ("2026-10-01", {"general": 1}),  # both
        ],
        "2026-11-27",
    )
    assert ca.earned["total"] == 4.5 and nala.earned["total"] == 9.5
    assert ca.remaining == {"ethics": 2, "general_or_specialized": 1.5, "total": 3.5}
    assert nala.remaining == {"ethics": 1, "total": 40.5}
    assert [s.credential for s in (ca, nala)] == ["ca-bpc-6450", "nala-cp"]


def test_a_course_on_the_deadline_counts_and_one_after_as_of_does_not():
    (status,) = status_of(
        {"nfpa-crp": "2026-11-27"},
        [("2026-11-27", {"ethics": 1}), ("2026-11-28", {"general": 7})],
        "2026-11-27",
    )
    assert status.days_left == 0
    assert status.earned["total"] == 1
    assert status.remaining == {"ethics": 0, "total": 7}


def test_a_finished_credential_is_done():
    (status,) = status_of(
        {"ky-ckp": None},
        [("2026-02-01", {"ethics": 2, "general": 4}), ("2026-03-01", {"general": 2.5})],
        "2026-11-27",
    )
    assert status.remaining == {"ethics": 0, "total": 0}
    assert status.done and status.state == "done"


def test_an_ethics_minimum_believed_but_not_established_is_unknown():
    # acceptance.md line 33 (aapi-aacp ethics: U) and s.2 item 3
    (status,) = status_of(
        {"aapi-aacp": "2027-12-31"}, [("2026-01-01", {"general": 5})], "2026-11-27"
    )
    assert status.required["ethics"] is None and status.remaining["ethics"] is None
    assert status.remaining["total"] == 13


def test_an_unknown_total_stays_unknown():
    (status,) = status_of(
        {"nals-pp": "2029-01-31"}, [("2026-01-01", {"ethics": 5})], "2026-11-27"
    )
    assert status.required["total"] is None and status.remaining["total"] is None
    assert status.remaining["ethics"] is None
    assert status.earned["total"] == 5
    assert status.state == "unknown" and status.done is None
    assert any("not established" in w for w in status.warnings)
    assert status.to_json()["remaining"] == {"ethics": None, "total": None}


def test_texas_self_study_ethics_counts_only_as_general_and_is_named():
    (status,) = status_of(
        {"tx-sbot-pd": None},
        [
            ("2026-07-01", {"specialized": 3}),
            ("2026-08-01", {"ethics": 1}, {"format": "self_study", "provider": "txpd"}),
        ],
        "2026-11-27",
    )
    assert (status.cycle_start, status.cycle_end) == (D("2026-06-01"), D("2027-05-31"))
    assert status.earned["ethics"] == 0 and status.earned["general"] == 1
    assert status.remaining == {"ethics": 1, "total": 2}
    (warning,) = status.warnings
    assert "Course 1" in warning and "self-study" in warning


@pytest.mark.parametrize(
    "credential,accepted,fmt,hours,counted",
    [
        # acceptance.md line 38: self-study or pro bono at most 2 hours a year
        ("tx-sbot-pd", {"provider": "txpd"}, "self_study", [1.5, 1.5], 2),
        # line 40: accredited on-demand CLE counts in full for the Division
        ("tx-sbot-pd", {"provider": "txpd"}, "on_demand", [1.5, 1.5], 3),
        ("ut-lpp", {"approvals": ["ut-mcle"]}, "self_study", [2, 2], 3),  # line 57
        # lines 51-52: 4 non-live 50-minute credits a year; 3 hours = 3.6 credits
        ("ky-ckp", {"approvals": ["ky-ckp"]}, "on_demand", [3, 3], 4),
        ("ky-ckp", {"approvals": ["ky-ckp"]}, "live_webinar", [3, 3], 7.2),
    ],
)
def test_caps_limit_matching_hours(credential, accepted, fmt, hours, counted):
    entries = [
        (f"2026-09-0{i + 1}", {"general": h}, {"format": fmt, **accepted})
        for i, h in enumerate(hours)
    ]
    (status,) = status_of({credential: None}, entries, "2026-11-27")
    assert status.earned["total"] == counted
    capped = sum(hours) * load_rules()[credential].units_per_hour > counted
    assert any("cap" in w and "Course 1" in w for w in status.warnings) == capped


def test_a_cap_trims_general_before_ethics():
    (status,) = status_of(
        {"ut-lpp": None},
        [
            (
                "2026-09-01",
                {"ethics": 1, "general": 3},
                {"format": "self_study", "approvals": ["ut-mcle"]},
            )
        ],
        "2026-11-27",
    )
    assert status.earned == {"ethics": 1, "general": 2, "specialized": 0, "total": 3}


def test_nala_caps_article_credit_by_activity():
    entries = [
        (f"2025-0{m}-01", {"general": 2}, {"activity": "facts_and_findings_article"})
        for m in range(1, 5)
    ]
    (status,) = status_of({"nala-cp": "2028-03-31"}, entries, "2026-11-27")
    assert status.earned["total"] == 5
    assert sum("cap" in w for w in status.warnings) == 2  # courses 2 and 3 trimmed


def test_california_self_study_is_counted_with_a_warning():
    (status,) = status_of(
        {"ca-bpc-6450": None},
        [
            (
                "2026-01-05",
                {"ethics": 2},
                {"format": "self_study", "approvals": ["ca-mcle"]},
            )
        ],
        "2026-11-27",
    )
    assert status.earned["ethics"] == 2
    assert any("supervising attorney" in w for w in status.warnings)


def test_a_passed_rolling_deadline_rolls_on_with_a_warning():
    (status,) = status_of(
        {"nfpa-rp": "2026-03-01"}, [("2026-02-01", {"ethics": 12})], "2026-11-27"
    )
    assert (status.cycle_start, status.cycle_end) == (D("2026-03-02"), D("2028-03-01"))
    assert status.remaining["total"] == 12
    assert any("has passed" in w for w in status.warnings)


def test_cycle_ends_off_a_fixed_grid_is_used_with_a_warning():
    (status,) = status_of({"ca-bpc-6450": "2027-06-30"}, [], "2026-11-27")
    assert (status.cycle_start, status.cycle_end) == (D("2025-07-01"), D("2027-06-30"))
    assert any("fixed cycle" in w for w in status.warnings)


def test_cycle_ends_on_the_fixed_grid_changes_nothing():
    with_date, without = (
        status_of({"ca-bpc-6450": "2026-12-31"}, [], "2026-11-27")[0],
        (status_of({"ca-bpc-6450": None}, [], "2026-11-27")[0]),
    )
    assert with_date.to_json() == without.to_json() and not with_date.warnings


def test_behind_or_on_track_follows_the_pace_of_the_cycle():
    early, late = (
        status_of({"ky-ckp": None}, [("2026-01-10", {"ethics": 2})], as_of)[0]
        for as_of in ("2026-02-01", "2026-11-27")
    )
    assert early.state == "on track" and late.state == "behind"


def test_to_json_follows_the_contract():
    (status,) = status_of(
        {"ca-bpc-6450": None}, [("2025-03-01", {"ethics": 1})], "2026-11-27"
    )
    data = status.to_json()
    assert {
        "credential",
        "cycle_start",
        "cycle_end",
        "required",
        "earned",
        "remaining",
    } <= set(data)
    assert data["cycle_start"] == "2025-01-01" and data["cycle_end"] == "2026-12-31"
    assert "ethics" in data["remaining"] and "total" in data["remaining"]


def test_a_checked_entry_counts_only_when_the_credential_accepts_it():
    # acceptance.md line 24: a commercial vendor's CLE needs an NFPA application
    (status,) = status_of(
        {"nfpa-rp": "2027-09-15"},
        [
            ("2026-02-01", {"ethics": 1}, {"provider": "clio", "format": "on_demand"}),
            ("2026-03-01", {"general": 2}, {"provider": "flbar"}),  # a bar: counts
            ("2026-04-01", {"general": 3}),  # no provider/format: as stated
        ],
        "2026-11-27",
    )
    assert status.earned["total"] == 5 and status.remaining["ethics"] == 1
    (warning,) = [w for w in status.warnings if "not counted" in w]
    assert "Course 0" in warning and "NFPA approves" in warning
    assert 'approvals = ["nfpa"]' in warning


def test_a_stated_approval_makes_a_checked_entry_count():
    entry = {"provider": "clio", "approvals": ["nfpa-rp"]}
    (status,) = status_of(
        {"nfpa-rp": "2027-09-15"}, [("2026-02-01", {"ethics": 1}, entry)], "2026-11-27"
    )
    assert status.earned["ethics"] == 1 and not status.warnings


def test_california_counts_only_stated_mcle_approval():
    # acceptance.md lines 12 and 92
    (status,) = status_of(
        {"ca-bpc-6450": None},
        [("2026-02-01", {"ethics": 2}, {"provider": "clio", "format": "live_webinar"})],
        "2026-11-27",
    )
    assert status.earned["ethics"] == 0
    assert any("MCLE" in w and "not counted" in w for w in status.warnings)


def test_a_future_dated_entry_is_named_not_silently_dropped():
    (status,) = status_of(
        {"nala-cp": "2028-03-31"}, [("2030-01-01", {"ethics": 5})], "2026-11-27"
    )
    assert status.earned["total"] == 0
    assert any("dated after 2026-11-27" in w for w in status.warnings)


def test_utah_general_hours_alone_are_not_done():
    # acceptance.md line 56 and s.2 item 1: ethics and civility minimums exist,
    # their numbers are not established
    (status,) = status_of(
        {"ut-lpp": None}, [("2026-09-01", {"general": 6})], "2026-11-27"
    )
    assert status.required == {"ethics": None, "total": 6}
    assert status.remaining == {"ethics": None, "total": 0}
    assert status.done is None and status.state == "unknown"
    assert status.to_json()["done"] is None
    assert any("not established" in w for w in status.warnings)


def test_a_known_unmet_minimum_is_not_done_even_with_unknowns():
    (status,) = status_of(
        {"ut-lpp": None}, [("2026-09-01", {"general": 2})], "2026-11-27"
    )
    assert status.done is False and status.remaining["total"] == 4


def test_kentucky_counts_fifty_minute_credits():
    # acceptance.md line 51: "Credit is a 50-minute unit"
    (status,) = status_of(
        {"ky-ckp": None},
        [("2026-03-01", {"ethics": 1.0, "general": 4.0})],
        "2026-11-27",
    )
    assert status.unit == "50-minute credit" and status.to_json()["unit"] == status.unit
    assert status.earned == {
        "ethics": 1.2,
        "general": 4.8,
        "specialized": 0,
        "total": 6,
    }
    assert status.remaining == {"ethics": 0.8, "total": 2}


def test_conflicts_and_stale_rules_are_warned():
    (sc,) = status_of({"sc-sccp": None}, [], "2026-11-27")
    assert any("10-hour" in w for w in sc.warnings)  # acceptance.md line 48
    (late,) = status_of({"nala-cp": "2028-03-31"}, [], "2028-01-01")
    assert any("last reviewed" in w for w in late.warnings)
    (fresh,) = status_of({"nala-cp": "2028-03-31"}, [], "2027-01-01")
    assert not any("last reviewed" in w for w in fresh.warnings)


def test_government_agency_cle_follows_the_profile():
    facts = {"agency": ProviderFacts("agency", "State Agency", "court_or_government")}
    rules = load_rules()
    base = profile(
        {"nfpa-rp": "2027-09-15"},
        [("2026-02-01", {"ethics": 1}, {"provider": "agency"})],
    )
    for flag, earned in (("true", 1), ("false", 0), (None, 0)):
        text = base if flag is None else f"government_employee = {flag}\n" + base
        (status,) = compute_status(
            parse_profile(text, rules), rules, D("2026-11-27"), facts
        )
        assert status.earned["ethics"] == earned
