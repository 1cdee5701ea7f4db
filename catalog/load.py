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
from typing import Protocol

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
from catalog.store import StoreResult, bulk_write, content_hash, upsert_records


class ChunkCounter(Protocol):
    """Something counted from each chunk a load stores (the recommender's term
    counts of a first load): made with no arguments, so a second process that
    checks the records (:mod:`catalog.prepare_worker`) can count there."""

    def stored(self, records: list[dict], hashes: list[str]) -> None:
        """Count one chunk: its records and their content hashes, in order."""

    def state(self) -> object:
        """What was counted, as values :mod:`marshal` writes (dicts, lists,
        tuples, str, bytes, numbers, None), for another process to adopt."""

    def adopt(self, state: object) -> None:
        """Take what an instance in another process counted (:meth:`state`)."""


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

    JSON lines are read as they are needed (a million-line file is never held
    whole); a CSV file is read whole.

    :raises UnreadableFile: one line when the file cannot be read as text
    """
    return iter(read_records(path))


#: Byte-order marks read as the encoding they name (UTF-32 before UTF-16:
#: the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Bytes read at a time while checking or streaming a UTF-8 file.
_BLOCK = 1 << 20


def decode_text(path: Path) -> str:
    """The text of an interchange file: UTF-8 (with or without a BOM), or UTF-16
    or UTF-32 with a BOM; anything else is one line naming the first bad byte.

    :raises UnreadableFile: when the file cannot be read or is not such text
    """
    data = _read_bytes(path)
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _not_text(path, encoding, data[exc.start], exc.start) from None
    if "\x00" in text:
        raise _nul_found(path, data.index(b"\x00"))
    return text


def _read_bytes(path: Path, size: int = -1) -> bytes:
    if not path.exists():
        raise UnreadableFile(f"no file {path}; check the path")
    if path.is_dir():
        raise UnreadableFile(f"{path} is a folder; give a .jsonl or .csv file in it")
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path} ({exc.strerror or exc})") from None


def _not_text(path: Path, encoding: str, byte: int, offset: int) -> UnreadableFile:
    return UnreadableFile(
        f"{path} is not {encoding.split('-sig')[0].upper()} text "
        f"(byte 0x{byte:02X} at offset {offset}); save it as UTF-8"
    )


def _nul_found(path: Path, offset: int) -> UnreadableFile:
    return UnreadableFile(
        f"{path} is not UTF-8 text (byte 0x00 at offset {offset}: binary, or "
        "UTF-16 without a byte-order mark); save it as UTF-8"
    )


def _utf8_blocks(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(offset, bytes)`` of a file in blocks that end at a line break (or EOF).

    A line feed is never inside a UTF-8 sequence, so each block decodes alone.
    """
    with path.open("rb") as stream:
        offset, carry = 0, b""
        while True:
            block = stream.read(_BLOCK)
            if not block:
                break
            data = carry + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                carry = data
                continue
            yield offset, data[:cut]
            offset += cut
            carry = data[cut:]
        if carry:
            yield offset, carry


@dataclass
class _Scan:
    """What one pass over a UTF-8 file found: its line count and first text."""

    lines: int
    starts_with_brace: bool


def _scan_utf8(path: Path) -> _Scan:
    """Check a UTF-8 file as :func:`decode_text` would, without holding it whole.

    :raises UnreadableFile: the same one line :func:`decode_text` gives
    """
    lines, first, nul = 0, None, None
    try:
        for offset, data in _utf8_blocks(path):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_text(
                    path, "utf-8", data[exc.start], offset + exc.start
                ) from None
            if nul is None and b"\x00" in data:
                nul = offset + data.index(b"\x00")
            if first is None and text.lstrip("\ufeff").strip():
                first = text.lstrip("\ufeff").lstrip()[0]
            lines += data.count(b"\n")
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path} ({exc.strerror or exc})") from None
    if nul is not None:
        raise _nul_found(path, nul)
    return _Scan(lines=lines + 1, starts_with_brace=first == "{")


def _utf8_lines(path: Path) -> Iterator[str]:
    """The lines of a checked UTF-8 file, as ``str.splitlines`` splits its text."""
    skip = len(codecs.BOM_UTF8)
    for offset, data in _utf8_blocks(path):
        text = data.decode("utf-8")
        if offset == 0 and data.startswith(codecs.BOM_UTF8):
            text = data[skip:].decode("utf-8")
        # A block ends just after a line feed, so splitting block by block
        # numbers the lines as splitting the whole text would.
        yield from text.splitlines()


class RecordFile:
    """The numbered records of one checked interchange file, read on demand.

    :attr lines: how many lines the file has (an estimate of its records,
        known before any is read, so the store can choose its bulk path)
    """

    def __init__(self, path: Path, lines: int, items: list | None = None):
        self.path = path
        self.lines = lines
        self._items = items

    @property
    def streamed(self) -> bool:
        """True when the records are read from the file as they are needed."""
        return self._items is None

    def __iter__(self) -> Iterator[tuple[int, dict | RecordError]]:
        if self._items is not None:
            return iter(self._items)
        return read_jsonl(_utf8_lines(self.path))


def _looks_like_csv(path: Path, starts_with_brace: bool) -> bool:
    if path.suffix.lower() == ".csv":
        return True
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return False
    return not starts_with_brace


#: Records read, checked and stored at a time: memory stays flat however long
#: the file is (all chunks are written in the one transaction).
CHUNK_RECORDS = 10_000


def load_records(
    db: sqlite_utils.Database,
    numbered: Iterable[tuple[int, dict | RecordError]],
    *,
    seen_on: str | None = None,
    counter: ChunkCounter | None = None,
) -> LoadReport:
    """Check each record and store the valid ones in one transaction.

    Records are checked and stored in chunks of :data:`CHUNK_RECORDS`; a
    repeated id is stored as its last line and counted once.

    :param numbered: ``(line_number, record or error)`` pairs; a
        :class:`RecordFile` (or a list) also tells how many there are, which
        lets a large first load take the store's bulk path
    :param seen_on: the date the listings were seen (default: today)
    :param counter: given each chunk after it is written, with the content
        hashes of its records (committed only when the whole load is); a
        chunk checked in a second process is counted there
    :return: what was stored and the rejected lines with their reasons
    """
    report = LoadReport()
    seen_on = seen_on or date.today().isoformat()
    expected = getattr(numbered, "lines", None)
    if expected is None and isinstance(numbered, list | tuple):
        expected = len(numbered)
    kinds: dict[str, int] = {}
    first = not db.execute("select exists (select 1 from courses)").fetchone()[0]
    chunks, counted_there = _chunks(numbered, report, first, counter)
    with db.atomic(), bulk_write(db, expected=expected) as bulk:
        for chunk, hashes in chunks:
            if hashes is None and counter is not None:
                hashes = [content_hash(record) for record in chunk]
            stored = upsert_records(
                db, chunk, seen_on=seen_on, bulk=bulk, hashes=hashes
            )
            _count_once(kinds, stored)
            if counter is not None and not counted_there:
                counter.stored(chunk, hashes)
    report.stored = _store_result(kinds)
    return report


#: A first load of a streamed JSON-lines file of at least this many lines is
#: checked in a second process while this one writes
#: (:mod:`catalog.prepare_worker`): below it, starting the child costs more
#: than the overlap gains. Only into an empty catalog: passing the records
#: between the processes costs 4 s of CPU at 100k, which a re-import (little
#: to write) did not win back on a shared machine (3.15x at 12:50 UTC, 2.42x
#: before).
PARALLEL_MIN_LINES = 20_000


def _chunks(
    numbered: Iterable[tuple[int, dict | RecordError]],
    report: LoadReport,
    first_load: bool,
    counter: ChunkCounter | None,
) -> tuple[Iterator[tuple[list[dict], list[str] | None]], bool]:
    """Prepared chunks (:func:`_prepared_chunks`) with their records' content
    hashes when known, from a second process for a large first load of a
    streamed file; and whether that process counts them."""
    if (
        first_load
        and isinstance(numbered, RecordFile)
        and numbered.streamed
        and numbered.lines >= PARALLEL_MIN_LINES
    ):
        from catalog.prepare_worker import worker_chunks

        return worker_chunks(numbered, report, CHUNK_RECORDS, counter), True
    chunks = ((chunk, None) for chunk in _prepared_chunks(numbered, report))
    return chunks, False


def _prepared_chunks(
    numbered: Iterable[tuple[int, dict | RecordError]], report: LoadReport
) -> Iterator[list[dict]]:
    """Prepared records in chunks, each id once (its last line in the chunk);
    rejected lines and warnings go to ``report``."""
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
        if len(valid) >= CHUNK_RECORDS:
            yield list(valid.values())
            valid = {}
    if valid:
        yield list(valid.values())


_NEW, _CHANGED, _UNCHANGED = 0, 1, 2


def _count_once(kinds: dict[str, int], stored: StoreResult) -> None:
    """Merge one chunk's outcome: an id is new if it was new when first seen
    in this load, else changed if any of its lines changed it."""
    for kind, ids in ((_NEW, stored.new), (_CHANGED, stored.changed),
                      (_UNCHANGED, stored.unchanged)):  # fmt: skip
        for listing in ids:
            before = kinds.get(listing)
            if before is None or (before == _UNCHANGED and kind == _CHANGED):
                kinds[listing] = kind


def _store_result(kinds: dict[str, int]) -> StoreResult:
    result = StoreResult()
    lists = (result.new, result.changed, result.unchanged)
    for listing, kind in kinds.items():
        lists[kind].append(listing)
    return result


def read_records(path: Path) -> RecordFile:
    """The ``(line_number, record or error)`` pairs of a checked interchange file.

    The whole file is checked first (encoding, CSV header), so an unreadable
    file fails before anything is stored. JSON lines in UTF-8 are then read
    as they are needed; CSV and UTF-16/UTF-32 files are read whole.

    :raises UnreadableFile: one line when the file as a whole cannot be read
        (not text, not UTF-8, a CSV header with unknown columns)
    """
    head = _read_bytes(path, 4)
    try:
        if any(head.startswith(bom) for bom, name in _BOMS if name != "utf-8-sig"):
            text = decode_text(path)
            brace = text.lstrip().startswith("{")
            lines = text.splitlines()
            if _looks_like_csv(path, brace):
                return RecordFile(path, len(lines), list(read_csv(text)))
            return RecordFile(path, len(lines), list(read_jsonl(lines)))
        scan = _scan_utf8(path)
        if _looks_like_csv(path, scan.starts_with_brace):
            return RecordFile(path, scan.lines, list(read_csv(decode_text(path))))
        return RecordFile(path, scan.lines)
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
