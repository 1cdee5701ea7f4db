"""`cle recommend` and `cle plan` via click: contract shape, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.composition_root import cli
from catalog.db import open_db
from catalog.load import import_file
from catalog.paths import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "data" / "sample" / "courses.jsonl"
CONTRACT_KEYS = {
    "id", "course_id", "title", "provider", "url", "format", "starts_at",
    "credits", "total_hours", "price_usd", "is_free", "score", "reasons",
}  # fmt: skip
PROFILE = """
name = "Jordan"
practice_areas = ["personal injury", "medical malpractice"]
skill_gaps = ["e-discovery", "medical records"]
memberships = ["nals"]

[[credentials]]
id = "ca-bpc-6450"

[[credentials]]
id = "nala-cp"
cycle_ends = "2028-06-30"
"""


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> tuple[Path, Path]:
    """A sample catalog (no index yet: the first command builds it) and a profile."""
    folder = tmp_path_factory.mktemp("cli")
    db_path = folder / "catalog.db"
    db = open_db(db_path)
    assert import_file(db, SAMPLE).ok
    db.close()
    profile = folder / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    return db_path, profile


def invoke(*args: str):
    """Run ``cle`` in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_recommend_json_follows_the_contract(paths):
    db_path, profile = paths
    args = ("recommend", "--profile", str(profile), "--db", str(db_path))
    result = invoke(*args, "--as-of", "2026-11-27", "--json", "--top", "4")
    assert result.exit_code == 0, result.output
    picks = json.loads(result.stdout)
    assert len(picks) == 4
    for pick in picks:
        assert CONTRACT_KEYS <= set(pick)
        assert isinstance(pick["reasons"], list) and pick["reasons"]
    assert [p["score"] for p in picks] == sorted(
        (p["score"] for p in picks), reverse=True
    )
    assert "clio:ediscovery-basics" in [p["id"] for p in picks]


def test_recommend_table_and_filters(paths):
    db_path, profile = paths
    base = ("recommend", "--profile", str(profile), "--db", str(db_path))
    table = invoke(*base, "--as-of", "2026-11-27", "--top", "3")
    assert table.exit_code == 0
    assert " 1. " in table.stdout and " 4. " not in table.stdout
    free = json.loads(invoke(*base, "--as-of", "2026-11-27", "--json",
                             "--free-only").stdout)  # fmt: skip
    assert free and all(p["your_price_usd"] == 0 for p in free)
    before = json.loads(invoke(*base, "--as-of", "2026-11-27", "--json",
                               "--before", "2026-12-12").stdout)  # fmt: skip
    assert all((p["starts_at"] or "") < "2026-12-12" for p in before)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--as-of", "27/11/2026"), "--as-of '27/11/2026' is not a date"),
        (("--before", "soon"), "--before 'soon' is not a date"),
    ],
)
def test_bad_dates_are_one_line_errors(paths, extra, message):
    db_path, profile = paths
    result = invoke(
        "recommend", "--profile", str(profile), "--db", str(db_path), *extra
    )
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_profile_and_missing_catalog_are_one_line_errors(paths, tmp_path):
    db_path, profile = paths
    broken = tmp_path / "broken.toml"
    broken.write_text('skill_gaps = "e-discovery\n', encoding="utf-8")
    for args in (
        ("recommend", "--profile", str(broken), "--db", str(db_path)),
        ("recommend", "--profile", str(tmp_path / "none.toml"), "--db", str(db_path)),
        ("recommend", "--profile", str(profile), "--db", str(tmp_path / "no.db")),
        ("plan", "--profile", str(profile), "--db", str(tmp_path / "no.db")),
    ):
        result = invoke(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: ")
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_not_a_catalog_is_a_one_line_error(paths, tmp_path):
    _, profile = paths
    junk = tmp_path / "junk.db"
    junk.write_text("this is not sqlite", encoding="utf-8")
    result = invoke("recommend", "--profile", str(profile), "--db", str(junk))
    assert result.exit_code == 1
    assert "is not a usable catalog database" in result.stderr


def test_plan_json_fills_needs_only_with_counting_hours(paths):
    db_path, profile = paths
    result = invoke("plan", "--profile", str(profile), "--db", str(db_path),
                    "--as-of", "2026-11-27", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    keys = {"as_of", "needs", "courses", "total_cost_usd", "uncovered", "later"}
    assert keys | {"complete_search"} <= set(payload)
    ids = [c["id"] for c in payload["courses"]]
    assert ids and len(ids) == len(set(ids))
    given: dict = {}
    for course in payload["courses"]:
        verdicts = {v["credential"]: v["verdict"] for v in course["counts_toward"]}
        assert set(verdicts) == {"ca-bpc-6450", "nala-cp"}
        assert course["fills"], "each course says which need it fills"
        for fill in course["fills"]:
            assert verdicts[fill["credential"]] == "counts"
            need = (fill["credential"], fill["requirement"])
            given[need] = given.get(need, 0.0) + fill["hours"]
    planned = {
        (n["credential"], n["requirement"]): n["hours"] for n in payload["needs"]
    }
    assert all(hours <= planned[need] + 1e-9 for need, hours in given.items())
    # California's sample courses before 2026-12-31 mostly state no MCLE
    # approval: what they cannot cover is uncovered, by name.
    assert any("ca-bpc-6450" in line for line in payload["uncovered"])
    # NALA's cycle ends 2028-06-30, after the 12-month horizon: listed apart.
    assert {n["credential"] for n in payload["later"]} == {"nala-cp"}
    assert all(n["credential"] == "ca-bpc-6450" for n in payload["needs"])
    wider = invoke("plan", "--profile", str(profile), "--db", str(db_path),
                   "--as-of", "2026-11-27", "--json", "--horizon", "24")  # fmt: skip
    assert json.loads(wider.stdout)["later"] == []


def test_recommend_text_says_whether_it_counts_in_the_readers_zone(paths, tmp_path):
    db_path, profile = paths
    zoned = tmp_path / "zoned.toml"
    zoned.write_text('timezone = "America/Denver"\n' + PROFILE, encoding="utf-8")
    result = invoke("recommend", "--profile", str(zoned), "--db", str(db_path),
                    "--as-of", "2026-11-27", "--top", "15")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "counts for California paralegal MCLE and NALA CP" in result.stdout
    assert "not known for California paralegal MCLE" in (result.stdout)
    # clio:ethics-of-ai runs 1:00-2:00 PM Eastern: 11:00 AM-12:00 PM in Denver.
    assert "Thu Dec 10, 2026, 11:00 AM–12:00 PM MST" in result.stdout


def test_free_only_lists_only_free_courses_that_carry_credit(paths):
    db_path, profile = paths
    result = invoke("recommend", "--profile", str(profile), "--db", str(db_path),
                    "--as-of", "2026-11-27", "--free-only", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    picks = json.loads(result.stdout)
    assert picks
    for pick in picks:
        assert pick["your_price_usd"] == 0
        assert sum(c["hours"] for c in pick["credits"]) > 0


def test_plan_table_says_what_cannot_be_covered(paths):
    db_path, profile = paths
    result = invoke("plan", "--profile", str(profile), "--db", str(db_path),
                    "--as-of", "2026-11-27")  # fmt: skip
    assert result.exit_code == 0
    assert "Not covered: only" in result.stdout
    assert "total $" in result.stdout


@pytest.mark.parametrize("command", ["recommend", "plan"])
def test_help(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "--profile" in result.stdout and "Example" in result.stdout
