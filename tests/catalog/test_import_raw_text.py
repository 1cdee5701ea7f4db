"""End to end: records carrying only raw wording → ``cle import`` → ``cle export``.

Also scores the held-out wordings in tests/fixtures/normalize/holdout.jsonl
(written before the parsers, never tuned against; see the README there).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.composition_root import cli
from catalog.normalize import normalize_record

HOLDOUT = Path(__file__).parents[1] / "fixtures" / "normalize" / "holdout.jsonl"
_FIELD_OF_KIND = {"credit": "credit_text", "price": "price_text"}


def _record(key: str, **fields) -> dict:
    return {
        "id": f"acme:{key}",
        "provider": "acme",
        "title": f"Course {key}",
        "url": f"https://acme.example/{key}",
        **fields,
    }


def _import_and_export(tmp_path: Path, records: list[dict], name="in.jsonl") -> dict:
    source = tmp_path / name
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "catalog.db")
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", str(source), "--db", db])
    assert imported.exit_code == 0, imported.output
    exported = runner.invoke(cli, ["export", "--db", db])
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in exported.output.splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


def test_import_fills_parsed_fields_from_raw_text(tmp_path):
    records = [
        _record(
            "ethics",
            timezone="America/Chicago",
            credit_text="Two (2.0) hours including 0.5 hours of ethics; NALA approved",
            price_text="NALA members $35 / Non-members $55",
            when_text="Tuesday, February 16, 2027 · 12:00–2:00 p.m. ET",
        ),
        _record(
            "recording",
            timezone="America/Los_Angeles",
            credit_text="There is no CLE credit for this webinar.",
            price_text="Complimentary",
            when_text="Recorded June 23, 2025",
        ),
    ]
    out = _import_and_export(tmp_path, records)
    ethics, recording = out["acme:ethics"], out["acme:recording"]
    assert ethics["credits"] == [
        {"category": "ethics", "hours": 0.5},
        {"category": "general", "hours": 1.5},
    ]
    assert (ethics["total_hours"], ethics["credit_status"]) == (2.0, "approved")
    assert ethics["approvals"] == ["nala-cp"]
    assert (ethics["price_usd"], ethics["member_price_usd"], ethics["is_free"]) == (
        55,
        35,
        False,
    )
    assert ethics["starts_at"] == "2027-02-16T12:00:00-05:00"
    assert ethics["ends_at"] == "2027-02-16T14:00:00-05:00"
    assert ethics["credit_text"].startswith("Two (2.0) hours")
    assert recording["credit_status"] == "none"
    assert recording["total_hours"] == 0
    assert (recording["price_usd"], recording["is_free"]) == (0, True)
    assert recording["format"] == "on_demand" and "starts_at" not in recording


def test_import_keeps_parsed_values_the_record_already_has(tmp_path):
    record = _record(
        "given",
        credits=[{"category": "ethics", "hours": 1.0}],
        credit_status="approved",
        price_usd=10,
        starts_at="2026-12-01T09:00:00-06:00",
        credit_text="3 hours general",
        price_text="$99",
        when_text="Jan 5, 2027 1:00 PM ET",
    )
    out = _import_and_export(tmp_path, [record])["acme:given"]
    assert out["credits"] == [{"category": "ethics", "hours": 1.0}]
    assert (out["price_usd"], out["starts_at"]) == (10, "2026-12-01T09:00:00-06:00")
    assert out["when_text"] == "Jan 5, 2027 1:00 PM ET"


def test_unreadable_text_stays_raw_and_credit_is_unknown(tmp_path):
    record = _record("odd", credit_text="ask us", price_text="varies", when_text="TBA")
    out = _import_and_export(tmp_path, [record])["acme:odd"]
    assert out["credit_status"] == "unknown"
    assert not {"credits", "total_hours", "price_usd", "starts_at"} & set(out)
    assert (out["credit_text"], out["price_text"], out["when_text"]) == (
        "ask us",
        "varies",
        "TBA",
    )


def test_csv_import_reads_raw_text_too(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "id,provider,title,url,timezone,credit_text,price_text,when_text\n"
        'acme:c,acme,C,https://acme.example/c,America/Denver,"1.0 Ethics","Free",'
        '"6/9/2026 9:00 AM"\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "catalog.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(source), "--db", db]).exit_code == 0
    row = json.loads(runner.invoke(cli, ["export", "--db", db]).output)
    assert row["credits"] == [{"category": "ethics", "hours": 1.0}]
    assert (row["is_free"], row["starts_at"]) == (True, "2026-06-09T09:00:00-06:00")


# -- held-out wordings ------------------------------------------------------------


def _holdout_cases() -> list[dict]:
    lines = HOLDOUT.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _holdout_record(index: int, case: dict) -> dict:
    field = _FIELD_OF_KIND.get(case["kind"], "when_text")
    extra = {"timezone": case["timezone"]} if case.get("timezone") else {}
    return _record(f"h{index}", **{field: case["text"]}, **extra)


def _same_number(got, expected) -> bool:
    if expected is None:
        return got is None
    return got is not None and math.isclose(got, expected, abs_tol=0.005)


def _same_instant(got, expected) -> bool:
    if expected is None:
        return got is None
    return got is not None and datetime.fromisoformat(got) == datetime.fromisoformat(
        expected
    )


def _is_right(case: dict, row: dict) -> bool:
    expect = case["expect"]
    if case["kind"] == "credit":
        credits = {c["category"]: c["hours"] for c in row.get("credits") or []}
        wanted = expect["credits"] or {}
        return (
            credits.keys() == wanted.keys()
            and all(_same_number(credits[k], wanted[k]) for k in wanted)
            and _same_number(row.get("total_hours"), expect["total_hours"])
            and row.get("credit_status") == expect["credit_status"]
            and sorted(row.get("approvals") or [])
            == sorted(expect.get("approvals", []))
        )
    if case["kind"] == "price":
        return (
            all(
                _same_number(row.get(f), expect[f])
                for f in ("price_usd", "member_price_usd")
            )
            and row.get("is_free") == expect["is_free"]
        )
    if case["kind"] == "date":
        return _same_instant(row.get("starts_at"), expect["starts_at"]) and (
            _same_instant(row.get("ends_at"), expect["ends_at"])
        )
    return row.get("format") == expect["format"]


@pytest.fixture(scope="module")
def holdout_results(tmp_path_factory) -> dict[str, list[tuple[str, bool]]]:
    """Import every held-out wording once; group (text, right?) by kind."""
    cases = _holdout_cases()
    records = [_holdout_record(i, case) for i, case in enumerate(cases)]
    rows = _import_and_export(tmp_path_factory.mktemp("holdout"), records)
    results: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for index, case in enumerate(cases):
        row = rows[f"acme:h{index}"]
        results[case["kind"]].append((case["text"], _is_right(case, row)))
    return results


@pytest.mark.parametrize("kind", ["credit", "price", "date", "format"])
def test_holdout_wordings_are_at_least_nine_in_ten_right(holdout_results, kind):
    results = holdout_results[kind]
    wrong = [text for text, right in results if not right]
    assert len(results) >= 10
    assert (len(results) - len(wrong)) / len(results) >= 0.9, f"wrong: {wrong}"


# -- the normalize_record hook on its own ---------------------------------------


def test_hook_fills_credits_when_the_stated_total_agrees():
    record = normalize_record(
        {"total_hours": 1.5, "credit_text": "1.5 hrs incl. 0.5 ethics"}
    )
    assert record["credits"] == [
        {"category": "ethics", "hours": 0.5},
        {"category": "general", "hours": 1.0},
    ]


def test_hook_leaves_credits_absent_when_the_stated_total_disagrees():
    record = normalize_record({"total_hours": 3.0, "credit_text": "1.5 hours"})
    assert "credits" not in record and record["total_hours"] == 3.0


def test_hook_reads_when_text_in_the_records_zone_and_falls_back_to_eastern():
    local = normalize_record(
        {"timezone": "America/Denver", "when_text": "6/9/2026 9 AM"}
    )
    fallback = normalize_record({"when_text": "6/9/2026 9 AM"})
    assert local["starts_at"] == "2026-06-09T09:00:00-06:00"
    assert fallback["starts_at"] == "2026-06-09T09:00:00-04:00"
