"""The child's side of :mod:`catalog.prepare_worker`: check, send, count.

Run as ``python -m catalog.prepare_child FILE LINES CHUNK_RECORDS SLICE
BACKLOG [COUNTER]`` by the parent of a large first load. It reads and checks
the file's records in chunks, writes each chunk to stdout as a frame (a
thread writes, so checking goes on while the parent reads), and with a
counter offers to count each chunk while it holds fewer than ``BACKLOG``
records not yet counted. It counts them in slices of ``SLICE`` records when
it is ahead of the parent (a whole frame waits behind the one being read)
and after its last chunk, skipping the slices the parent counted itself and
wrote to its stdin (:func:`catalog.prepare_worker.claim_bytes`).
Importing this module imports no database library: the child never writes.
"""

from __future__ import annotations

import gc
import importlib
import marshal
import os
import queue
import sys
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.prepare_worker import (
    CLAIM_BYTES,
    FIRST_CHUNK_RECORDS,
    write_frame_bytes,
)

if TYPE_CHECKING:
    from catalog.load import ChunkCounter


def serve(
    path: Path,
    sizes: tuple[int, int, int, int],
    counter_name: str | None = None,
) -> None:
    """Prepare the file's chunks and write them as frames (the module's docstring).

    :param sizes: the file's lines, records a chunk, records a counted
        slice, records the backlog may hold
    :param counter_name: ``module:class`` of the counter to count them with
    """
    import catalog.load
    from catalog.load import LoadReport, RecordFile, _prepared_chunks
    from catalog.store import content_hash

    lines, chunk_records, slice_records, backlog_records = sizes
    catalog.load.CHUNK_RECORDS = chunk_records
    report = LoadReport()
    sent = [0, 0]

    def frame(*head) -> tuple:
        rejected, warnings = report.rejected[sent[0] :], report.warnings[sent[1] :]
        sent[:] = [len(report.rejected), len(report.warnings)]
        return (*head, rejected, warnings)

    counter = _made(counter_name) if counter_name else None
    # What is loaded by now (the modules; the counter's vocabulary loads at
    # its first count) lives as long as the child: collections need not walk
    # it again (1-2 s of CPU at 100k).
    gc.freeze()
    sender = _FrameSender(sys.stdout.buffer, sys.stdin.fileno())
    backlog = _Backlog(counter, sender.claimed, slice_records, backlog_records)
    first = min(FIRST_CHUNK_RECORDS, chunk_records)
    chunks = _prepared_chunks(RecordFile(path, lines), report, first)
    for number, chunk in enumerate(chunks):
        hashes = [content_hash(record) for record in chunk]
        here = backlog.takes(chunk)
        sender.send(frame("chunk", chunk, hashes, here))
        if here:
            backlog.add(chunk, hashes, number)
        while backlog and sender.ahead():
            backlog.count_slice()
    sender.send(frame("end"))
    if counter is not None:
        backlog.count_all()
        sender.send(("counts", counter.state()))
    sender.close()


class _Backlog:
    """Chunks the child has sent and is to count, in slices (oldest first)."""

    def __init__(
        self,
        counter: ChunkCounter | None,
        claimed: Callable[[int, int], bool],
        slice_records: int,
        most: int,
    ):
        self.counter = counter
        self.claimed = claimed
        self.slice_records = slice_records
        self.most = most
        self.slices: deque[tuple[list[dict], list[str], int, int]] = deque()
        self.held = 0

    def __bool__(self) -> bool:
        return bool(self.slices)

    def takes(self, chunk: list[dict]) -> bool:
        """Whether the child offers to count this chunk (else the parent counts
        it all): while it holds few records to count, the parent's slices
        dropped."""
        if self.counter is None:
            return False
        kept = [entry for entry in self.slices if not self.claimed(*entry[2:])]
        self.slices = deque(kept)
        self.held = sum(len(records) for records, *_ in kept)
        return self.held + len(chunk) <= self.most

    def add(self, chunk: list[dict], hashes: list[str], number: int) -> None:
        for start in range(0, len(chunk), self.slice_records):
            end = start + self.slice_records
            self.slices.append((chunk[start:end], hashes[start:end], number, start))
        self.held += len(chunk)

    def count_slice(self) -> None:
        """Count the oldest slice, unless the parent counted it."""
        records, hashes, number, start = self.slices.popleft()
        if not self.claimed(number, start):
            # Slices of one chunk share its number: a chunk holds each id once.
            self.counter.stored(records, hashes, number)
        self.held -= len(records)

    def count_all(self) -> None:
        while self.slices:
            self.count_slice()


class _FrameSender:
    """Frames written to the parent by a thread, so the child checks and
    counts on while the parent is still reading (a frame is far larger than
    the pipe, which the parent widens to 1 MB).

    The parent writes to the child's stdin the slices it counted itself of
    the chunks the child offered to count.
    """

    def __init__(self, out, claims: int | None = None, ahead: int = 2):
        self._out = out
        self._frames: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)
        self._lock = threading.Lock()
        self._unwritten = 0
        self._claimed: set[tuple[int, int]] = set()
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()
        if claims is not None:
            reading = threading.Thread(target=self._read_claims, args=(claims,))
            reading.daemon = True
            reading.start()

    def send(self, frame: tuple) -> None:
        """Queue a frame (waits while ``ahead`` frames are queued)."""
        data = marshal.dumps(frame)
        with self._lock:
            self._unwritten += 1
        self._frames.put(data)

    def claimed(self, number: int, start: int) -> bool:
        """Whether the parent has counted the slice of chunk ``number`` that
        begins at record ``start`` itself."""
        with self._lock:
            return (number, start) in self._claimed

    def ahead(self) -> bool:
        """Whether a whole frame waits behind the one the parent is reading."""
        with self._lock:
            return self._unwritten > 1

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        self._frames.put(None)
        self._thread.join()

    def _write(self) -> None:
        while (data := self._frames.get()) is not None:
            try:
                write_frame_bytes(self._out, data)
            except BrokenPipeError:  # the parent is gone: its transaction rolled back
                os._exit(1)
            with self._lock:
                self._unwritten -= 1

    def _read_claims(self, claims: int) -> None:
        pending = b""
        while data := os.read(claims, 4096):
            pending += data
            whole = len(pending) - len(pending) % CLAIM_BYTES
            found = [
                (
                    int.from_bytes(pending[at : at + 4], "little"),
                    int.from_bytes(pending[at + 4 : at + 8], "little"),
                )
                for at in range(0, whole, CLAIM_BYTES)
            ]
            pending = pending[whole:]
            with self._lock:
                self._claimed.update(found)


def _made(name: str):
    """A new instance of the class named ``module:qualified.name``."""
    module, _, attribute = name.partition(":")
    made = importlib.import_module(module)
    for part in attribute.split("."):
        made = getattr(made, part)
    return made()


def main(argv: list[str]) -> None:
    """``python -m catalog.prepare_child FILE LINES CHUNK SLICE BACKLOG [COUNTER]``."""
    path, *sizes = argv[:5]
    try:
        serve(Path(path), tuple(int(size) for size in sizes), *argv[5:])
    except BrokenPipeError:  # the parent is gone: its transaction rolled back
        os._exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
