"""Check the records of a large interchange file in a second process.

Checking a record (:func:`catalog.records.prepare`: sanitize, normalize,
derive, check) is about half of a first load's time. For a large JSON-lines
file :func:`catalog.load.load_records` reads its prepared chunks from this
module run as a child process, so the child checks chunk ``k + 1`` on one CPU
while the parent writes chunk ``k`` on the other. The child only reads the
file and computes: the parent alone writes, in its one transaction, so a
crash of either leaves the catalog as it was (the parent rolls back when the
child stops early; the child stops at its next write when the parent dies).

The child writes frames to its stdout: ``("chunk", records, hashes, counted,
rejected, warnings)`` per chunk (``hashes``: each record's content hash, so
the parent's store does not compute them again; ``counted``: whether the
child counts this chunk, below), then ``("done", state, rejected,
warnings)``; the rejected lines and warnings are those found since the
previous frame. Each
frame is its length (8 bytes, little-endian) then its :mod:`marshal` bytes:
records hold only JSON's types and both ends run the same interpreter (at
100k records marshal cost the child 0.2-0.3 s of CPU where pickle cost
1.5-1.9 s, and the parent read them in 0.9-1.3 s, collection paused, where
pickle took 2.2-2.6 s).
Given a counter (:class:`catalog.load.ChunkCounter`, such as the
recommender's term counts of a first load), the child makes its own of the
same class and counts one chunk in :data:`COUNT_EVERY` after sending it; the
parent counts the others after writing them, so neither process waits long
for the other. ``state`` is the child's counter's ``state()``
(plain values, which marshal writes), which the parent's counter adopts.
"""

from __future__ import annotations

import gc
import importlib
import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalog.load import ChunkCounter, LoadReport, RecordFile


class PrepareWorkerError(RuntimeError):
    """The child process stopped before it had sent every chunk."""


def worker_chunks(
    records: RecordFile,
    report: LoadReport,
    chunk_records: int,
    counter: ChunkCounter | None = None,
) -> Iterator[tuple[list[dict], list[str], bool]]:
    """The prepared chunks of a streamed JSON-lines file, checked by a child.

    The same chunks, rejected lines and warnings (added to ``report``) as
    :func:`catalog.load._prepared_chunks` gives in this process, each chunk
    with the content hashes of its records and whether the child counts it.

    :param counter: counted by the child (see the module's docstring): it
        adopts the child's counts when the last chunk has been given
    :raises PrepareWorkerError: when the child stops early
    """
    args = [sys.executable, "-m", __name__, str(records.path), str(records.lines)]
    args.append(str(chunk_records))
    if counter is not None:
        args.append(f"{type(counter).__module__}:{type(counter).__qualname__}")
    child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    done = False
    try:
        while not done:
            frame = _read_frame(child.stdout)
            if frame is None:
                raise PrepareWorkerError(
                    f"checking {records.path} in a second process stopped "
                    f"(exit {child.wait()}); nothing imported"
                )
            report.rejected.extend(frame[-2])
            report.warnings.extend(frame[-1])
            done = frame[0] == "done"
            if not done:
                yield frame[1], frame[2], frame[3]
            elif counter is not None:
                counter.adopt(frame[1])
    finally:
        if not done:  # the parent failed or stopped reading: stop the child
            child.kill()
        child.wait()
        child.stdout.close()


#: Records in the child's first chunk: the parent waits for it doing nothing,
#: so it is sent small (2,000 records take the child about 0.25 s to check).
FIRST_CHUNK_RECORDS = 2_000
#: The child counts one chunk in this many (the parent the others): checking
#: a chunk costs the child about half again what writing it costs the parent,
#: so the parent takes most of the counting. 100k listings: the child counting
#: every chunk made the parent wait 12 s of a 28 s load, every other one 7 s.
COUNT_EVERY = 4
#: A frame's length, before its bytes.
_LENGTH_BYTES = 8


def _read_frame(stream) -> tuple | None:
    """The next frame, or None when the child stopped before writing it whole."""
    data = _frame_bytes(stream)
    return None if data is None else _decoded(data)


def _frame_bytes(stream) -> bytes | None:
    """The next frame's bytes, or None when the stream ends before it does."""
    head = stream.read(_LENGTH_BYTES)
    if len(head) < _LENGTH_BYTES:
        return None
    size = int.from_bytes(head, "little")
    data = stream.read(size)
    return None if len(data) < size else data


def _decoded(data: bytes) -> tuple:
    """A frame from its bytes."""
    # The records hold no reference cycles, so a collection while they are
    # built finds nothing: paused, reading 100k took 0.9 s of CPU, not 1.9 s.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    finally:
        if collecting:
            gc.enable()


def _write_frame(out, frame: tuple) -> None:
    data = marshal.dumps(frame)
    out.write(len(data).to_bytes(_LENGTH_BYTES, "little"))
    out.write(data)
    out.flush()


def serve(
    path: Path, lines: int, chunk_records: int, counter_name: str | None = None
) -> None:
    """The child's side: prepare the file's chunks and write them as frames.

    :param counter_name: ``module:class`` of the counter to count them with
    """
    import catalog.load
    from catalog.load import LoadReport, RecordFile, _prepared_chunks
    from catalog.store import content_hash

    catalog.load.CHUNK_RECORDS = chunk_records
    out = sys.stdout.buffer
    report = LoadReport()
    sent = [0, 0]

    def frame(*head) -> tuple:
        rejected, warnings = report.rejected[sent[0] :], report.warnings[sent[1] :]
        sent[:] = [len(report.rejected), len(report.warnings)]
        return (*head, rejected, warnings)

    counter = _made(counter_name) if counter_name else None
    # What is loaded by now (modules, the counter's vocabulary) lives as long
    # as the child: collections need not walk it again (1-2 s of CPU at 100k).
    gc.freeze()
    first = min(FIRST_CHUNK_RECORDS, chunk_records)
    chunks = _prepared_chunks(RecordFile(path, lines), report, first)
    for number, chunk in enumerate(chunks):
        hashes = [content_hash(record) for record in chunk]
        here = counter is not None and number % COUNT_EVERY == COUNT_EVERY - 1
        _write_frame(out, frame("chunk", chunk, hashes, here))
        if here:  # the parent writes this chunk meanwhile
            counter.stored(chunk, hashes, number)
    counted = counter.state() if counter is not None else None
    _write_frame(out, frame("done", counted))


def _made(name: str):
    """A new instance of the class named ``module:qualified.name``."""
    module, _, attribute = name.partition(":")
    made = importlib.import_module(module)
    for part in attribute.split("."):
        made = getattr(made, part)
    return made()


def main(argv: list[str]) -> None:
    """``python -m catalog.prepare_worker FILE LINES CHUNK_RECORDS [COUNTER]``."""
    path, lines, chunk_records, *counter = argv
    try:
        serve(Path(path), int(lines), int(chunk_records), *counter)
    except BrokenPipeError:  # the parent is gone: its transaction rolled back
        os._exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
