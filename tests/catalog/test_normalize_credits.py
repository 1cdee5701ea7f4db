"""Credit wording → credits, total_hours, credit_status, approvals (table tests).

Rows marked "providers.md 8" are the wordings listed in research/providers.md
section 8; the rest are recreations in the same styles.
"""

from __future__ import annotations

import math

import pytest

from catalog.normalize import parse_credits

E, G, S = "ethics", "general", "specialized"

# text, {category: hours}, total_hours, credit_status
CASES = [
    # providers.md 8 (SFPA, CAPA, NFPA, NALA types)
    (
        "MCLE Credit: Lecture approved for 1.5 hours MCLE Credit",
        {G: 1.5},
        1.5,
        "approved",
    ),
    ("MCLE Pending approval", {}, None, "pending"),
    ("There is no CLE credit for this webinar.", {}, 0.0, "none"),
    ("Legal Ethics: 1.0", {E: 1.0}, 1.0, "approved"),
    ("Substantive: 1.5", {S: 1.5}, 1.5, "approved"),
    ("Non-Substantive: 0.5", {G: 0.5}, 0.5, "approved"),
    ("CLE: 1.0 (Ethics)", {E: 1.0}, 1.0, "approved"),
    ("CLE 1.0", {G: 1.0}, 1.0, "approved"),
    # hours written as words
    ("One (1) hour", {G: 1.0}, 1.0, "approved"),
    ("Two hours", {G: 2.0}, 2.0, "approved"),
    (
        "Three (3.0) CLE hours including one (1.0) hour of ethics",
        {E: 1.0, G: 2.0},
        3.0,
        "approved",
    ),
    ("one and one-half hours of general credit", {G: 1.5}, 1.5, "approved"),
    ("An hour of legal ethics", {E: 1.0}, 1.0, "approved"),
    ("Half an hour of ethics", {E: 0.5}, 0.5, "approved"),
    ("Twelve hours CLE", {G: 12.0}, 12.0, "approved"),
    # fractions and decimals
    ("1 1/2 hours CLE", {G: 1.5}, 1.5, "approved"),
    ("1½ CLE hours", {G: 1.5}, 1.5, "approved"),
    ("3/4 hour ethics", {E: 0.75}, 0.75, "approved"),
    (".5 ethics", {E: 0.5}, 0.5, "approved"),
    ("1.25 hours", {G: 1.25}, 1.25, "approved"),
    # minutes
    ("90 minutes", {G: 1.5}, 1.5, "approved"),
    ("90-minute program", {G: 1.5}, 1.5, "approved"),
    ("45 minutes of legal ethics", {E: 0.75}, 0.75, "approved"),
    ("60 min ethics, 30 min general", {E: 1.0, G: 0.5}, 1.5, "approved"),
    # ethics inside a total
    ("1.5 hours including 0.5 ethics", {E: 0.5, G: 1.0}, 1.5, "approved"),
    ("2.0 CLE hours, 1.0 of which is ethics", {E: 1.0, G: 1.0}, 2.0, "approved"),
    ("Total 3 hours (incl. 1 hr ethics)", {E: 1.0, G: 2.0}, 3.0, "approved"),
    ("1.0 ethics 2.0 hours total", {E: 1.0, G: 1.0}, 2.0, "approved"),
    (
        "2.5 hours general (includes 30 minutes ethics)",
        {E: 0.5, G: 2.0},
        2.5,
        "approved",
    ),
    ("CLE Hours: 6.0 (includes 1.0 Ethics)", {E: 1.0, G: 5.0}, 6.0, "approved"),
    (
        "2 hours, of which 0.5 hour professional responsibility",
        {E: 0.5, G: 1.5},
        2.0,
        "approved",
    ),
    # "up to" states the total; a bare figure before "including" is a total
    ("Up to 12.0 (including 1.0 Ethics)", {E: 1.0, G: 11.0}, 12.0, "approved"),
    (
        "CLE: Up to 12.0 (including 1.0 Ethics); approval pending for individual "
        "sessions.",
        {E: 1.0, G: 11.0},
        12.0,
        "pending",
    ),
    ("Up to 6 hours of CLE", {G: 6.0}, 6.0, "approved"),
    ("Earn up to 4.5, including 1 hour of ethics", {E: 1.0, G: 3.5}, 4.5, "approved"),
    ("A maximum of 6 (of which 1.5 ethics)", {E: 1.5, G: 4.5}, 6.0, "approved"),
    ("7.0 (incl. 2.0 Substantive)", {S: 2.0, G: 5.0}, 7.0, "approved"),
    ("Session 2 (includes 1.0 ethics)", {E: 1.0}, 1.0, "approved"),
    # category lists in any order and separator
    ("Ethics 1.0, General 2.0", {E: 1.0, G: 2.0}, 3.0, "approved"),
    ("General 2.0 / Ethics 1.0", {E: 1.0, G: 2.0}, 3.0, "approved"),
    ("1.0 general + 0.5 ethics", {E: 0.5, G: 1.0}, 1.5, "approved"),
    ("0.5 ethics; 1.0 specialized", {E: 0.5, S: 1.0}, 1.5, "approved"),
    (
        "Ethics: 1 | Substantive: 1 | Non-Substantive: 1",
        {E: 1.0, S: 1.0, G: 1.0},
        3.0,
        "approved",
    ),
    ("1 hr ethics and 2 hrs specialty", {E: 1.0, S: 2.0}, 3.0, "approved"),
    ("Legal Ethics 0.5 Substantive 1.0", {E: 0.5, S: 1.0}, 1.5, "approved"),
    ("Credits: 2.0 Substantive, 1.0 Legal Ethics", {S: 2.0, E: 1.0}, 3.0, "approved"),
    ("1.0 Professionalism credit", {E: 1.0}, 1.0, "approved"),
    # no credit / pending / unknown
    ("No CLE credit", {}, 0.0, "none"),
    ("This program is not approved for CLE credit", {}, 0.0, "none"),
    ("Does not qualify for continuing education credit", {}, 0.0, "none"),
    ("N/A", {}, 0.0, "none"),
    ("0 CLE credits", {}, 0.0, "none"),
    ("CLE credit has been applied for", {}, None, "pending"),
    ("1.5 hours MCLE credit pending approval", {G: 1.5}, 1.5, "pending"),
    (
        "Application for 2 hours of NALA credit has been submitted",
        {G: 2.0},
        2.0,
        "pending",
    ),
    ("Approved for CLE credit", {}, None, "approved"),
    ("See course page", {}, None, "unknown"),
    ("", {}, None, "unknown"),
    ("CLE credit to be announced", {}, None, "unknown"),
    # figures that are not hours
    ("Offered June 3, 2026 at 1:00 pm; 1.0 CLE hour", {G: 1.0}, 1.0, "approved"),
    (
        "Meets B&P Code 6450 requirements: 4 hours legal ethics",
        {E: 4.0},
        4.0,
        "approved",
    ),
    ("Per-accreditor: CLE 1.0 / NALA 1.0 / CA MCLE 1.0", {G: 1.0}, 1.0, "approved"),
]


def _by_category(result: dict) -> dict:
    return {c["category"]: c["hours"] for c in result["credits"]}


@pytest.mark.parametrize("text,credits,total,status", CASES)
def test_parses_credit_wording(text, credits, total, status):
    result = parse_credits(text)
    assert (_by_category(result), result["total_hours"], result["credit_status"]) == (
        credits,
        total,
        status,
    )


@pytest.mark.parametrize("text,credits,total,status", CASES)
def test_categories_add_up_to_the_total(text, credits, total, status):
    result = parse_credits(text)
    if result["total_hours"] is not None:
        assert math.isclose(
            sum(c["hours"] for c in result["credits"]), result["total_hours"]
        )


@pytest.mark.parametrize(
    "text,approvals",
    [
        ("Approved for 1.0 hour of NALA CLE", ["nala-cp"]),
        ("NFPA-approved: 1.0 ethics", ["nfpa-crp", "nfpa-rp"]),
        ("1.5 hours; approved by the American Alliance of Paralegals", ["aapi-aacp"]),
        ("1.0 hour Legal Ethics (California MCLE approved)", ["ca-mcle"]),
        ("1 hour, State Bar of California approved provider", ["ca-mcle"]),
        (
            "2.0 hours: NALA and NALS approved",
            ["nala-cp", "nals-alp", "nals-clp", "nals-pp"],
        ),
        ("1.0 CA MCLE approved; NALA approval pending", ["ca-mcle"]),
        ("1.5 hours; approved for NALA-CP, CA-MCLE", ["ca-mcle", "nala-cp"]),
        ("NALA credit pending", []),
        # where an attendee may seek credit is not an approval
        (
            "This webinar is eligible for 1.0 hour of CLE credit, including 1.0 hour "
            "of legal ethics, in California, Illinois and New York. Paralegals may "
            "self-report the hour to NALA and NFPA.",
            [],
        ),
        ("1.0 hour; may be submitted to NFPA for CLE credit", []),
        ("1.5 hours. Check with your association (NALA, NALS) for credit", []),
        ("You may apply for credit with NALS", []),
        ("Self-reporting to AAPI is allowed: 1 hour", []),
        ("Approved by NALA, but may be submitted to NFPA for credit", ["nala-cp"]),
        (
            "NALA approved; NFPA members should check with their association",
            ["nala-cp"],
        ),
        (
            "NALA-approved for 1.0 hour, and members may self-report it to NFPA",
            ["nala-cp"],
        ),
        ("There is no NFPA CLE credit for this webinar", []),
        ("1.5 MCLE hours", []),
    ],
)
def test_records_approving_bodies_as_credential_ids(text, approvals):
    assert parse_credits(text)["approvals"] == approvals


def test_minutes_use_the_callers_unit():
    result = parse_credits("60 minutes", unit_minutes=50)
    assert result["total_hours"] == 1.2


def test_minutes_use_the_unit_the_wording_names():
    result = parse_credits("100 minutes of instruction (50-minute credit hours)")
    assert (result["total_hours"], _by_category(result)) == (2.0, {G: 2.0})


def test_hours_are_not_converted_by_the_unit():
    assert parse_credits("1.5 hours", unit_minutes=50)["total_hours"] == 1.5


def test_parts_larger_than_the_stated_total_win():
    result = parse_credits("1 hour: 1.0 ethics, 0.5 general")
    assert (_by_category(result), result["total_hours"]) == ({E: 1.0, G: 0.5}, 1.5)


# Classes of failure seen on real pages (issue 12); wordings of our own.
NEGATIONS_AND_TABLES = [
    # a negated approval is not an approval
    ("This course has not been approved for MCLE credit.", {}, 0.0, "none"),
    ("Not approved for MCLE credit", {}, 0.0, "none"),
    ("CLE credit has not yet been approved", {}, None, "pending"),
    ("Approval is not guaranteed.", {}, None, "unknown"),
    ("No CLE credit is offered for this session", {}, 0.0, "none"),
    # a negation of one category leaves the rest of the line
    ("1.5 hours general; not approved for ethics credit", {G: 1.5}, 1.5, "approved"),
    ("This program has not been approved for ethics credit.", {}, None, "unknown"),
    ("Is this course approved for CLE credit? Check back soon.", {}, None, "unknown"),
    ("If approved, the program will carry 1.0 hour", {G: 1.0}, 1.0, "pending"),
    ("1.5 hours, subject to NALA approval", {G: 1.5}, 1.5, "pending"),
    ("If you attend both days, 6.0 hours approved", {G: 6.0}, 6.0, "approved"),
    ("Approved once per cycle: 1.0 hour", {G: 1.0}, 1.0, "approved"),
    ("1.0 hour approved if attended live", {G: 1.0}, 1.0, "approved"),
    # "of which" inside a total
    ("3.0 hours, of which 1.0 is ethics", {E: 1.0, G: 2.0}, 3.0, "approved"),
    ("3.0 CLE hours (1.0 of which is ethics)", {E: 1.0, G: 2.0}, 3.0, "approved"),
    (
        "4 hours of substantive law, 1 hour of which is ethics",
        {E: 1.0, S: 3.0},
        4.0,
        "approved",
    ),
    ("1.5 hours (ethics 0.5)", {E: 0.5, G: 1.0}, 1.5, "approved"),
    # tables of hours per state: one figure only when the states agree
    ("CA 1.5 | TX 1.5 | NY 1.5", {G: 1.5}, 1.5, "approved"),
    ("CA 1.5 | TX 1.5 | NY 1.5 (ethics 0.5)", {}, None, "approved"),
    ("NY: 2.0, NJ: 2.4, PA: 2.0", {}, None, "approved"),
    ("Approved in IL 1.0 (ethics 1.0), IN 1.0 (ethics 1.0)", {E: 1.0}, 1.0, "approved"),
    # alternatives per minutes-per-hour rule
    (
        "12 hours in 60-minute states, 14.4 hours in 50-minute states",
        {},
        None,
        "approved",
    ),
    ("1.0 hour (60 minutes)", {G: 1.0}, 1.0, "approved"),
    # pending wordings
    ("Our CLE department is applying for 2.0 hours", {G: 2.0}, 2.0, "pending"),
    ("We will seek approval for 1.5 hours", {G: 1.5}, 1.5, "pending"),
    ("The provider seeks pre-approval in California", {}, None, "pending"),
    # "one of our" is not an hour
    ("Join one of our CLE webinars", {}, None, "unknown"),
    # a negated approval word is never an approval
    ("Webcasts are not an approved method for ethics credit", {}, None, "unknown"),
    ("This is not an accredited program.", {}, 0.0, "none"),
]


@pytest.mark.parametrize("text,credits,total,status", NEGATIONS_AND_TABLES)
def test_negations_parts_and_state_tables(text, credits, total, status):
    result = parse_credits(text)
    assert (_by_category(result), result["total_hours"], result["credit_status"]) == (
        credits,
        total,
        status,
    )
