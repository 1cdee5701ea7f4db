"""Tables of hours per US state ("CA 1.5 | TX 1.5 | NY 1.5 (ethics 0.5)").

Providers that seek credit in many states publish one figure per state. The
interchange record holds one figure per category, so
:func:`catalog.normalize.credits.parse_credits` reads such a table this way
(tested in ``tests/catalog/test_normalize_credits.py``):

- a table is two or more US state or territory codes, written in capitals,
  each followed by a figure ("AR 4.75", "NY: 1.5");
- when every state gives the same hours in every category, those hours are
  the listing's; when states disagree (``AR 4.75 CO 6``, or an ethics part for
  one state only), the hours stay unknown and the raw text is kept.
"""

from __future__ import annotations

import re

_CODES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
    "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "
    "PR VI GU"
).split()
_STATE_FIGURE = re.compile(
    r"(?<![A-Za-z])("
    + "|".join(_CODES)
    + r")(?![A-Za-z])[ \t]*[:=\-]?[ \t]*(?=\d|\.\d)"
)


def state_table(text: str) -> list[str] | None:
    """The text of each state's cell, or None when the wording is not a table.

    :param text: a credit wording as published (capitals matter: "IN 2" is
        Indiana only in capitals)
    :return: one string per state, its code left out, e.g. ``["1.5 | ",
        "1.5 (ethics 0.5)"]``
    """
    if not isinstance(text, str):
        return None
    starts = list(_STATE_FIGURE.finditer(text))
    if len(starts) < 2:
        return None
    cells = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        cells.append(text[match.end() : end])
    return cells
