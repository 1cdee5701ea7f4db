"""Callbacks run after a command changed the catalog's listings.

The catalog may not import the recommender (dependency rules), yet the
recommender's index should be refitted at import/refresh time, not on the first
``cle recommend``. The composition root (``catalog/cli.py``) registers that
refit here; loaders only announce that the listings changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite_utils pulls in numpy: keep it off `cle recommend`'s path
    import sqlite_utils

_AFTER_CHANGE: list[Callable[[sqlite_utils.Database], None]] = []


def on_catalog_change(func: Callable[[sqlite_utils.Database], None]):
    """Register ``func(db)`` to run after listings were loaded; returns ``func``."""
    if func not in _AFTER_CHANGE:
        _AFTER_CHANGE.append(func)
    return func


def catalog_changed(db: sqlite_utils.Database) -> None:
    """Run every registered callback for this catalog."""
    for func in _AFTER_CHANGE:
        func(db)
