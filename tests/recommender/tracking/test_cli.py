"""cle status, cle log and cle report on the command line (CliRunner, no network)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from catalog.composition_root import cli

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample" / "courses.jsonl"
EXAMPLE = ROOT / "data" / "examples" / "profile.toml"
AS_OF = "2026-11-27"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def catalog_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("catalog") / "catalog.db"
    result = run("import", SAMPLE, "--db", db)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def example(tmp_path):
    path = tmp_path / "profile.toml"
    shutil.copy(EXAMPLE, path)
    return path


def test_status_json_for_the_example_profile(example):
    result = run("status", "--profile", example, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    ca, nala = json.loads(result.output)
    assert ca["credential"] == "ca-bpc-6450"
    assert (ca["cycle_start"], ca["cycle_end"]) == ("2025-01-01", "2026-12-31")
    # in the biennium with a stated California MCLE approval: ethics 1 + 1,
    # specialized 2, general 0.5; E-Discovery Basics states none (not counted)
    assert ca["earned"]["total"] == 4.5 and ca["unit"] == "hour"
    assert ca["remaining"] == {"ethics": 2, "general_or_specialized": 1.5, "total": 3.5}
    assert ca["done"] is False
    assert any("E-Discovery" in w and "MCLE" in w for w in ca["warnings"])
    assert (nala["cycle_start"], nala["cycle_end"]) == ("2023-04-01", "2028-03-31")
    assert nala["earned"]["total"] == 13  # the 2022 course is outside both cycles
    assert nala["remaining"] == {"ethics": 0, "total": 37}
    assert not any("not counted" in w for w in nala["warnings"])


def test_status_table_shows_bars_and_marks(example):
    result = run("status", "--profile", example, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "Jordan Rivera" in result.output
    assert "[BEHIND]" in result.output
    assert "█" in result.output and "░" in result.output
    assert "2 to go" in result.output and "34 days left" in result.output


def test_status_marks_done_and_unknown(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[[credentials]]\nid = "ky-ckp"\n[[credentials]]\nid = "nals-pp"\n'
        'cycle_ends = "2029-01-31"\n[[completed]]\ntitle = "A"\ndate = "2026-02-01"\n'
        "credits = { ethics = 2, general = 6 }\n",
        encoding="utf-8",
    )
    result = run("status", "--profile", path, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "[DONE]" in result.output and "[UNKNOWN]" in result.output
    assert "unknown" in result.output.split("nals-pp")[1]


@pytest.mark.parametrize(
    "content,expected",
    [
        ('[[credentials]]\nid = "nala"\n', "credentials[0].id 'nala'"),
        ('[[credentials]]\nid = "nala-cp"\n', "cycle_ends (nala-cp) is missing"),
        (
            '[[completed]]\ntitle = "A"\ndate = "2026-02-30"\ncredits = {}\n',
            "date '2026-02-30' is not a date",
        ),
        ("name = \n", "not valid TOML"),
    ],
)
def test_status_bad_profile_is_one_line(tmp_path, content, expected):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    result = run("status", "--profile", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert expected in result.output


def test_status_bad_as_of(example):
    result = run("status", "--profile", example, "--as-of", "27/11/2026")
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output


def test_log_appends_the_course_and_keeps_comments(example, catalog_db):
    before = example.read_text(encoding="utf-8")
    result = run(
        "log",
        "nfpa:ethics-social-media",
        "--profile",
        example,
        "--db",
        catalog_db,
        "--date",
        "2026-11-20",
    )
    assert result.exit_code == 0, result.output
    after = example.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip())  # comments and layout untouched
    added = after[len(before.rstrip()) :]
    assert added.startswith("\n\n[[completed]]\n")
    assert 'course_id = "nfpa:ethics-social-media"' in added
    assert 'date = "2026-11-20"' in added and "ethics = 1.0" in added
    assert 'provider = "nfpa"' in added and 'format = "on_demand"' in added
    assert 'approvals = ["nfpa-rp", "nfpa-crp"]' in added
    status = run("status", "--profile", example, "--as-of", AS_OF, "--json")
    ca, nala = json.loads(status.output)
    assert ca["earned"]["total"] == 4.5  # no California MCLE approval stated
    assert nala["earned"]["ethics"] == 6  # NALA accepts it


def test_log_refuses_the_same_course_on_another_date(example, catalog_db):
    # the example already has clio:ediscovery-basics on 2026-06-18
    before = example.read_text(encoding="utf-8")
    args = ("log", "clio:ediscovery-basics", "--profile", example, "--db", catalog_db)
    result = run(*args, "--date", "2026-11-20")
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "already logged on 2026-06-18" in result.output
    assert example.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    "course_id,extra,expected",
    [
        ("ceb:cancelled-ethics", ("--as-of", "2027-01-05"), "was cancelled"),
        ("nals:legal-writing", ("--date", "2030-01-01"), "in the future"),
        # the session is on 2026-12-10: not taken yet on 2026-12-09
        ("clio:ethics-of-ai", ("--as-of", "2026-12-09"), "has not happened yet"),
        (
            "clio:ethics-of-ai",
            ("--as-of", "2026-12-20", "--date", "2026-12-01"),
            "before the session",
        ),
    ],
)
def test_log_refuses_what_was_not_earned(
    example, catalog_db, course_id, extra, expected
):
    before = example.read_text(encoding="utf-8")
    result = run("log", course_id, "--profile", example, "--db", catalog_db, *extra)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert expected in result.output
    assert example.read_text(encoding="utf-8") == before


def test_log_dates_a_past_session_by_its_own_date(example, catalog_db):
    # clio:ethics-of-ai: 2026-12-10 13:00 EST, 10:00 in the profile's Los Angeles
    result = run(
        "log", "clio:ethics-of-ai", "--profile", example, "--db", catalog_db,
        "--as-of", "2026-12-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "on 2026-12-10" in result.output
    assert 'approvals = ["ca-mcle"]' in example.read_text(encoding="utf-8")


def test_log_takes_credits_from_the_catalog_and_refuses_a_repeat(example, catalog_db):
    args = (
        "log",
        "clio:legal-tech-privacy",
        "--profile",
        example,
        "--db",
        catalog_db,
        "--as-of",
        "2027-03-01",
    )
    assert run(*args).exit_code == 0
    text = example.read_text(encoding="utf-8")
    assert "credits = {ethics = 0.5, general = 0.5}" in text
    again = run(*args)
    assert again.exit_code == 1 and "already logged" in again.output
    assert example.read_text(encoding="utf-8") == text


def test_log_unknown_course_is_an_error_and_changes_nothing(example, catalog_db):
    before = example.read_text(encoding="utf-8")
    result = run("log", "clio:no-such-course", "--profile", example, "--db", catalog_db)
    assert result.exit_code == 1
    assert "no course 'clio:no-such-course' in the catalog" in result.output
    assert "Traceback" not in result.output
    assert example.read_text(encoding="utf-8") == before


def test_log_a_course_without_credits_needs_them_given(example, catalog_db):
    base = (
        "log", "nfpa:pro-bono-webinar", "--profile", example, "--db", catalog_db,
        "--as-of", "2026-12-31",
    )  # fmt: skip
    refused = run(*base, "--date", "2026-12-08")
    assert refused.exit_code == 1 and "--credits" in refused.output
    bad = run(*base, "--credits", "pro_bono=1")
    assert bad.exit_code == 1 and "CATEGORY=HOURS" in bad.output
    given = run(*base, "--date", "2026-12-08", "--credits", "general=1")
    assert given.exit_code == 0, given.output
    assert "credits = {general = 1.0}" in example.read_text(encoding="utf-8")


def test_log_refuses_to_touch_a_broken_profile(tmp_path, catalog_db):
    path = tmp_path / "p.toml"
    path.write_text('[[credentials]]\nid = "nala-cp"\n', encoding="utf-8")
    result = run("log", "clio:ethics-of-ai", "--profile", path, "--db", catalog_db)
    assert result.exit_code == 1 and "cycle_ends" in result.output
    assert path.read_text(encoding="utf-8") == '[[credentials]]\nid = "nala-cp"\n'


def test_log_bad_date(example, catalog_db):
    result = run(
        "log",
        "clio:ethics-of-ai",
        "--profile",
        example,
        "--db",
        catalog_db,
        "--date",
        "yesterday",
    )
    assert result.exit_code == 1 and "--date 'yesterday'" in result.output


def test_report_markdown_for_the_supervising_attorney(example):
    result = run(
        "report", "--profile", example, "--credential", "ca-bpc-6450", "--as-of", AS_OF
    )
    assert result.exit_code == 0, result.output
    text = result.output
    assert "## California paralegal MCLE" in text and "nala-cp" not in text
    assert "| 2025-02-20 | Confidentiality When Working Remotely | ocpa |" in text
    assert "NALA Conference 2024" not in text  # before the biennium
    assert "| legal ethics | 4 | 2 | 2 |" in text
    assert "Supervising attorney: ____" in text


def test_report_csv_lists_courses_and_requirements(example):
    result = run("report", "--profile", example, "--format", "csv", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output))
    nala = table[table.credential == "nala-cp"]
    courses = nala[nala.row == "course"]
    assert len(courses) == 5 and courses.total.sum() == 13
    total = nala[(nala.row == "requirement") & (nala.requirement == "total")]
    assert total.remaining.astype(float).tolist() == [37]


def test_report_xlsx_has_a_sheet_per_credential(example, tmp_path):
    out = tmp_path / "cle.xlsx"
    result = run(
        "report", "--profile", example, "--format", "xlsx", "-o", out, "--as-of", AS_OF
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["ca-bpc-6450", "nala-cp"]
    cells = [c for row in book["ca-bpc-6450"].iter_rows(values_only=True) for c in row]
    assert (
        "Medical Malpractice Case Workup" in cells
        and "general or specialized law" in cells
    )


def test_report_errors(example):
    no_file = run("report", "--profile", example, "--format", "xlsx")
    assert no_file.exit_code == 1 and "-o FILE.xlsx" in no_file.output
    not_held = run("report", "--profile", example, "--credential", "nfpa-rp")
    assert not_held.exit_code == 1 and "ca-bpc-6450, nala-cp" in not_held.output


def test_status_json_for_the_texas_and_nfpa_example():
    path = ROOT / "data" / "examples" / "nfpa-rp-texas.toml"
    result = run("status", "--profile", path, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    texas, nfpa = json.loads(result.output)
    # self-study: 2.5 hours, capped at 2, and its ethics hour is not Texas ethics
    assert texas["earned"] == {"ethics": 0, "general": 2, "specialized": 3, "total": 5}
    assert texas["remaining"] == {"ethics": 1, "total": 1}
    assert any("self-study" in w for w in texas["warnings"])
    # NALS's course needs an NFPA application (NALS's NFPA membership unknown)
    assert nfpa["remaining"] == {"ethics": 0, "total": 6.5}
    (warning,) = nfpa["warnings"]
    assert "Legal Writing" in warning and "NFPA approves" in warning


def test_status_for_unknown_minimums_and_credits():
    path = ROOT / "data" / "examples" / "utah-lpp-kentucky.toml"
    result = run("status", "--profile", path, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    utah, kentucky = json.loads(result.output)
    assert utah["required"]["ethics"] is None and utah["done"] is None
    assert kentucky["unit"] == "50-minute credit" and kentucky["done"] is True
    text = run("status", "--profile", path, "--as-of", AS_OF).output
    assert (
        "unknown" in text.split("ky-ckp")[0] and "counted in 50-minute credits" in text
    )
