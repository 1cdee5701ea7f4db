"""Where the catalog's files live: the one place paths are resolved."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root when running from a checkout (data/ sits beside catalog/).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: ``$CLE_DATA_DIR`` or ``data/`` in the project."""
    return Path(os.environ.get("CLE_DATA_DIR") or PROJECT_ROOT / "data")


def default_db_path() -> Path:
    """The catalog database: ``$CLE_DB`` or ``data/catalog.db``."""
    env = os.environ.get("CLE_DB")
    return Path(env) if env else data_dir() / "catalog.db"


def feeds_dir() -> Path:
    """Nightly JSON-lines feeds, one folder per run date."""
    return data_dir() / "feeds"


def runs_dir() -> Path:
    """Nightly run reports (crawl health), one folder per run date."""
    return data_dir() / "runs"


def reference_path(name: str) -> Path:
    """A committed, reviewed data file shipped in ``data/`` (rules, vocabulary)."""
    return PROJECT_ROOT / "data" / name
