"""Random profiles against an independent, brute-force reading of DESIGN.md section 3.

Covers what the "done when" asks: the right ``remaining.total`` and
``remaining.ethics`` for profiles no test wrote by hand (California's fixed
biennium, rolling NALA and NFPA cycles, and several credentials held at once).
"""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.tracking.profile import parse_profile
from recommender.tracking.rules import load_rules
from recommender.tracking.status import compute_status

RULES = load_rules()
# (total, ethics minimum, general-or-specialized minimum, cycle years) per the research
FACTS = {
    "ca-bpc-6450": (8, 4, 4, 2),
    "nala-cp": (50, 5, 0, 5),
    "nfpa-rp": (12, 1, 0, 2),
    "nfpa-crp": (8, 1, 0, 2),
}


def shift(day: date, years: int) -> date:
    if day.month == 2 and day.day == 29 and not calendar.isleap(day.year + years):
        return date(day.year + years, 2, 28)
    return date(day.year + years, day.month, day.day)


def oracle_cycle(credential: str, cycle_ends: date | None, as_of: date):
    years = FACTS[credential][3]
    if cycle_ends is None:  # California: biennia 2007-2008, 2009-2010, ...
        first = 2007 + 2 * ((as_of.year - 2007) // 2)
        return date(first, 1, 1), date(first + 1, 12, 31)
    for k in range(-60, 60):
        end, previous = shift(cycle_ends, k * years), shift(cycle_ends, (k - 1) * years)
        if previous < as_of <= end:
            return previous + timedelta(days=1), end
    raise AssertionError("no cycle found")


def oracle(credential, cycle_ends, entries, as_of):
    total, ethics_min, gos_min, _ = FACTS[credential]
    start, end = oracle_cycle(credential, cycle_ends, as_of)
    inside = [c for d, c in entries if start <= d <= as_of]
    ethics = sum(c.get("ethics", 0) for c in inside)
    other = sum(c.get("general", 0) + c.get("specialized", 0) for c in inside)
    short_ethics = max(ethics_min - ethics, 0)
    short_gos = max(gos_min - other, 0)
    remaining_total = max(total - ethics - other, short_ethics + short_gos)
    return start, end, short_ethics, remaining_total


days = st.dates(min_value=date(2016, 1, 1), max_value=date(2031, 12, 31))
quarters = st.integers(min_value=0, max_value=24).map(lambda q: q / 4)
credits = st.fixed_dictionaries(
    {},
    optional={"ethics": quarters, "general": quarters, "specialized": quarters},
)
held = st.lists(
    st.sampled_from(sorted(FACTS)), min_size=1, max_size=4, unique=True
).flatmap(
    lambda ids: st.tuples(
        st.just(ids),
        st.lists(days, min_size=len(ids), max_size=len(ids)),
    )
)


def to_toml(ids, ends, entries) -> str:
    lines = []
    for credential, cycle_end in zip(ids, ends, strict=True):
        lines += ["[[credentials]]", f'id = "{credential}"']
        if credential != "ca-bpc-6450":
            lines.append(f'cycle_ends = "{cycle_end}"')
    for number, (day, hours) in enumerate(entries):
        inline = ", ".join(f"{k} = {v}" for k, v in hours.items())
        lines += ["[[completed]]", f'title = "C{number}"', f'date = "{day}"']
        lines.append(f"credits = {{ {inline} }}")
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(
    held=held,
    entries=st.lists(st.tuples(days, credits), max_size=12),
    as_of=days,
)
def test_status_matches_the_oracle(held, entries, as_of):
    ids, ends = held
    profile = parse_profile(to_toml(ids, ends, entries), RULES)
    results = [s.to_json() for s in compute_status(profile, RULES, as_of)]
    results = json.loads(json.dumps(results))  # exactly what --json prints
    assert [r["credential"] for r in results] == list(ids)
    for result, credential, cycle_end in zip(results, ids, ends, strict=True):
        given_end = None if credential == "ca-bpc-6450" else cycle_end
        start, end, ethics, total = oracle(credential, given_end, entries, as_of)
        assert result["cycle_start"] == start.isoformat()
        assert result["cycle_end"] == end.isoformat()
        assert result["remaining"]["ethics"] == ethics
        assert result["remaining"]["total"] == total
        assert result["done"] == (total == 0)
