"""The benchmark's nDCG@10 and its two judgments files.

nDCG: perfect order scores 1, repeats of a course count once. Judgments: the
acceptance-aware file differs from the original only in the ethics-need grade,
and only where the independent oracle says the ethics hours do not count.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bench.eval import acceptance_grade, fresh
from bench.eval.build import profile_context
from bench.evaluate import ndcg

EVAL = Path(__file__).resolve().parents[2] / "bench" / "eval"
VARIANTS = "abcdefghij"


def test_ideal_order_scores_one_and_reversed_scores_less():
    grades = {"a": 3.0, "b": 2.0, "c": 1.0}
    assert ndcg(["a", "b", "c"], grades, {}) == pytest.approx(1.0)
    assert ndcg(["c", "b", "a"], grades, {}) < 1.0
    assert ndcg(["x", "y"], grades, {}) == 0.0


def test_a_second_offering_of_the_same_course_adds_nothing():
    grades = {"a1": 3.0, "a2": 3.0, "b": 2.0}
    course_of = {"a1": "a", "a2": "a"}
    assert ndcg(["a1", "b"], grades, course_of) == pytest.approx(1.0)
    assert ndcg(["a1", "a2", "b"], grades, course_of) < 1.0


def _load(variant: str, name: str) -> dict:
    return json.loads((EVAL / variant / name).read_text(encoding="utf-8"))


def _end(record: dict) -> date | None:
    return date.fromisoformat(record["ends_at"][:10]) if record.get("ends_at") else None


@pytest.mark.parametrize("variant", VARIANTS)
def test_acceptance_judgments_differ_only_in_the_ethics_grade_the_oracle_denies(
    variant,
):
    original = _load(variant, "judgments.json")
    aware = _load(variant, "judgments_acceptance.json")
    assert aware["as_of"] == original["as_of"]
    assert aware["profiles"].keys() == original["profiles"].keys()
    lines = (EVAL / variant / "catalog.jsonl").read_text(encoding="utf-8")
    records = {r["id"]: r for r in map(json.loads, lines.splitlines())}
    changed = 0
    for name, judged in original["profiles"].items():
        other = aware["profiles"][name]
        assert other["ineligible"] == judged["ineligible"]
        _, _, ethics_due, _ = profile_context(EVAL / variant / "profiles" / name)
        for listing in judged["grades"].keys() | other["grades"].keys():
            before = judged["grades"].get(listing, 0.0)
            after = other["grades"].get(listing, 0.0)
            record = records[listing]
            due = [
                credential
                for credential, cycle_end in ethics_due
                if _end(record) is None or _end(record) <= cycle_end
            ]
            counted = [c for c in due if acceptance_grade.ethics_counts(c, record)]
            if before == after:
                # unchanged: no ethics grade, or hours that count for a need
                assert counted or not acceptance_grade.gives_needed_ethics(
                    record, _end(record), ethics_due, False
                )
                continue
            changed += 1
            # only the +1 (and the +0.5 free bonus of a course left at 0) goes
            assert before - after == 1.0 or (after == 0.0 and before in (1.0, 1.5))
            assert due and not counted, (name, listing)
    assert changed > 0  # every set has ethics hours the oracle does not count


def test_the_ethics_grade_needs_hours_the_oracle_counts():
    vendor = {
        "provider": "lorman",
        "format": "on_demand",
        "credits": [{"category": "ethics", "hours": 1.0}],
    }
    association = dict(vendor, provider="nala")
    needs = [("nfpa-rp", date(2027, 6, 30))]
    assert acceptance_grade.gives_needed_ethics(vendor, None, needs, False)
    assert not acceptance_grade.gives_needed_ethics(vendor, None, needs, True)
    assert acceptance_grade.gives_needed_ethics(association, None, needs, True)
    late = date(2027, 7, 1)
    assert not acceptance_grade.gives_needed_ethics(association, late, needs, True)
    no_ethics = dict(association, credits=[{"category": "general", "hours": 2.0}])
    assert not acceptance_grade.gives_needed_ethics(no_ethics, None, needs, False)


def test_rebuilding_g_gives_both_judgments_byte_identical(tmp_path, monkeypatch):
    folder, seed, parity = fresh.VARIANTS["g"]
    monkeypatch.setitem(fresh.VARIANTS, "g", (tmp_path / "g", seed, parity))
    fresh.build("g")
    for name in acceptance_grade.JUDGMENT_FILES:
        assert (tmp_path / "g" / name).read_bytes() == (folder / name).read_bytes()
