"""Check the records of a large interchange file in a second process.

Checking a record (:func:`catalog.records.prepare`: sanitize, normalize,
derive, check) is about half of a first load's time. For a large JSON-lines
file :func:`catalog.load.load_records` reads its prepared chunks from this
module run as a child process, so the child checks chunk ``k + 1`` on one CPU
while the parent writes chunk ``k`` on the other. The child only reads the
file and computes: the parent alone writes, in its one transaction, so a
crash of either leaves the catalog as it was (the parent rolls back when the
child stops early; the child stops at its next write when the parent dies).

The child (:mod:`catalog.prepare_child`) writes frames to its stdout:
``("chunk", records, hashes, offered, rejected, warnings)`` per chunk
(``hashes``: each record's content hash, so the parent's store does not
compute them again; ``offered``: whether the child offers to count it,
below), then ``("end", rejected, warnings)``; the rejected lines and warnings
are those found since the previous frame. Each frame is its length (8 bytes,
little-endian) then its :mod:`marshal` bytes: records hold only JSON's types
and both ends run the same interpreter (at 100k records marshal cost the
child 0.2-0.3 s of CPU where pickle cost 1.5-1.9 s, and the parent read them
in 0.9-1.3 s, collection paused, where pickle took 2.2-2.6 s).

Given a counter (:class:`catalog.load.ChunkCounter`, such as the
recommender's term counts of a first load), the counting goes to whichever
process is free. The child offers each chunk while it holds fewer than
:data:`BACKLOG_RECORDS` records not yet counted. The parent, once it has
written an offered chunk, counts slices of it (:data:`COUNT_SLICE` records)
for as long as the child's next frame has not begun to arrive, telling the
child each slice it took (:func:`claim_bytes` on the child's stdin); the
child counts the rest when it is ahead and, after its last chunk, while the
parent rebuilds the catalog's indexes, then writes ``("counts", state)``,
its counter's ``state()`` (plain values), which the parent's counter adopts.
A slice the child began before the parent's claim reached it is counted by
both: the same counts, of which the parent's are kept.
At 100k listings, counting one chunk in four in the child (fixed) had each
process wait for the other: the parent read 3.8 s of frames it waited for.
"""

from __future__ import annotations

import fcntl
import gc
import marshal
import select
import subprocess
import sys
import weakref
from collections.abc import Iterator
from subprocess import PIPE
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalog.load import ChunkCounter, CountShare, LoadReport, RecordFile


class PrepareWorkerError(RuntimeError):
    """The child process stopped before it had sent every chunk."""


def worker_chunks(
    records: RecordFile,
    report: LoadReport,
    chunk_records: int,
    counter: ChunkCounter | None = None,
) -> Iterator[tuple[list[dict], list[str], CountShare]]:
    """The prepared chunks of a streamed JSON-lines file, checked by a child.

    The same chunks, rejected lines and warnings (added to ``report``) as
    :func:`catalog.load._prepared_chunks` gives in this process, each chunk
    with the content hashes of its records and the share of its counting
    left to this process (:func:`_leaver`).

    :param counter: counted by the child too (see the module's docstring):
        when the last chunk has been given, it is handed the child's counts
        to adopt (a call that waits for them)
    :raises PrepareWorkerError: when the child stops before its last chunk
    """
    name = None
    if counter is not None:
        name = f"{type(counter).__module__}:{type(counter).__qualname__}"
    args = _child_args(records, chunk_records, name)
    child = _started_early(records, args) or _spawn(args)
    ended = handed = False
    number = 0
    try:
        while not ended:
            frame = _read_frame(child.stdout)
            if frame is None:
                raise PrepareWorkerError(
                    f"checking {records.path} in a second process stopped "
                    f"(exit {child.wait()}); nothing imported"
                )
            report.rejected.extend(frame[-2])
            report.warnings.extend(frame[-1])
            ended = frame[0] == "end"
            if not ended:
                yield frame[1], frame[2], _leaver(child, *frame[1:3], number, frame[3])
                number += 1
        if counter is not None:
            counter.adopt(_ChildCounts(child))
            handed = True
    finally:
        if not handed:
            _reap(child, kill=not ended)


def start_early(records: RecordFile, chunk_records: int, counter: str | None) -> None:
    """Start the child for ``records`` now, before the catalog is opened.

    :func:`worker_chunks` takes it when asked for the same file, chunk size
    and counter (``module:class``); :func:`stop_early` stops it otherwise.
    Opening the catalog and making the counter took the parent 1.0-1.2 s at
    100k listings, in which the child had started and checked its first chunk.
    """
    args = _child_args(records, chunk_records, counter)
    records.early = (args, _spawn(args))


def stop_early(records: RecordFile) -> None:
    """Stop a child :func:`start_early` started that no load took."""
    early = getattr(records, "early", None)
    records.early = None
    if early is not None:
        _reap(early[1], kill=True)


def _started_early(records: RecordFile, args: list[str]) -> subprocess.Popen | None:
    early = getattr(records, "early", None)
    records.early = None
    if early is None:
        return None
    if early[0] == args:
        return early[1]
    _reap(early[1], kill=True)
    return None


def _child_args(records: RecordFile, chunk_records: int, counter: str | None):
    sizes = (records.lines, chunk_records, COUNT_SLICE, BACKLOG_RECORDS)
    args = [sys.executable, "-m", "catalog.prepare_child", str(records.path)]
    return args + [str(size) for size in sizes] + ([counter] if counter else [])


def _spawn(args: list[str]) -> subprocess.Popen:
    # Unbuffered, so a look at the pipe tells whether the next frame is there.
    child = subprocess.Popen(args, bufsize=0, stdin=PIPE, stdout=PIPE)
    _widen(child.stdout)
    return child


def _leaver(
    child: subprocess.Popen,
    chunk: list[dict],
    hashes: list[str],
    number: int,
    offered: bool,
) -> CountShare:
    """The share of chunk ``number``'s counting this process takes, once the
    chunk is written (a :data:`catalog.load.CountShare`).

    All of it when the child did not offer to count it. Else slice by slice
    (:data:`COUNT_SLICE`) while the child's next frame is not there yet
    (this process would only wait for it), telling the child each slice so it
    drops it (:data:`CLAIM_BYTES`); the rest is left to the child.
    """

    def share(count) -> None:
        if not offered:
            count(chunk, hashes)
            return
        for start in range(0, len(chunk), COUNT_SLICE):
            if _frame_waiting(child.stdout):
                return
            try:
                child.stdin.write(claim_bytes(number, start))
            except BrokenPipeError:  # the child is gone: the next read will tell
                return
            end = start + COUNT_SLICE
            count(chunk[start:end], hashes[start:end])

    return share


#: Bytes the pipe from the child holds (Linux lets anyone ask up to 1 MB): a
#: frame of 10,000 records (about 10 MB) is read in some 10 reads, not 160,
#: each of which takes Python's lock again. (A delay of 1.9 s first blamed on
#: this was a clock offset between the two processes' timelines.)
PIPE_BYTES = 1 << 20


def _widen(stream) -> None:
    """Let the pipe hold :data:`PIPE_BYTES` (where the system allows it)."""
    try:
        fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (AttributeError, OSError):  # not Linux, or above the system's limit
        pass


def _frame_waiting(stream) -> bool:
    """Whether the child has begun to write its next frame."""
    return bool(select.select([stream], [], [], 0)[0])


def _reap(child: subprocess.Popen, *, kill: bool) -> None:
    """Wait for the child (stopped first when the parent gave up reading)."""
    if kill:
        child.kill()
    try:
        child.stdin.close()
    except BrokenPipeError:
        pass
    child.wait()
    child.stdout.close()


class _ChildCounts:
    """The child's counts, read when asked: it counts its last chunks while
    this process rebuilds the catalog's indexes (:meth:`ChunkCounter.adopt`)."""

    def __init__(self, child: subprocess.Popen):
        self._child = child
        # Never asked (the load failed first): the child is stopped when
        # this object goes, not left to write to a pipe nobody reads.
        self._reaped = weakref.finalize(self, _reap, child, kill=True)

    def __call__(self) -> object | None:
        """The child's counter's ``state()``, or None when it stopped first."""
        frame = _read_frame(self._child.stdout)
        self._reaped.detach()
        _reap(self._child, kill=frame is None)
        return frame[1] if frame is not None and frame[0] == "counts" else None


#: Records in the child's first chunk: the parent waits for it doing nothing,
#: so it is sent small (2,000 records take the child about 0.25 s to check).
FIRST_CHUNK_RECORDS = 2_000
#: Records the child holds to count later, at most: it counts while the parent
#: is still reading an earlier frame and, after its last chunk, while the
#: parent rebuilds the indexes; a chunk that would pass this is counted by the
#: parent. Some 4.5 s of counting, about what the parent's rebuild and commit
#: take at 100k listings: with 100,000 the parent then waited 1.5-2 s for the
#: child's counts after its commit (4 timelines); with 40,000-70,000 the
#: import took 22.6-28.6 s, within the machine's noise. (About 4 KB a
#: record: 60,000 hold some 250 MB.)
BACKLOG_RECORDS = 60_000
#: Records counted at a time from that backlog, between looks at the parent.
COUNT_SLICE = 500
#: A frame's length, before its bytes.
_LENGTH_BYTES = 8
#: What the parent writes to the child for each slice it counted itself: the
#: chunk's number and the slice's first record (4 bytes each, little-endian).
CLAIM_BYTES = 8


def _read_frame(stream) -> tuple | None:
    """The next frame, or None when the child stopped before writing it whole."""
    data = _frame_bytes(stream)
    return None if data is None else _decoded(data)


def _frame_bytes(stream) -> bytearray | None:
    """The next frame's bytes, or None when the stream ends before it does."""
    head = _read_exactly(stream, _LENGTH_BYTES)
    if head is None:
        return None
    return _read_exactly(stream, int.from_bytes(head, "little"))


def _read_exactly(stream, size: int) -> bytearray | None:
    """``size`` bytes of an unbuffered stream (which gives what a pipe holds)."""
    data = bytearray(size)
    view, done = memoryview(data), 0
    while done < size:
        got = stream.readinto(view[done:])
        if not got:
            return None
        done += got
    return data


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


def claim_bytes(number: int, start: int) -> bytes:
    """What the parent writes when it counts a slice itself (:data:`CLAIM_BYTES`)."""
    return number.to_bytes(4, "little") + start.to_bytes(4, "little")


def _write_frame(out, frame: tuple) -> None:
    write_frame_bytes(out, marshal.dumps(frame))


def write_frame_bytes(out, data: bytes) -> None:
    """Write one frame given its :mod:`marshal` bytes."""
    out.write(len(data).to_bytes(_LENGTH_BYTES, "little"))
    out.write(data)
    out.flush()
