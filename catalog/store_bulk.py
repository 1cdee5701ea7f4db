"""The bulk path of a large load: indexes dropped, then built once.

A load of many new listings into a catalog that holds fewer drops the
listings' secondary indexes and full-text triggers, inserts the rows, then
builds each index and the full-text index in one pass, inside the load's one
transaction (SQLite's DDL is transactional: a failure rolls them back too).
:mod:`catalog.store` decides when; this module does it.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

#: Tables whose secondary indexes the bulk path drops and builds once (the
#: case-folded practice-area index, kept row by row, cost 2 s at 100k).
_BULK_TABLES = ("courses", "credits", "course_practice_areas")


class BulkWrite:
    """Several :func:`catalog.store.upsert_records` calls of one load, one rebuild.

    The bulk path is chosen once, at the first write with new listings: when
    the load's new listings (that write's share of new ones times the records
    expected) number at least :data:`catalog.store.BULK_MIN_NEW` and at least
    the rows the table held. The indexes are then dropped and rebuilt when the
    load ends.
    """

    def __init__(self, db: sqlite_utils.Database, expected: int | None):
        self.db = db
        self.expected = expected
        self.decided = False
        self.active = False
        self.rebuilt = False
        self._saved: list[tuple[str, str, str]] = []

    def decide(self, new: int, written: int, held: int, minimum: int) -> None:
        """Choose the path once, from the first write that has new listings
        (``minimum``: :data:`catalog.store.BULK_MIN_NEW`)."""
        if self.decided or not new:
            return
        self.decided = True
        expected_new = new * max(self.expected or written, written) / written
        if expected_new >= minimum and expected_new >= held:
            self._saved = drop_bulk_indexes(self.db)
            self.active = True

    def finish(self) -> None:
        """Rebuild what :meth:`decide` dropped (inside the load's transaction)."""
        if self.active:
            restore_indexes(self.db, "courses", self._saved)
            self.active = False
            # The commit then only writes the log: the log is copied into the
            # file beside the work after the load (:meth:`checkpoint_aside`).
            self.db.execute("pragma wal_autocheckpoint = 0")
            self.rebuilt = True

    def checkpoint_aside(self) -> threading.Thread | None:
        """After the commit of a load that took the bulk path: copy the log
        into the database file in a thread, on a connection of its own.

        At 100k listings the commit spent 0.9 s of its 1.2 s copying the 270 MB
        the load wrote to the log (SQLite checkpoints when a commit leaves the
        log over 1,000 pages); the recommender's fit runs meanwhile. Not a
        daemon thread: the process ends after the copy. Committed data is
        safe in the log either way (a stopped copy is redone by the next
        connection).
        """
        if not self.rebuilt:
            return None
        self.checkpoint_as_usual()
        path = next(
            f for _, n, f in self.db.execute("pragma database_list") if n == "main"
        )
        copying = threading.Thread(target=_checkpoint, args=(path,), name="checkpoint")
        copying.start()
        return copying

    def checkpoint_as_usual(self) -> None:
        """Let the connection's commits checkpoint again (after :meth:`finish`,
        whether the load's commit came or failed)."""
        if self.rebuilt:
            self.db.execute("pragma wal_autocheckpoint = 1000")


def _checkpoint(path: str) -> None:
    """Copy the write-ahead log into the database file (its own connection)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("pragma busy_timeout = 10000")
        connection.execute("pragma wal_checkpoint(passive)")
    except sqlite3.Error:  # the next connection copies it instead
        pass
    finally:
        connection.close()


@contextmanager
def bulk_write(db: sqlite_utils.Database, *, expected: int | None = None):
    """A load of about ``expected`` records in several writes, one index rebuild.

    Use inside ``db.atomic()`` and pass the yielded object to each
    :func:`catalog.store.upsert_records`. An exception leaves the indexes to
    the rollback.
    """
    writer = BulkWrite(db, expected)
    yield writer
    writer.finish()


@contextmanager
def indexes_rebuilt_after(db: sqlite_utils.Database):
    """Drop the listings' secondary indexes and triggers; rebuild them on the way out.

    The full-text index (kept in step by those triggers) is rebuilt from the
    table in one pass. Run inside the caller's transaction: SQLite's DDL is
    transactional, so a failure anywhere rolls the indexes back too.
    """
    saved = drop_bulk_indexes(db)
    yield
    restore_indexes(db, "courses", saved)


def drop_bulk_indexes(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """Drop the secondary indexes and triggers of :data:`_BULK_TABLES`."""
    return [saved for table in _BULK_TABLES for saved in _drop_indexes(db, table)]


def _drop_indexes(db: sqlite_utils.Database, table: str) -> list[tuple[str, str, str]]:
    """Drop a table's secondary indexes and triggers; return their definitions."""
    saved = db.execute(
        "select type, name, sql from sqlite_master where tbl_name = ? "
        "and type in ('index', 'trigger') and sql is not null",
        [table],
    ).fetchall()
    for kind, name, _ in saved:
        db.execute(f'drop {kind} "{name}"')
    return saved


def restore_indexes(
    db: sqlite_utils.Database, table: str, saved: list[tuple[str, str, str]]
) -> None:
    """Recreate what :func:`_drop_indexes` dropped and rebuild the full-text index."""
    # SQLite may sort each index in helper threads: the bulk path runs at the
    # end of a load, when the process that checked the records has finished
    # checking (100k listings: the indexes 2.1-2.3 s -> 1.8-1.9 s).
    db.execute("pragma threads = 2")
    for _, _, sql in saved:
        db.execute(sql)
    db.execute("pragma threads = 0")
    fts = db[table].detect_fts()
    if fts:
        db.execute(f'insert into "{fts}" ("{fts}") values (\'rebuild\')')
