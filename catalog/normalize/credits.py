"""Credit wording → ``credits``, ``total_hours``, ``credit_status``, ``approvals``.

How a line is read (choices documented here, tested in
``tests/catalog/test_normalize_credits.py``):

- An *amount* is a figure followed by a unit (hours, hrs, credits, CLE, MCLE,
  CE, points, minutes), next to a category word, or after a label such as
  "Credits:". Figures that are times, dates, money, section numbers or
  100 hours and more are not amounts.
- Minutes become hours at ``unit_minutes`` per hour (60 unless the caller, or
  the wording itself, "50-minute hour", says otherwise), rounded to 0.01.
- Category words: "Legal Ethics", "ethics", "professional responsibility",
  "professionalism" → ``ethics``; "general", NALA's "Non-Substantive" →
  ``general``; "specialized", "specialty", NALA's "Substantive" →
  ``specialized``. A figure takes the category word written right before it
  when the line starts with a category ("Ethics: 1.0"), otherwise the one
  written after it ("1.0 Ethics", "1 hour of legal ethics").
- Hours without a category are ``general``. A total larger than its parts
  ("1.5 hours including 0.5 ethics", "3.0 hours, of which 1.0 is ethics",
  "2.5 hours general, including 0.5 ethics", a bare figure right before
  "including": "Up to 12.0 (including 1.0 Ethics)") leaves the remainder in
  the total's category, ``general`` unless the total names one: "6 hours of
  substantive CLE, at least 1 hour of which must be legal ethics" is 5
  specialized + 1 ethics. "up to" and "a maximum of" state the total (the
  most a participant can earn); parts larger than the stated total win over
  it. A category word opening a bracket goes with the figure after it: "1.5
  hours (ethics 0.5)".
- Several figures for the same thing are alternatives (per accrediting body,
  per state, per minutes-per-hour rule: "12 hours in 60-minute states, and
  14.4 hours in 50-minute states"): when they agree that is the figure, when
  they disagree the hours stay unknown. Tables of hours per state follow the
  same rule (see ``catalog/normalize/tables.py``).
- Status and approvals: see ``catalog/normalize/approval.py``. Stated hours
  count as ``approved`` unless the wording says pending or refused; a line
  with neither hours nor an approval word is ``unknown``, total unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from catalog.normalize.approval import (
    APPROVED,
    NO_CREDIT,
    PENDING,
    approvals,
    statements,
    strip_pending,
)
from catalog.normalize.tables import state_table
from catalog.normalize.words import MAX_CHARS, numbers_to_digits

_CATEGORY = re.compile(
    r"(?P<general>\bnon[- ]?\s?substantive\b|\bgeneral\b|\bgen\.)"
    r"|(?P<ethics>\bethic(?:s|al)?\b|\bprofessional\s+responsibility\b"
    r"|\bprofessionalism\b)"
    r"|(?P<specialized>\bspeciali[sz](?:ed|ation)\b|\bspecialty\b|\bsubstantive\b)"
)
_NUMBER = re.compile(r"(?<![\w.$/:§#-])(\d+(?:\.\d+)?|\.\d+)(?![\d/:%]|\.\d|,\d{3})")
_SEPARATOR = re.compile(r"[|;,/+\n]|\band\b")
_UNIT = re.compile(
    r"^\W{0,3}(?!of\b)(?:[a-z.]+\s+){0,3}?(?P<unit>hours?|hrs?|h|credits?|cle|mcle|ce|cpe"
    r"|ceus?|units?|points?|minutes?|mins?)\b"
)
_LABEL = re.compile(
    r"(?:credits?|hours?|hrs?|cle|mcle|ce|cpe|total|earn|worth|approved\s+for"
    r"|up\s+to|maximum(?:\s+of)?|max\.?|as\s+many\s+as)\W{0,3}$"
)
_UNIT_OVERRIDE = re.compile(
    r"\(?\b(\d{2})[- ]?min(?:ute)?s?\.?\s+(?:credit\s+)?hours?\)?"
)
_INCLUDES = re.compile(r"\binclud|\bincl\b|\bof\s+which\b")
#: A figure right before "including …" is a total: "Up to 12.0 (including 1.0 Ethics)".
_PARTS_FOLLOW = re.compile(r"^\W{0,3}(?:includ|incl\b|of\s+which\b)")
#: … unless it counts something else: "Session 2 (includes 1.0 ethics)".
_COUNTED = re.compile(
    r"\b(?:sessions?|modules?|parts?|days?|tracks?|chapters?|levels?|lessons?|weeks?"
    r"|rooms?|no\.?|number|#)\W{0,2}$"
)
#: A part written before "of which": "1 hour of which must be legal ethics".
_PART_OF_PREVIOUS = re.compile(r"^\W{0,3}(?:[a-z.]+\s+){0,1}?of\s+which\b")
#: "in 60-minute states": a unit of the jurisdiction, not a length.
_MINUTE_RULE = re.compile(r"-?\s?min(?:ute)?s?\s+(?:states?|jurisdictions?)\b")
_MAX_HOURS = 100
_MAX_MINUTES = 10_000


def parse_credits(text: str, *, unit_minutes: int = 60) -> dict:
    """Read a published credit line into interchange credit fields.

    :param text: the wording, e.g. "1.5 hours including 0.5 ethics (NALA)"
    :param unit_minutes: minutes in one credit hour for figures given in minutes
    :return: ``credits`` (list of ``{category, hours}``), ``total_hours`` (float
        or None when unknown), ``credit_status`` and ``approvals``
    """
    try:
        return _parse(text, unit_minutes)
    except Exception:  # a normalizer never raises: unreadable means unknown
        return _result([], None, "unknown", [])


def _parse(text: str, unit_minutes: int) -> dict:
    if isinstance(text, str):
        text = text[:MAX_CHARS]  # a wording, not a page: keeps parsing linear
    if not isinstance(text, str) or not text.strip():
        return _result([], None, "unknown", [])
    table = state_table(text)
    lowered = numbers_to_digits(text).lower().replace("–", "-").replace("—", "-")
    lowered = statements(lowered)
    override = _UNIT_OVERRIDE.search(lowered)
    if override and 30 <= int(override[1]) <= 60:
        unit_minutes = int(override[1])
        lowered = lowered[: override.start()] + " " + lowered[override.end() :]
    if not isinstance(unit_minutes, int) or unit_minutes <= 0:
        unit_minutes = 60
    if table is not None:
        amounts = _table_amounts(table, unit_minutes)
    else:
        amounts = _amounts(lowered, unit_minutes)
    credits = amounts.credits()
    total = round(sum(c["hours"] for c in credits), 4) if credits else None
    stated_zero = total is None and amounts.stated and not amounts.conflicting
    pending = bool(PENDING.search(lowered))
    if stated_zero or (
        total is None and not amounts.conflicting and NO_CREDIT.search(lowered)
    ):
        return _result([], 0.0, "none", [])
    if pending and not APPROVED.search(strip_pending(lowered)):
        return _result(credits, total, "pending", [])
    if total is not None or amounts.conflicting or APPROVED.search(lowered):
        return _result(credits, total, "approved", approvals(lowered))
    return _result([], None, "unknown", [])


def _result(credits: list, total: float | None, status: str, approvals: list) -> dict:
    return {
        "credits": credits,
        "total_hours": total,
        "credit_status": status,
        "approvals": approvals,
    }


class _Amounts:
    """Hours found in a wording: per category, uncategorized totals, conflicts."""

    def __init__(self) -> None:
        self.categorized: dict[str, list[float]] = {}
        self.totals: list[float] = []
        self.remainder = "general"  # the category a total's rest belongs to
        self.stated = False
        self.disagree = False  # e.g. a table whose states differ

    def add(self, category: str | None, hours: float) -> None:
        self.stated = True
        if category:
            self.categorized.setdefault(category, []).append(hours)
        else:
            self.totals.append(hours)

    def make_total(self, category: str) -> None:
        """The last figure of ``category`` was a total ("6 hours substantive,
        1 hour of which ethics"): its rest keeps that category."""
        hours = self.categorized[category].pop()
        if not self.categorized[category]:
            del self.categorized[category]
        self.totals.append(hours)
        self.remainder = category

    @property
    def conflicting(self) -> bool:
        """Alternatives that disagree (per state, per minutes-per-hour)."""
        groups = [*self.categorized.values(), self.totals]
        return self.disagree or any(max(g) - min(g) > 0.005 for g in groups if g)

    def credits(self) -> list[dict]:
        if self.conflicting:
            return []
        parts = {category: values[0] for category, values in self.categorized.items()}
        return _combine(parts, self.totals[0] if self.totals else None, self.remainder)


def _amounts(text: str, unit_minutes: int) -> _Amounts:
    """Find the amounts in the text: hours per category, and uncategorized hours."""
    numbers = [m for m in _NUMBER.finditer(text) if not _not_hours(text, m)]
    categories = list(_CATEGORY.finditer(text))
    separators = [m.start() for m in _SEPARATOR.finditer(text)]
    label_first = bool(categories) and (
        not numbers or categories[0].start() < numbers[0].start()
    )
    used: set[int] = set()
    bound = _bound_categories(text, categories, numbers)
    found = _Amounts()
    last_category = None
    for index, number in enumerate(numbers):
        following = numbers[index + 1 :]
        before_start, after_end = _neighbourhood(text, numbers, separators, index)
        after = text[number.end() : after_end]
        before = text[before_start : number.start()]
        unit = _UNIT.match(after)
        in_minutes = bool(unit and unit["unit"].startswith("min"))
        value = float(number[1])
        if value >= (_MAX_MINUTES if in_minutes else _MAX_HOURS):
            continue
        windows = [(number.end(), after_end), (before_start, number.start())]
        if label_first:
            windows.reverse()
        others = {start for start, owner in bound.items() if owner != index}
        category = _claim(categories, used, windows, others)
        labelled = (
            bool(_LABEL.search(before))
            or text.strip() == number[0]
            or (bool(_PARTS_FOLLOW.match(after)) and not _COUNTED.search(before))
        )
        if not (unit or category or labelled):
            continue
        hours = round(value / unit_minutes, 2) if in_minutes else value
        up_to_next = text[number.end() : following[0].start() if following else None]
        is_part = bool(_PART_OF_PREVIOUS.match(text[number.end() :]))
        if is_part and last_category and last_category != category:
            found.make_total(last_category)  # "6 hours substantive, 1 of which ethics"
        if category and _INCLUDES.search(up_to_next) and not is_part:
            found.add(None, hours)  # "2.5 hours general (includes 0.5 ethics)"
            found.remainder = category
            last_category = None
            continue
        found.add(category, hours)
        last_category = category
    return found


def _neighbourhood(
    text: str, numbers: list, separators: list, index: int
) -> tuple[int, int]:
    """Where the words that describe figure ``index`` start and end: from the
    figure or separator before it to the figure or separator after it."""
    number = numbers[index]
    after_end = numbers[index + 1].start() if index + 1 < len(numbers) else len(text)
    next_separator = bisect_left(separators, number.end())
    if next_separator < len(separators):
        after_end = min(after_end, separators[next_separator])
    before_start = numbers[index - 1].end() if index else 0
    last_separator = bisect_left(separators, number.start()) - 1
    if last_separator >= 0:
        before_start = max(before_start, separators[last_separator] + 1)
    return before_start, after_end


def _not_hours(text: str, number: re.Match) -> bool:
    """Years, and the minutes of "in 60-minute states", are not amounts."""
    figure = number[1]
    if len(figure) == 4 and figure.isdigit() and figure.startswith(("19", "20")):
        return True
    return bool(_MINUTE_RULE.match(text, number.end()))


def _table_amounts(table: list[str], unit_minutes: int) -> _Amounts:
    """One figure per category when every state of the table agrees."""
    found = _Amounts()
    shares = set()
    for row in table:
        cell = statements(numbers_to_digits(row).lower())
        reading = _amounts("credits: " + cell, unit_minutes)
        found.disagree |= reading.conflicting
        shares.add(tuple((c["category"], c["hours"]) for c in reading.credits()))
    found.stated = True
    if found.disagree or len(shares) != 1 or not next(iter(shares)):
        found.disagree = True  # states differ: the hours stay unknown
        return found
    for category, hours in next(iter(shares)):
        found.add(category, hours)
    return found


def _bound_categories(text: str, categories: list, numbers: list) -> dict:
    """Category words bound to the figure after them: "1.5 hours (ethics 0.5)".

    :return: the start of each such word → the index of its figure in ``numbers``
    """
    starts = {number.start(): index for index, number in enumerate(numbers)}
    bound: dict[int, int] = {}
    for match in categories:
        if not re.search(r"\(\s*$", text[: match.start()]):
            continue
        gap = re.match(r"[\s:=-]{0,3}", text[match.end() :])
        owner = starts.get(match.end() + gap.end())
        if owner is not None:
            bound[match.start()] = owner
    return bound


def _claim(
    categories: list, used: set[int], windows: list, reserved: set[int]
) -> str | None:
    """Take the first unused category word inside the windows, in order."""
    for start, end in windows:
        for match in categories:
            if match.start() in used or match.start() in reserved:
                continue
            if match.start() < start or match.end() > end:
                continue
            used.add(match.start())
            return match.lastgroup
    return None


def _combine(
    categorized: dict, total: float | None, remainder: str = "general"
) -> list[dict]:
    """Make disjoint categories that add up to the total (the rest is ``remainder``)."""
    parts = dict(categorized)
    stated = sum(parts.values())
    if total is not None and total > stated + 0.005:
        parts[remainder] = parts.get(remainder, 0.0) + total - stated
    return [
        {"category": category, "hours": round(parts[category], 4)}
        for category in ("ethics", "general", "specialized")
        if category in parts and parts[category] > 0
    ]
