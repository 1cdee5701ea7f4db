"""The audit and sign-off report (``cle report``): the cycle's courses against the rule.

One section per credential: the completed courses counted in the current cycle
(date, title, provider, format, hours by category as counted), their totals, and
the requirement table (required, earned, remaining). Markdown is the page a
California paralegal hands the supervising attorney; CSV and XLSX carry the same
tables for an auditor such as NALA. pandas builds the tables.

Every text cell is made safe for a spreadsheet (OWASP, "CSV Injection"): a cell
starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed
with ``'`` so Excel, LibreOffice and Google Sheets show it instead of running
it; numbers stay numbers. In the XLSX file text cells are also typed as text,
and control characters (which openpyxl refuses) are removed everywhere; a
carriage return inside a cell becomes a line feed, which CSV quotes.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from catalog.schema import CREDIT_CATEGORIES

from .rules import Rule
from .status import CredentialStatus

COURSE_COLUMNS = ["date", "title", "provider", "course_id", "format"]
HOUR_COLUMNS = [*CREDIT_CATEGORIES, "total"]
#: First characters a spreadsheet reads as a formula or a command (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls (but tab, LF, CR), DEL, C1 and lone surrogates: not in a sheet.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

_HEADINGS = {
    "date": "Date",
    "title": "Course",
    "provider": "Provider",
    "course_id": "Catalog id",
    "format": "Format",
    "ethics": "Ethics",
    "general": "General",
    "specialized": "Specialized",
    "total": "Total",
    "requirement": "Requirement",
    "required": "Required",
    "earned": "Earned",
    "remaining": "Remaining",
}


def courses_frame(status: CredentialStatus) -> pd.DataFrame:
    """Return the courses counted in the cycle, one row each, with counted hours."""
    rows = []
    for counted in status.entries:
        entry = counted.entry
        row = {
            "date": entry.date.isoformat(),
            "title": entry.title,
            "provider": entry.provider or "",
            "course_id": entry.course_id or "",
            "format": entry.format or "",
        }
        row.update({c: counted.hours.get(c, 0.0) for c in CREDIT_CATEGORIES})
        row["total"] = counted.total
        rows.append(row)
    return pd.DataFrame(rows, columns=COURSE_COLUMNS + HOUR_COLUMNS)


def requirements_frame(status: CredentialStatus) -> pd.DataFrame:
    """Return one row per requirement (and the total): required, earned, remaining."""
    rows = [
        {
            "requirement": status.labels.get(key, key),
            "required": _unknown(required),
            "earned": status.earned.get(key, 0.0),
            "remaining": _unknown(status.remaining.get(key)),
        }
        for key, required in status.required.items()
        if not (required == 0 and key != "total")
    ]
    return pd.DataFrame(
        rows, columns=["requirement", "required", "earned", "remaining"]
    )


def render_markdown(
    statuses: list[CredentialStatus], rules: dict[str, Rule], as_of: date, name: str
) -> str:
    """Return the report as Markdown: a section per credential, with sign-off lines."""
    who = f" — {name}" if name else ""
    out = [f"# Continuing legal education record{who}", "", f"As of {as_of}.", ""]
    if not statuses:
        out.append("No credentials in the profile: add a [[credentials]] table.")
    for status in statuses:
        rule = rules[status.credential]
        cycle = (
            f"{status.cycle_start} to {status.cycle_end}"
            if status.cycle_end
            else "unknown"
        )
        out += [f"## {status.name} — {status.credential}", ""]
        out += [f"Cycle: {cycle}. Status: {status.state}.", ""]
        courses = courses_frame(status)
        if courses.empty:
            out += ["No completed courses in this cycle.", ""]
        else:
            table = _with_total_row(courses).rename(columns=_HEADINGS)
            out += [markdown_table(table), ""]
        out += [
            markdown_table(requirements_frame(status).rename(columns=_HEADINGS)),
            "",
        ]
        if status.warnings:
            out += ["Notes:", ""] + [f"- {w}" for w in status.warnings] + [""]
        out += _sign_off(rule)
    return "\n".join(out).rstrip() + "\n"


def report_table(statuses: list[CredentialStatus]) -> pd.DataFrame:
    """Return every credential's courses and requirement rows as one table (CSV)."""
    frames = []
    for status in statuses:
        courses = courses_frame(status).assign(row="course")
        summary = requirements_frame(status).assign(row="requirement")
        frame = pd.concat([courses, summary], ignore_index=True)
        frame.insert(0, "cycle_end", _iso(status.cycle_end))
        frame.insert(0, "cycle_start", _iso(status.cycle_start))
        frame.insert(0, "credential", status.credential)
        frames.append(frame)
    columns = ["credential", "cycle_start", "cycle_end", "row"]
    columns += COURSE_COLUMNS + HOUR_COLUMNS + ["requirement", "required", "earned"]
    columns += ["remaining"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return spreadsheet_safe(pd.concat(frames, ignore_index=True)[columns])


def safe_cell(value):
    """One cell a spreadsheet shows as written: controls removed, formulas quoted.

    :param value: a cell value; anything but a string is returned unchanged
    """
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    risky = value.startswith(FORMULA_STARTS)
    # A bare CR is no line end to pandas' CSV writer, which leaves it unquoted.
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if risky else value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with :func:`safe_cell` applied to every cell."""
    return frame.map(safe_cell) if not frame.empty else frame


def write_xlsx(statuses: list[CredentialStatus], path: Path, as_of: date) -> None:
    """Write one worksheet per credential: a heading, the courses, the requirements.

    Text cells are safe cells (:func:`safe_cell`) typed as text, never formulas.
    """
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        if not statuses:
            pd.DataFrame({"note": ["no credentials in the profile"]}).to_excel(
                writer, sheet_name="report", index=False
            )
        for status in statuses:
            sheet = _sheet_name(status.credential)
            heading = pd.DataFrame(
                {
                    "field": ["credential", "name", "cycle", "as of", "status"],
                    "value": [
                        status.credential,
                        status.name,
                        f"{_iso(status.cycle_start)} to {_iso(status.cycle_end)}",
                        as_of.isoformat(),
                        status.state,
                    ],
                }
            )
            spreadsheet_safe(heading).to_excel(writer, sheet_name=sheet, index=False)
            courses = spreadsheet_safe(_with_total_row(courses_frame(status)))
            courses.to_excel(writer, sheet_name=sheet, index=False, startrow=7)
            spreadsheet_safe(requirements_frame(status)).to_excel(
                writer, sheet_name=sheet, index=False, startrow=len(courses) + 10
            )
        for worksheet in writer.book.worksheets:
            _type_text_cells(worksheet)


def _type_text_cells(worksheet) -> None:
    """Mark every string cell as text (``s``), so none is stored as a formula."""
    for row in worksheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _sheet_name(credential: str) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "_", _CONTROL.sub("", credential))[:31] or "report"


def markdown_table(frame: pd.DataFrame) -> str:
    """Return a DataFrame as a GitHub-flavoured Markdown table."""
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join(" --- " for _ in frame.columns) + "|"
    body = [
        "| " + " | ".join(_cell(v) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])


def _with_total_row(courses: pd.DataFrame) -> pd.DataFrame:
    totals = {c: "" for c in COURSE_COLUMNS}
    totals["title"] = "Total"
    totals.update({c: round(float(courses[c].sum()), 2) for c in HOUR_COLUMNS})
    return pd.concat([courses, pd.DataFrame([totals])], ignore_index=True)


def _sign_off(rule: Rule) -> list[str]:
    lines = ["Paralegal: ______________________  Date: __________", ""]
    if rule.kind == "statutory_obligation":
        lines = [
            f"Completion certified to the supervising attorney ({rule.name}).",
            "",
            *lines,
            "Supervising attorney: ______________________  Date: __________",
            "",
        ]
    return lines


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    text = " ".join(_CONTROL.sub("", str(value)).split())  # one line per row
    return text.replace("|", "\\|").replace("<", "&lt;")


def _unknown(value: float | None):
    return "unknown" if value is None else value


def _iso(value: date | None) -> str:
    return value.isoformat() if value else "unknown"
