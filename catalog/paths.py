"""Where the catalog's files live: the one place paths are resolved.

Two kinds of files, in two places:

- runtime state (the catalog database, nightly feeds and run reports, the
  recommender's index, logs, the refresh lock) lives in one state folder,
  :func:`state_dir`, that a user points elsewhere with ``$CLE_STATE_DIR``;
- reviewed reference data (credential rules, the provider registry, the
  vocabulary, the bundled demo sites) is read-only and ships with the code:
  ``data/`` in a checkout, installed as the ``cle_data`` package otherwise
  (:func:`reference_path`).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root when running from a checkout (data/ sits beside catalog/).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The package that ``data/`` is installed as (pyproject.toml maps it).
REFERENCE_PACKAGE = "cle_data"


def in_checkout() -> bool:
    """True when the code runs from a source checkout, not an installed wheel."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (
        PROJECT_ROOT / "data"
    ).is_dir()


def state_dir() -> Path:
    """The runtime state folder.

    ``$CLE_STATE_DIR``; else ``state/`` in a checkout; else the per-user data
    folder (``$XDG_DATA_HOME/cle``, default ``~/.local/share/cle``).
    """
    env = os.environ.get("CLE_STATE_DIR")
    if env:
        return Path(env)
    if in_checkout():
        return PROJECT_ROOT / "state"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "cle"


def default_db_path() -> Path:
    """The catalog database: ``$CLE_DB`` or ``catalog.db`` in the state folder."""
    env = os.environ.get("CLE_DB")
    return Path(env) if env else state_dir() / "catalog.db"


def feeds_dir() -> Path:
    """Nightly JSON-lines feeds, one folder per run date."""
    return state_dir() / "feeds"


def runs_dir() -> Path:
    """Nightly run reports (crawl health), one folder per run date."""
    return state_dir() / "runs"


def logs_dir() -> Path:
    """Nightly job logs (``deploy/cle-nightly.sh``), one file per run date."""
    return state_dir() / "logs"


def model_dir(db_path: str | os.PathLike) -> Path:
    """The recommender's index of a catalog file: ``<folder>/model/<stem>/``.

    Beside the database it indexes, so a catalog given by ``$CLE_DB`` or
    ``--db`` keeps its own index.
    """
    db_path = Path(db_path)
    return db_path.parent / "model" / db_path.stem


def lock_path(db_path: str | os.PathLike) -> Path:
    """The refresh/load lock of a catalog file: ``<database>.lock`` beside it."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def installed_reference_path(name: str) -> Path:
    """A reference file (or folder) inside the installed ``cle_data`` package."""
    from importlib.resources import files

    return Path(str(files(REFERENCE_PACKAGE).joinpath(name)))


def reference_path(name: str) -> Path:
    """A committed, reviewed data file (rules, vocabulary, registry, demo sites).

    ``data/<name>`` in a checkout; the installed package data otherwise.
    """
    if in_checkout():
        return PROJECT_ROOT / "data" / name
    return installed_reference_path(name)
