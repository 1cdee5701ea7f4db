"""Read and tokenize a large catalog's listings for the index refit in two processes.

Reading the active listings and turning each into its tokens is most of the
refit (:func:`recommender.index_store.rebuild`). For a large catalog the
listings (ordered by id) are cut in two at the middle id: a child process
(this module run as a program) reads and tokenizes the upper half while this
process does the lower half, then the child's ``(listing, tokens)`` pairs
follow in order, so the fit sees exactly what one reader would give. The
child reads the committed catalog, as this process does; when the catalog's
version moved in between (another write), the halves are not used and the
listings are read again in one pass.

The child writes its pairs as pickled lists to a temporary file this process
passes it (so it never waits for this one to read, and neither holds the
half in memory), then the catalog fingerprint it read to its stdout.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator

from catalog.queries import catalog_fingerprint, iter_active_listings, records_of
from recommender.documents import ListingTokenizer
from recommender.vocabulary import Vocabulary, load_vocabulary

#: Active listings from which the refit reads in two processes (below it,
#: starting the child costs more than it saves).
PARALLEL_MIN_LISTINGS = 20_000
#: ``(listing, tokens)`` pairs per frame the child writes.
FRAME_LISTINGS = 2_000


class CatalogMoved(RuntimeError):
    """The catalog changed (or the child failed) while the halves were read."""


def active_documents(
    connection: sqlite3.Connection, db_file: str, vocabulary: Vocabulary
) -> Iterator[tuple[dict, list[str]]]:
    """Every active listing with its tokens, ordered by id (as one reader gives).

    The child (for a large catalog) starts now, so it reads while this
    process imports scikit-learn.

    :param db_file: the catalog file, for the child to open
    :raises CatalogMoved: (after the lower half was given) when the two
        halves may not be one catalog; read again with :func:`one_reader`
    """
    fingerprint = catalog_fingerprint(connection)
    middle = None
    if fingerprint["active"] >= PARALLEL_MIN_LISTINGS:
        middle = connection.execute(
            "select id from courses where status = 'active' order by id "
            "limit 1 offset ?",
            [fingerprint["active"] // 2],
        ).fetchone()
    if middle is None:
        return one_reader(connection, vocabulary)
    spill = tempfile.TemporaryFile()
    child = subprocess.Popen(
        [sys.executable, "-m", __name__, db_file, middle[0], str(spill.fileno())],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        pass_fds=(spill.fileno(),),
    )
    return _two_halves(connection, vocabulary, middle[0], fingerprint, child, spill)


def _two_halves(connection, vocabulary, middle, fingerprint, child, spill):
    """The lower half read here, then the child's upper half from its spill."""
    with spill:
        try:
            tokenize = ListingTokenizer(vocabulary)
            for listing in _active_from(connection, "id < ?", middle):
                yield listing, tokenize(listing)
            seen = _child_fingerprint(child)
            child.wait()
        finally:
            if child.poll() is None:  # this process failed: stop the child
                child.kill()
            child.wait()
            child.stdout.close()
        if child.returncode != 0 or seen != fingerprint:
            raise CatalogMoved("the catalog changed while the index was fitted")
        spill.seek(0)
        while (frame := pickle.load(spill)) is not None:
            yield from frame
    if catalog_fingerprint(connection) != fingerprint:
        raise CatalogMoved("the catalog changed while the index was fitted")


def _child_fingerprint(child: subprocess.Popen) -> dict | None:
    try:
        return pickle.load(child.stdout)
    except (EOFError, pickle.UnpicklingError):
        return None  # the child failed: its traceback is on stderr


def one_reader(
    connection: sqlite3.Connection, vocabulary: Vocabulary
) -> Iterator[tuple[dict, list[str]]]:
    """Every active listing with its tokens, read in this process alone."""
    tokenize = ListingTokenizer(vocabulary)
    listings = iter_active_listings(connection)
    return ((listing, tokenize(listing)) for listing in listings)


def _active_from(connection: sqlite3.Connection, where: str, bound: str):
    """Active listings in an id range, as :func:`iter_active_listings` reads them."""
    return records_of(
        connection.execute(
            f"select * from courses where status = 'active' and {where} order by id",
            [bound],
        )
    )


def serve(db_file: str, middle: str, spill_fd: str) -> None:
    """The child's side: the upper half's pairs into the spill file, then the
    fingerprint it read on stdout."""
    connection = sqlite3.connect(db_file)
    connection.execute("begin")  # one snapshot for the rows and the fingerprint
    tokenize = ListingTokenizer(load_vocabulary())
    with os.fdopen(int(spill_fd), "wb") as spill:
        frame = []
        for listing in _active_from(connection, "id >= ?", middle):
            frame.append((listing, tokenize(listing)))
            if len(frame) >= FRAME_LISTINGS:
                pickle.dump(frame, spill, protocol=pickle.HIGHEST_PROTOCOL)
                frame = []
        pickle.dump(frame, spill, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(None, spill)
    fingerprint = catalog_fingerprint(connection)
    connection.close()
    pickle.dump(fingerprint, sys.stdout.buffer)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    try:
        serve(*sys.argv[1:])
    except BrokenPipeError:  # the parent is gone
        os._exit(1)
