"""Read, check and write interchange records (JSON lines and CSV).

Every way into the catalog (``cle import``, spider feeds, ``cle load``) passes
records through :func:`prepare`, so one set of rules decides what is valid.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from catalog.normalize import normalize_record
from catalog.sanitize import UnsafeText, Warn, sanitize_record, shown
from catalog.schema import (
    CREDIT_CATEGORIES,
    LIST_FIELDS,
    RECORD_FIELDS,
    RECORD_SCHEMA,
)

_INTEGER_FIELDS = ("duration_minutes",)
_NUMBER_FIELDS = ("total_hours", "price_usd", "member_price_usd")
_BOOLEAN_FIELDS = ("is_free",)
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}
#: How CSV writes an explicit empty ``credits`` list (the listing gives no credit).
NO_CREDITS_CELL = "none"
#: Credits may differ from total_hours by this much (rounding in published text).
HOURS_TOLERANCE = 0.01
#: A rejection reason is one line of at most this many characters.
MESSAGE_MAX_CHARS = 300


class RecordError(ValueError):
    """A record that cannot be stored; the message is one line naming the field."""


def _validator():
    """Build the explaining JSON Schema validator once (used only on failures)."""
    global _VALIDATOR
    if _VALIDATOR is None:
        from jsonschema import Draft202012Validator

        _VALIDATOR = Draft202012Validator(RECORD_SCHEMA)
    return _VALIDATOR


def _fast_validate():
    """Compile the schema to Python once: about 30x faster than jsonschema.

    It only says yes or no quickly; :func:`_validator` explains a "no".
    """
    global _FAST
    if _FAST is None:
        import fastjsonschema

        schema = dict(
            RECORD_SCHEMA, **{"$schema": "http://json-schema.org/draft-07/schema#"}
        )
        _FAST = fastjsonschema.compile(schema, formats={"uri": lambda _: True})
    return _FAST


_VALIDATOR = None
_FAST = None


# -- reading -----------------------------------------------------------------


def read_jsonl(lines: Iterable[str]) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield ``(line_number, record or error)`` for each non-blank JSON line."""
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield (
                number,
                RecordError(f"not valid JSON ({exc.msg} at column {exc.colno})"),
            )
            continue
        except (ValueError, RecursionError):  # int over 4,300 digits, deep nesting
            yield number, RecordError("not valid JSON (a number or nesting too large)")
            continue
        if not isinstance(value, dict):
            yield number, RecordError("expected a JSON object {...} on the line")
            continue
        yield number, value


def read_csv(text: str) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield ``(line_number, record or error)`` for each CSV row after the header.

    Columns are interchange field names; list fields are ``;``-separated and
    ``credits`` is written ``ethics=1.0;general=0.5``.
    """
    # A cell may be as long as the file: sizes are bounded by prepare(), which
    # cuts a long description with a warning instead of refusing the row.
    if len(text) >= csv.field_size_limit():
        csv.field_size_limit(len(text) + 1)
    reader = csv.DictReader(io.StringIO(text))
    unknown = [name for name in reader.fieldnames or [] if name not in RECORD_FIELDS]
    if unknown:
        raise RecordError(
            f"CSV header has unknown column(s) {', '.join(unknown)}; "
            f"use interchange field names such as {', '.join(RECORD_FIELDS[:4])}"
        )
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the reader goes on with the next row
            yield reader.line_num, RecordError(f"not readable as CSV ({exc})")
            continue
        try:
            yield reader.line_num, csv_row_to_record(row)
        except RecordError as exc:
            yield reader.line_num, exc


def csv_row_to_record(row: dict[str, str | None]) -> dict:
    """Turn one CSV row (all strings) into a typed interchange record."""
    record: dict = {}
    for field, raw in row.items():
        if field is None:
            raise RecordError("row has more cells than the header has columns")
        value = (raw or "").strip()
        if value == "":
            continue
        if field in LIST_FIELDS:
            record[field] = [part.strip() for part in value.split(";") if part.strip()]
        elif field == "credits":
            record[field] = _parse_credit_cell(value)
        elif field in _INTEGER_FIELDS:
            record[field] = _parse_number(field, value, integer=True)
        elif field in _NUMBER_FIELDS:
            record[field] = _parse_number(field, value)
        elif field in _BOOLEAN_FIELDS:
            if value.lower() in _TRUE:
                record[field] = True
            elif value.lower() in _FALSE:
                record[field] = False
            else:
                raise RecordError(
                    f"field '{field}': write true or false, not {shown(value)}"
                )
        else:
            record[field] = value
    return record


def _parse_number(field: str, value: str, integer: bool = False) -> float | int:
    try:
        number = float(value)
    except ValueError:
        raise RecordError(f"field '{field}': {shown(value)} is not a number") from None
    if integer:
        if number != int(number):
            raise RecordError(f"field '{field}': {shown(value)} is not a whole number")
        return int(number)
    return number


def _parse_credit_cell(value: str) -> list[dict]:
    if value.lower() == NO_CREDITS_CELL:
        return []
    credits = []
    for part in value.split(";"):
        part = part.strip()
        if not part:
            continue
        category, sep, hours = part.partition("=")
        if not sep:
            raise RecordError(
                f"field 'credits': {shown(part)} should look like "
                "ethics=1.0;general=0.5"
            )
        credits.append(
            {
                "category": category.strip(),
                "hours": _parse_number("credits", hours.strip()),
            }
        )
    return credits


# -- writing -----------------------------------------------------------------


def record_to_csv_row(record: dict) -> dict[str, str]:
    """Flatten one record into CSV cells (the inverse of :func:`csv_row_to_record`)."""
    row = {}
    for field in RECORD_FIELDS:
        value = record.get(field)
        if value is None:
            row[field] = ""
        elif field in LIST_FIELDS:
            row[field] = ";".join(value)
        elif field == "credits":
            row[field] = (
                ";".join(f"{c['category']}={_fmt(c['hours'])}" for c in value)
                or NO_CREDITS_CELL
            )
        elif isinstance(value, bool):
            row[field] = "true" if value else "false"
        elif isinstance(value, float):
            row[field] = _fmt(value)
        else:
            row[field] = str(value)
    return row


def _fmt(number: float) -> str:
    return repr(float(number)) if not float(number).is_integer() else f"{number:.1f}"


# -- checking ----------------------------------------------------------------


def prepare(record: dict, warn: Warn | None = None) -> dict:
    """Clean and bound its text, normalize, derive defaults and validate one record.

    The text rules (control characters, size limits, URLs) are
    :mod:`catalog.sanitize`'s.

    :param record: an interchange record as read from a feed or file
    :param warn: called with a one-line message for each field cut to its limit
    :return: a new record, complete and valid
    :raises RecordError: with a one-line reason naming the field to fix
    """
    try:
        record = sanitize_record(dict(record), warn)
    except UnsafeText as exc:
        raise RecordError(str(exc)) from None
    record = normalize_record(record, warn)
    record = derive(record)
    check(record)
    return record


def derive(record: dict) -> dict:
    """Fill the fields DESIGN.md says are derived: course_id, total_hours, is_free."""
    for name in LIST_FIELDS:
        if record.get(name) == []:
            del record[name]  # an empty list says nothing: store it as absent
    if record.get("id") and not record.get("course_id"):
        record["course_id"] = record["id"]
    credits = record.get("credits")
    if credits and isinstance(credits, list) and record.get("total_hours") is None:
        hours = [c.get("hours", 0) for c in credits if isinstance(c, dict)]
        if all(isinstance(h, int | float) and not isinstance(h, bool) for h in hours):
            record["total_hours"] = round(sum(hours), 4)  # else check() explains
    price = record.get("price_usd")
    if isinstance(price, int | float) and not isinstance(price, bool):
        record["is_free"] = price == 0
    return record


def check(record: dict) -> None:
    """Raise :class:`RecordError` unless the record meets the contract."""
    try:
        _fast_validate()(record)
    except Exception:  # fastjsonschema's error: let jsonschema explain it
        error = next(iter(_validator().iter_errors(record)), None)
        reason = _describe(error) if error else "record is not valid"
        if len(reason) > MESSAGE_MAX_CHARS:
            reason = reason[: MESSAGE_MAX_CHARS - 3] + "..."
        raise RecordError(reason) from None
    if not record["id"].startswith(record["provider"] + ":"):
        raise RecordError(
            f"field 'id': {shown(record['id'])} should start with the provider "
            f"'{record['provider']}:'"
        )
    starts = _instant(record, "starts_at")
    ends = _instant(record, "ends_at")
    if starts and ends and ends < starts:
        raise RecordError("field 'ends_at': ends before starts_at")
    credits = record.get("credits") or []
    seen = set()
    for credit in credits:
        if credit["category"] in seen:
            raise RecordError(
                f"field 'credits': category {credit['category']!r} is listed twice"
            )
        seen.add(credit["category"])
    if credits and "total_hours" in record:
        total = sum(c["hours"] for c in credits)
        if not math.isclose(total, record["total_hours"], abs_tol=HOURS_TOLERANCE):
            raise RecordError(
                f"field 'total_hours': {record['total_hours']} does not equal the "
                f"sum of credits ({round(total, 4)})"
            )
    if record.get("price_usd") is not None and record.get("is_free") is not None:
        if record["is_free"] != (record["price_usd"] == 0):
            raise RecordError(
                "field 'is_free': must be true exactly when price_usd is 0"
            )


def _instant(record: dict, field: str) -> datetime | None:
    value = record.get(field)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(
            f"field '{field}': {shown(value)} is not a real date and time; "
            "write ISO 8601 with an offset, e.g. 2026-03-04T12:00:00-06:00"
        ) from None


def utc_instant(value: str | None) -> str | None:
    """Return an ISO instant in UTC (``...Z``), for sorting and comparing."""
    if not value:
        return None
    instant = datetime.fromisoformat(value).astimezone(UTC)
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def _describe(error) -> str:
    field = ".".join(str(p) for p in error.absolute_path) or None
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field '{missing}'"
    if validator == "additionalProperties":
        return f"unknown field(s): {error.message.split('(')[-1].rstrip(')')}"
    if field is None:
        return error.message
    value = error.instance
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"field '{field}': {shown(value)} is not one of {allowed}"
    if validator == "pattern":
        hints = {
            "url": "an absolute http(s) URL",
            "starts_at": "ISO 8601 with an offset, e.g. 2026-03-04T12:00:00-06:00",
            "ends_at": "ISO 8601 with an offset, e.g. 2026-03-04T13:00:00-06:00",
            "id": "<provider>:<key>, e.g. nala:ethics-101",
            "course_id": "<provider>:<key>, e.g. nala:ethics-101",
            "provider": "a lowercase slug such as nala",
            "first_seen": "a date YYYY-MM-DD",
            "last_seen": "a date YYYY-MM-DD",
        }
        top = field.split(".")[0]
        return f"field '{field}': {shown(value)} is not {hints.get(top, 'well formed')}"
    if validator == "type":
        return (
            f"field '{field}': {shown(value)} should be of type {error.validator_value}"
        )
    if validator == "minimum":
        return f"field '{field}': {shown(value)} must not be negative"
    return f"field '{field}': {error.message}"


__all__ = [
    "CREDIT_CATEGORIES",
    "RecordError",
    "check",
    "csv_row_to_record",
    "derive",
    "prepare",
    "read_csv",
    "read_jsonl",
    "record_to_csv_row",
    "utc_instant",
]
