"""Random profiles against an independent, brute-force reading of DESIGN.md s. 3-4.

Covers what the "done when" asks: the right ``remaining``, ``done`` and ``unit``
for profiles no test wrote by hand (California's fixed biennium, Kentucky's
calendar year in 50-minute credits, Utah's fiscal year with an ethics minimum
that is not established, rolling NALA and NFPA cycles, several credentials held
at once), with completed entries that name a provider or approvals checked by
the independent acceptance oracle and the others counted as stated.
"""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.eval import acceptance_oracle
from recommender.acceptance import ProviderFacts
from recommender.tracking.profile import parse_profile
from recommender.tracking.rules import load_rules
from recommender.tracking.status import compute_status

RULES = load_rules()
# (total, ethics minimum (None = not established), general-or-specialized minimum,
#  cycle years, fixed anchor (month, day) or None, units per clock hour, unit)
FACTS = {
    "ca-bpc-6450": (8, 4, 4, 2, (1, 1), 1.0, "hour"),  # acceptance.md lines 9-10
    "nala-cp": (50, 5, 0, 5, None, 1.0, "hour"),  # line 15
    "nfpa-rp": (12, 1, 0, 2, None, 1.0, "hour"),  # line 22
    "nfpa-crp": (8, 1, 0, 2, None, 1.0, "hour"),  # line 23
    "ky-ckp": (8, 2, 0, 1, (1, 1), 1.2, "50-minute credit"),  # lines 50-51
    "ut-lpp": (6, None, 0, 1, (7, 1), 1.0, "hour"),  # lines 55-56
}
# sponsor facts as the registry gives them (research/providers.md)
PROVIDERS = {
    "flbar": ("flbar", "bar_association", None),
    "clio": ("clio", "commercial_vendor", None),
    "nala": ("nala", "paralegal_association", None),
}
FACT_OBJECTS = {s: ProviderFacts(s, s, k, m) for s, (_, k, m) in PROVIDERS.items()}


def shift(day: date, years: int) -> date:
    if day.month == 2 and day.day == 29 and not calendar.isleap(day.year + years):
        return date(day.year + years, 2, 28)
    return date(day.year + years, day.month, day.day)


def oracle_cycle(credential: str, cycle_ends: date | None, as_of: date):
    years, anchor = FACTS[credential][3], FACTS[credential][4]
    if cycle_ends is None:  # fixed: California biennia from 2007, others yearly
        month, day = anchor
        first = as_of.year if (as_of.month, as_of.day) >= anchor else as_of.year - 1
        if credential == "ca-bpc-6450":
            first = 2007 + 2 * ((as_of.year - 2007) // 2)
        start = date(first, month, day)
        return start, shift(start, years) - timedelta(days=1)
    for k in range(-60, 60):
        end, previous = shift(cycle_ends, k * years), shift(cycle_ends, (k - 1) * years)
        if previous < as_of <= end:
            return previous + timedelta(days=1), end
    raise AssertionError("no cycle found")


def counted_units(credential, extras, hours):
    if extras:
        course = {
            "provider": extras.get("provider"),
            "format": extras.get("format"),
            "approvals": extras.get("approvals", []),
            "credits": [{"category": c, "hours": h} for c, h in hours.items()],
        }
        provider = PROVIDERS.get(extras.get("provider"))
        if acceptance_oracle.verdict(credential, course, provider) != "counts":
            return {}
    per_hour = FACTS[credential][5]
    return {c: round(h * per_hour, 2) for c, h in hours.items()}


def oracle(credential, cycle_ends, entries, as_of):
    total, ethics_min, gos_min, *_ = FACTS[credential]
    start, end = oracle_cycle(credential, cycle_ends, as_of)
    inside = [
        counted_units(credential, extras, hours)
        for d, hours, extras in entries
        if start <= d <= as_of
    ]
    ethics = sum(c.get("ethics", 0) for c in inside)
    other = sum(c.get("general", 0) + c.get("specialized", 0) for c in inside)
    short_ethics = None if ethics_min is None else round(max(ethics_min - ethics, 0), 2)
    short_gos = max(gos_min - other, 0)
    remaining_total = round(
        max(total - ethics - other, (short_ethics or 0) + short_gos, 0), 2
    )
    if remaining_total > 0 or (short_ethics or 0) > 0:
        done = False
    else:
        done = None if ethics_min is None else True
    return start, end, short_ethics, remaining_total, done


days = st.dates(min_value=date(2016, 1, 1), max_value=date(2031, 12, 31))
quarters = st.integers(min_value=0, max_value=24).map(lambda q: q / 4)
credits = st.fixed_dictionaries(
    {},
    optional={"ethics": quarters, "general": quarters, "specialized": quarters},
)
extras = st.fixed_dictionaries(
    {},
    optional={
        "provider": st.sampled_from(sorted(PROVIDERS)),
        "format": st.sampled_from(["live_webinar", "in_person"]),
        "approvals": st.lists(
            st.sampled_from(["ca-mcle", "nfpa-rp", "ky-ckp", "ut-mcle"]),
            max_size=2,
            unique=True,
        ),
    },
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
        if FACTS[credential][4] is None:
            lines.append(f'cycle_ends = "{cycle_end}"')
    for number, (day, hours, more) in enumerate(entries):
        inline = ", ".join(f"{k} = {v}" for k, v in hours.items())
        lines += ["[[completed]]", f'title = "C{number}"', f'date = "{day}"']
        lines.append(f"credits = {{ {inline} }}")
        lines += [f"{key} = {json.dumps(value)}" for key, value in more.items()]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(
    held=held,
    entries=st.lists(st.tuples(days, credits, extras), max_size=12),
    as_of=days,
)
def test_status_matches_the_oracle(held, entries, as_of):
    ids, ends = held
    profile = parse_profile(to_toml(ids, ends, entries), RULES)
    statuses = compute_status(profile, RULES, as_of, FACT_OBJECTS)
    results = json.loads(json.dumps([s.to_json() for s in statuses]))  # as printed
    assert [r["credential"] for r in results] == list(ids)
    for result, credential, cycle_end in zip(results, ids, ends, strict=True):
        given_end = None if FACTS[credential][4] else cycle_end
        start, end, ethics, total, done = oracle(credential, given_end, entries, as_of)
        assert result["cycle_start"] == start.isoformat()
        assert result["cycle_end"] == end.isoformat()
        assert result["remaining"]["ethics"] == ethics
        assert result["remaining"]["total"] == total
        assert result["done"] == done
        assert result["unit"] == FACTS[credential][6]
        future = any(d > as_of for d, _, _ in entries)
        assert any("dated after" in w for w in result["warnings"]) == future
