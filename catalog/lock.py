"""One nightly job at a time: an exclusive lock for ``cle refresh`` and ``cle load``.

The lock is ``fcntl.flock`` on a file beside the catalog (``state/catalog.db.lock``
by default). The kernel releases it when the holding process ends, however it
ends, so a run killed with SIGKILL never leaves a stuck lock behind; the file
itself stays and only says who held it last. The holder writes its pid, command
and start time in it so a refused run can say who is in the way.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from catalog import paths


class LockBusy(RuntimeError):
    """Another process holds the lock; the message is one line naming it."""


class LockUnavailable(LockBusy):
    """The lock file cannot be created or opened (a read-only or missing folder).

    A kind of :class:`LockBusy`, so every caller that turns a busy lock into one
    line does the same for this one: the run cannot start either way.
    """


def lock_path_for(db_path: str | os.PathLike) -> Path:
    """The lock file of a catalog: ``<database>.lock`` in the same folder."""
    return paths.lock_path(db_path)


@contextmanager
def exclusive_lock(
    path: str | os.PathLike, command: str = "cle refresh"
) -> Iterator[dict]:
    """Hold the lock at ``path`` for the duration of the block, or refuse at once.

    :param path: the lock file (created when missing)
    :param command: what the holder is doing, shown to a refused run
    :return: (as the context value) the holder details written in the file
    :raises LockBusy: when another process holds the lock
    """
    path = Path(path)
    fd = _open_lock_file(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy(_busy_message(read_holder(path), path)) from None
        except OSError as exc:  # e.g. no locks on this network file system
            raise LockUnavailable(_unavailable_message(path, exc)) from None
        holder = {
            "pid": os.getpid(),
            "command": command,
            "since": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        data = (json.dumps(holder) + "\n").encode()
        os.pwrite(fd, data, 0)  # write, then cut: a reader never sees it empty
        os.ftruncate(fd, len(data))
        try:
            yield holder
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)


def _open_lock_file(path: Path) -> int:
    """Open (creating it and its folder) the lock file, or raise one line."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # os.open descriptors are not inherited by child processes (PEP 446), so
        # a crawl started inside the block cannot keep the lock alive on its own.
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockUnavailable(_unavailable_message(path, exc)) from None


def _unavailable_message(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if path.parent.exists() and not path.parent.is_dir():
        reason = f"{path.parent} is a file, not a folder"
    return (
        f"cannot open the lock file {path} ({reason}); "
        "make its folder writable or pass --db with a writable folder"
    )


def read_holder(path: str | os.PathLike) -> dict:
    """What the lock file says about its last holder (empty when unknown)."""
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
        holder = json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def _busy_message(holder: dict, path: Path) -> str:
    command = holder.get("command") or "cle refresh"
    pid = holder.get("pid", "unknown")
    since = holder.get("since", "an unknown time")
    return (
        f"another {command} (pid {pid}) is running since {since}; "
        f"wait for it to finish (lock file {path})"
    )
