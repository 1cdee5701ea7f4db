"""Load interchange files into the catalog and export it again.

``cle import`` and the nightly refresh both call :func:`load_records`, so a feed
from a spider and a file from a person pass the same checks.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from catalog.interchange_file import (  # noqa: F401 (the loaders' API)
    RecordFile,
    UnreadableFile,
    decode_text,
    read_file,
    read_records,
)
from catalog.records import RecordError, prepare, record_to_csv_row
from catalog.rows import row_to_record
from catalog.schema import RECORD_FIELDS
from catalog.store import StoreResult, content_hash, upsert_records
from catalog.store_bulk import bulk_write

if TYPE_CHECKING:  # not imported by the process that checks records
    import sqlite_utils


class ChunkCounter(Protocol):
    """Something counted from each chunk a load stores (the recommender's term
    counts of a first load): made with no arguments, so a second process that
    checks the records (:mod:`catalog.prepare_worker`) can count some there."""

    def stored(self, records: list[dict], hashes: list[str], number: int) -> None:
        """Count chunk ``number`` (0, 1, ... in the load's order): its records
        and their content hashes, in order."""

    def state(self) -> object:
        """What was counted, as values :mod:`marshal` writes (dicts, lists,
        tuples, str, bytes, numbers, None), for another process to adopt."""

    def adopt(self, fetch: Callable[[], object | None]) -> None:
        """Add what an instance in another process counted: ``fetch()`` gives
        its :meth:`state` (waiting while it counts on), or None when it
        stopped first. Told before :meth:`all_stored`; ``fetch`` may be called
        as late as the counts are needed."""

    def all_stored(self) -> None:
        """Every chunk is stored: the load now rebuilds its indexes and commits
        (work that needs no more chunks may start)."""


@dataclass
class LoadReport:
    """The outcome of loading one file: what was stored and which lines were not."""

    stored: StoreResult = field(default_factory=StoreResult)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    #: Lines stored with a field cut to its size limit: (line number, what).
    warnings: list[tuple[int, str]] = field(default_factory=list)
    #: The thread copying a bulk load's log into the database file, if any
    #: (:meth:`catalog.store_bulk.BulkWrite.checkpoint_aside`).
    checkpoint: object | None = None

    @property
    def ok(self) -> bool:
        """True when every line was accepted."""
        return not self.rejected


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
    chunks = _chunks(numbered, report, first, counter)
    bulk = None
    try:
        with db.atomic(), bulk_write(db, expected=expected) as bulk:
            _store_chunks(db, chunks, bulk, seen_on, counter, kinds)
    except BaseException:  # rolled back: this connection checkpoints again
        if bulk is not None:
            bulk.checkpoint_as_usual()
        raise
    report.checkpoint = bulk.checkpoint_aside()
    report.stored = _store_result(kinds)
    return report


def _store_chunks(db, chunks, bulk, seen_on: str, counter, kinds: dict) -> None:
    """Store each chunk, note what each id became, count what is ours to count."""
    for number, (chunk, hashes, share) in enumerate(chunks):
        if hashes is None and counter is not None:
            hashes = [content_hash(record) for record in chunk]
        stored = upsert_records(db, chunk, seen_on=seen_on, bulk=bulk, hashes=hashes)
        _count_once(kinds, stored)
        if counter is not None:
            _count(counter, chunk, hashes, number, share)
    if counter is not None:
        counter.all_stored()


#: A first load of a streamed JSON-lines file of at least this many lines is
#: checked in a second process while this one writes
#: (:mod:`catalog.prepare_worker`): below it, starting the child costs more
#: than the overlap gains. Only into an empty catalog: passing the records
#: between the processes costs 4 s of CPU at 100k, which a re-import (little
#: to write) did not win back on a shared machine (3.15x at 12:50 UTC, 2.42x
#: before).
PARALLEL_MIN_LINES = 20_000


def start_checking(numbered: Iterable, counter: str | None) -> None:
    """Start checking a file that a first load will check in a second process
    (:data:`PARALLEL_MIN_LINES`) before the catalog is opened.

    :param counter: ``module:class`` of the counter the load will count with
    """
    if _parallel(numbered):
        from catalog.prepare_worker import start_early

        start_early(numbered, CHUNK_RECORDS, counter)


def stop_checking(numbered: Iterable) -> None:
    """Stop what :func:`start_checking` started, when no load took it."""
    if isinstance(numbered, RecordFile) and numbered.early is not None:
        from catalog.prepare_worker import stop_early

        stop_early(numbered)


def _parallel(numbered: Iterable) -> bool:
    return (
        isinstance(numbered, RecordFile)
        and numbered.streamed
        and numbered.lines >= PARALLEL_MIN_LINES
    )


def _chunks(
    numbered: Iterable[tuple[int, dict | RecordError]],
    report: LoadReport,
    first_load: bool,
    counter: ChunkCounter | None,
) -> Iterator[tuple[list[dict], list[str] | None, CountShare | None]]:
    """Prepared chunks (:func:`_prepared_chunks`) with their records' content
    hashes when known and the share of their counting left to this process
    (:data:`CountShare`; None: all of it): from a second process for a large
    first load of a streamed file."""
    if first_load and _parallel(numbered):
        from catalog.prepare_worker import worker_chunks

        return worker_chunks(numbered, report, CHUNK_RECORDS, counter)
    stop_checking(numbered)
    return ((chunk, None, None) for chunk in _prepared_chunks(numbered, report))


#: What a chunk checked in a second process leaves to this one to count:
#: given ``count(records, hashes)``, it calls it on the records this process
#: is to count (:func:`catalog.prepare_worker.worker_chunks`).
CountShare = Callable[[Callable[[list[dict], list[str]], None]], None]


def _count(
    counter: ChunkCounter,
    chunk: list[dict],
    hashes: list[str],
    number: int,
    share: CountShare | None,
) -> None:
    """Count a stored chunk here: all of it, or the share left to this process."""
    if share is None:
        counter.stored(chunk, hashes, number)
    else:
        share(lambda records, digests: counter.stored(records, digests, number))


def _prepared_chunks(
    numbered: Iterable[tuple[int, dict | RecordError]],
    report: LoadReport,
    first: int | None = None,
) -> Iterator[list[dict]]:
    """Prepared records in chunks, each id once (its last line in the chunk);
    rejected lines and warnings go to ``report``.

    :param first: records in the first chunk (default :data:`CHUNK_RECORDS`)
    """
    size = first or CHUNK_RECORDS
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
        if len(valid) >= size:
            yield list(valid.values())
            valid, size = {}, CHUNK_RECORDS
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
