"""What ``cle plan`` and ``cle recommend`` print: fills said once, verdicts in words."""

from __future__ import annotations

from datetime import date

from recommender.needs import needs_from_statuses
from recommender.plan import plan
from recommender.rank import rank
from recommender.render import fill_reasons, plan_to_json, render_plan
from tests.recommender.helpers import Person, Status, fills, listing, stated

AS_OF = date(2026, 11, 27)
DEADLINE = date(2026, 12, 31)
NAMES = {"ca": "California paralegal MCLE (B&P 6450)", "nala": "NALA Certified (CP)"}


def _plan(rulings=None):
    records = [
        listing(n, price_usd=5 * n, format="live_webinar",
                starts_at=f"2026-12-0{n}T20:00:00Z",
                credits=[{"category": "ethics", "hours": 1.0}])
        for n in (1, 2, 3)
    ]  # fmt: skip
    statuses = [
        Status("ca", {"ethics": 2.5, "total": 2.5}, DEADLINE, NAMES["ca"]),
        Status("nala", {"total": 30.0}, date(2028, 6, 30), NAMES["nala"]),
    ]
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses, rulings))
    return plan(picks, needs_from_statuses(statuses, fills), AS_OF)


def test_plan_text_says_each_need_once_with_a_running_total():
    text = "\n".join(render_plan(_plan(), AS_OF, NAMES, "America/Los_Angeles"))
    assert "California paralegal MCLE: ethics 2.5, total 2.5 by 2026-12-31" in text
    assert text.count("fills 1.0 of the 2.5 ethics hours") == 2
    assert "fills 0.5 of the 2.5 ethics hours" in text
    assert "(planned so far: 2.5)" in text and "(planned so far: 3.0)" not in text
    # The total is filled by the same hours: not said again.
    assert "of the 2.5 hours California" not in text
    assert "Tue Dec 1, 2026, 12:00 PM PST" in text
    # NALA's cycle ends after the 12-month horizon: listed apart.
    later = text[text.index("Later (due after 2027-11-27") :]
    assert "NALA CP: total 30.0 hours by 2028-06-30" in later


def test_a_repeated_verdict_reason_is_written_out_once_in_text_not_in_json():
    rulings = {(f"prov:course-{n}", "nala"): "counts_if_approved" for n in (1, 2, 3)}
    result = _plan(rulings)
    text = "\n".join(render_plan(result, AS_OF, NAMES, "UTC"))
    assert text.count("for NALA CP only once approved: counts_if_approved (test)") == 1
    assert text.count("only once approved for NALA CP (as above)") == 2
    payload = plan_to_json(result, AS_OF, NAMES, "UTC")
    for course in payload["courses"]:
        assert any("counts_if_approved (test)" in r for r in course["reasons"])
        verdicts = {v["credential"]: v["verdict"] for v in course["counts_toward"]}
        assert verdicts == {"ca": "counts", "nala": "counts_if_approved"}
        assert {f["credential"] for f in course["fills"]} == {"ca"}


def test_fill_reasons_add_what_only_the_total_gets():
    result = _plan()
    general = [a for c in result.courses for a in c.fills]
    assert sum(a.hours for a in general if a.need.key == "ethics") == 2.5
    one = result.courses[0].fills
    assert fill_reasons(one) == [
        "fills 1.0 of the 2.5 ethics hours California paralegal MCLE needs by "
        "2026-12-31"
    ]


def test_a_session_time_is_in_the_readers_zone_with_its_abbreviation():
    from recommender.explain import when_reason
    from recommender.rank import Recommendation

    def pick(**fields):
        return Recommendation(listing(1, **fields), 0.0, {}, 0.0, False)

    webinar = pick(format="live_webinar", starts_at="2026-12-03T11:00:00-05:00",
                   ends_at="2026-12-03T12:30:00-05:00")  # fmt: skip
    assert when_reason(webinar, AS_OF, "America/Los_Angeles") == (
        "live webinar on Thu Dec 3, 2026, 8:00–9:30 AM PST (in 6 days)"
    )
    assert "11:00 AM–12:30 PM EST" in when_reason(webinar, AS_OF, "America/New_York")
    unstated = pick(format=None, starts_at="2027-02-11", ends_at="2027-02-13")
    assert when_reason(unstated, AS_OF, "UTC").startswith(
        "session on Thu Feb 11 – Fri Feb 12, 2027"
    )
    assert when_reason(pick(), AS_OF, "UTC") == "on demand: take it any time"
