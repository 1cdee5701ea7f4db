"""Check the records of a large interchange file in a second process.

Checking a record (:func:`catalog.records.prepare`: sanitize, normalize,
derive, check) is about half of a first load's time. For a large JSON-lines
file :func:`catalog.load.load_records` reads its prepared chunks from this
module run as a child process, so the child checks chunk ``k + 1`` on one CPU
while the parent writes chunk ``k`` on the other. The child only reads the
file and computes: the parent alone writes, in its one transaction, so a
crash of either leaves the catalog as it was (the parent rolls back when the
child stops early; the child stops at its next write when the parent dies).

The child writes pickled frames to its stdout: ``("chunk", records,
rejected, warnings)`` per chunk, then ``("done", counted, rejected,
warnings)``; the rejected lines and warnings are those found since the
previous frame. Given a counter (:class:`catalog.load.ChunkCounter`, such as
the recommender's term counts of a first load), the child makes its own of
the same class, counts each chunk after sending it, and ``counted`` is its
``state()``, which the parent's counter adopts: the counting costs the parent
nothing.
"""

from __future__ import annotations

import importlib
import os
import pickle
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
) -> Iterator[list[dict]]:
    """The prepared chunks of a streamed JSON-lines file, checked by a child.

    The same chunks, rejected lines and warnings (added to ``report``) as
    :func:`catalog.load._prepared_chunks` gives in this process.

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
            try:
                frame = pickle.load(child.stdout)
            except EOFError:
                raise PrepareWorkerError(
                    f"checking {records.path} in a second process stopped "
                    f"(exit {child.wait()}); nothing imported"
                ) from None
            report.rejected.extend(frame[-2])
            report.warnings.extend(frame[-1])
            done = frame[0] == "done"
            if not done:
                yield frame[1]
            elif counter is not None:
                counter.adopt(frame[1])
    finally:
        if not done:  # the parent failed or stopped reading: stop the child
            child.kill()
        child.wait()
        child.stdout.close()


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
    for chunk in _prepared_chunks(RecordFile(path, lines), report):
        pickle.dump(frame("chunk", chunk), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        if counter is not None:  # the parent writes this chunk meanwhile
            counter.stored(chunk, [content_hash(record) for record in chunk])
    counted = counter.state() if counter is not None else None
    pickle.dump(frame("done", counted), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


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
