"""Load interchange files into the catalog and export it again.

``cle import`` and the nightly refresh both call :func:`load_records`, so a feed
from a spider and a file from a person pass the same checks.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlite_utils

from catalog.records import (
    RecordError,
    prepare,
    read_csv,
    read_jsonl,
    record_to_csv_row,
)
from catalog.rows import row_to_record
from catalog.schema import RECORD_FIELDS
from catalog.store import StoreResult, upsert_records


class UnreadableFile(RecordError):
    """A whole file that cannot be read as interchange records (one line)."""


@dataclass
class LoadReport:
    """The outcome of loading one file: what was stored and which lines were not."""

    stored: StoreResult = field(default_factory=StoreResult)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    #: Lines stored with a field cut to its size limit: (line number, what).
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every line was accepted."""
        return not self.rejected


def read_file(path: Path) -> Iterator[tuple[int, dict | RecordError]]:
    """Read a JSON-lines or CSV file of interchange records, by its content.

    :raises UnreadableFile: one line when the file cannot be read as text
    """
    text = decode_text(path)
    if _looks_like_csv(path, text):
        return read_csv(text)
    return read_jsonl(text.splitlines())


#: Byte-order marks read as the encoding they name (UTF-32 before UTF-16:
#: the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(path: Path) -> str:
    """The text of an interchange file: UTF-8 (with or without a BOM), or UTF-16
    or UTF-32 with a BOM; anything else is one line naming the first bad byte.

    :raises UnreadableFile: when the file cannot be read or is not such text
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path} ({exc.strerror or exc})") from None
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"{path} is not {encoding.split('-sig')[0].upper()} text "
            f"(byte 0x{data[exc.start]:02X} at offset {exc.start}); save it as UTF-8"
        ) from None
    if "\x00" in text:
        offset = data.index(b"\x00")
        raise UnreadableFile(
            f"{path} is not UTF-8 text (byte 0x00 at offset {offset}: binary, or "
            "UTF-16 without a byte-order mark); save it as UTF-8"
        )
    return text


def _looks_like_csv(path: Path, text: str) -> bool:
    if path.suffix.lower() == ".csv":
        return True
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return False
    return not text.lstrip().startswith("{")


def load_records(
    db: sqlite_utils.Database,
    numbered: Iterable[tuple[int, dict | RecordError]],
    *,
    seen_on: str | None = None,
) -> LoadReport:
    """Check each record and store the valid ones in one transaction.

    :param numbered: ``(line_number, record or error)`` pairs
    :param seen_on: the date the listings were seen (default: today)
    :return: what was stored and the rejected lines with their reasons
    """
    report = LoadReport()
    valid: dict[str, dict] = {}
    for number, item in numbered:
        if isinstance(item, RecordError):
            report.rejected.append((number, str(item)))
            continue
        try:
            record = prepare(
                item, lambda text, n=number: report.warnings.append((n, text))
            )
        except RecordError as exc:
            report.rejected.append((number, str(exc)))
            continue
        valid[record["id"]] = record  # a repeated id: the last line wins
    with db.atomic():
        report.stored = upsert_records(
            db, valid.values(), seen_on=seen_on or date.today().isoformat()
        )
    return report


def read_records(path: Path) -> list[tuple[int, dict | RecordError]]:
    """Every ``(line_number, record or error)`` of an interchange file.

    :raises UnreadableFile: one line when the file as a whole cannot be read
        (not text, not UTF-8, a CSV header with unknown columns)
    """
    try:
        return list(read_file(path))
    except UnreadableFile:
        raise
    except RecordError as exc:
        raise UnreadableFile(f"{path}: {exc}") from None


def import_file(db: sqlite_utils.Database, path: Path) -> LoadReport:
    """Load one JSON-lines or CSV file: one file is one transaction.

    :raises UnreadableFile: when the file as a whole cannot be read; nothing
        is stored then
    """
    return load_records(db, read_records(path))


def iter_export(db: sqlite_utils.Database, where: str | None = None) -> Iterator[dict]:
    """Yield the catalog as interchange records, ordered by id."""
    sql = "select * from courses"
    if where:
        sql += f" where {where}"
    for row in db.query(sql + " order by id"):
        yield row_to_record(row)


def write_export(records: Iterable[dict], out: io.TextIOBase, fmt: str) -> int:
    """Write records as JSON lines or CSV; return how many were written."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(RECORD_FIELDS))
        writer.writeheader()
        for record in records:
            writer.writerow(record_to_csv_row(record))
            count += 1
    else:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
