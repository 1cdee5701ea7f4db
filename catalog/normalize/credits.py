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
  ("1.5 hours including 0.5 ethics", also "2.5 hours general, including 0.5
  ethics", and a bare figure right before "including": "Up to 12.0 (including
  1.0 Ethics)") leaves the remainder as ``general``; "up to" and "a maximum
  of" state the total (the most a participant can earn);
  parts larger than the stated total win over it. Several figures without a
  category (per accrediting body) are alternatives: the first one is kept.
- Status: "no CLE credit", "not eligible" … → ``none`` (no credits, total 0);
  "pending", "applied for" … → ``pending``; stated hours or "approved" →
  ``approved``; anything else → ``unknown`` with the total unknown.
- ``approvals`` names the credential ids whose bodies the wording says approved
  the course (see :data:`APPROVAL_BODIES`). Nothing is recorded from a clause
  (a sentence, or a part after ";", "but", ", and") that says approval is
  pending, or that only says where an attendee may seek credit: "Paralegals
  may self-report the hour to NALA", "may be submitted to NFPA", "check with
  your association", "you may apply for credit with NALS" are not approvals.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from catalog.normalize.words import MAX_CHARS, numbers_to_digits

#: Body wording → credential ids (DESIGN.md section 3, research/requirements.yaml).
#: NFPA and NALS approval serves each of their credentials; "California MCLE" is
#: the State Bar's approval that Bus. & Prof. Code 6450 asks of paralegal courses,
#: recorded under the id ``ca-mcle`` used across the project.
APPROVAL_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bnala\b|national association of legal assistants", ("nala-cp",)),
    (
        r"\bnfpa\b|national federation of paralegal|paralegals\.org",
        ("nfpa-crp", "nfpa-rp"),
    ),
    (r"\bnals\b", ("nals-alp", "nals-clp", "nals-pp")),
    (r"\baapi\b|american alliance of paralegals", ("aapi-aacp",)),
    (
        r"\b(?:california|ca|cal\.)[\s-]+(?:state\s+bar\s+)?mcle\b"
        r"|state bar of california|california state bar|\bcalbar\b",
        ("ca-mcle",),
    ),
    (r"paralegal division|state bar of texas|\btexas\s+mcle\b", ("tx-sbot-pd",)),
    (r"\bflorida bar\b", ("fl-frp",)),
    (r"north carolina state bar|\bnc state bar\b", ("nc-ncscp",)),
    (r"kentucky paralegal association", ("ky-ckp",)),
)

_NO_CREDIT = re.compile(
    r"\bno\s+(?:\w+\s+){0,3}?credits?\b|\bnon[- ]?cle\b|\bnot\s+(?:be\s+)?"
    r"(?:approved|eligible|accredited|offered|available)\b|\bdo(?:es)?\s+not\s+"
    r"(?:qualify|offer|provide|carry|include|count)\b|\bwithout\s+(?:cle\s+)?credit"
    r"|\bnot\s+(?:for|valid\s+for)\s+(?:cle\s+)?credit|\bineligible\b"
    r"|^\W*(?:none|n/?a|no)\W*$|\bcredit\W*(?:none|n/a)\b"
)
_PENDING = re.compile(
    r"\bpending\b|\bapplied\s+for\b|\bapplication\s+(?:\w+\s+){0,3}?(?:submitted|"
    r"filed|made)\b|\bsubmitted\s+for\b|\b(?:has|have)\s+been\s+(?:requested|submitted|"
    r"filed)\b|\bwill\s+be\s+"
    r"(?:sought|requested|submitted)\b|\bawaiting\b|\bapproval\s+(?:is\s+)?"
    r"(?:requested|sought)\b|\bin\s+process\b"
)
_APPROVED = re.compile(r"\bapproved\b|\baccredited\b|\beligible\b|\bqualifies\b")
_CATEGORY = re.compile(
    r"(?P<general>\bnon[- ]?\s?substantive\b|\bgeneral\b|\bgen\.)"
    r"|(?P<ethics>\bethic(?:s|al)?\b|\bprofessional\s+responsibility\b"
    r"|\bprofessionalism\b)"
    r"|(?P<specialized>\bspeciali[sz](?:ed|ation)\b|\bspecialty\b|\bsubstantive\b)"
)
_NUMBER = re.compile(r"(?<![\w.$/:§#-])(\d+(?:\.\d+)?|\.\d+)(?![\d/:%]|\.\d|,\d{3})")
_SEPARATOR = re.compile(r"[|;,/+\n]|\band\b")
_UNIT = re.compile(
    r"^\W{0,3}(?:[a-z.]+\s+){0,3}?(?P<unit>hours?|hrs?|h|credits?|cle|mcle|ce|cpe"
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
#: Clauses that tell the attendee where they may seek credit, not who approved
#: it: "Paralegals may self-report the hour to NALA and NFPA".
_SEEK_CREDIT = re.compile(
    r"\bself[- ]?report|\bself[- ]?submi|\b(?:may|can|could|should|must|might)\s+"
    r"(?:\w+\s+){0,3}?(?:report|submit|apply|request|claim|petition|seek)"
    r"|\bcheck\s+with\b|\bcontact\s+(?:your|their|the)\b|\bconsult\s+(?:your|their)\b"
    r"|\bat\s+the\s+discretion\s+of\b|\bnot\s+guaranteed\b"
)
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
    lowered = numbers_to_digits(text).lower().replace("–", "-").replace("—", "-")
    override = _UNIT_OVERRIDE.search(lowered)
    if override and 30 <= int(override[1]) <= 60:
        unit_minutes = int(override[1])
        lowered = lowered[: override.start()] + " " + lowered[override.end() :]
    if not isinstance(unit_minutes, int) or unit_minutes <= 0:
        unit_minutes = 60
    categorized, uncategorized = _amounts(lowered, unit_minutes)
    credits = _combine(categorized, uncategorized[0] if uncategorized else None)
    total = round(sum(c["hours"] for c in credits), 4) if credits else None
    stated_zero = total is None and bool(categorized or uncategorized)
    pending = bool(_PENDING.search(lowered))
    if stated_zero or (total is None and _NO_CREDIT.search(lowered)):
        return _result([], 0.0, "none", [])
    if pending and not _APPROVED.search(_strip_pending(lowered)):
        return _result(credits, total, "pending", [])
    if total is not None or _APPROVED.search(lowered):
        return _result(credits, total, "approved", _approvals(lowered))
    return _result([], None, "unknown", [])


def _result(credits: list, total: float | None, status: str, approvals: list) -> dict:
    return {
        "credits": credits,
        "total_hours": total,
        "credit_status": status,
        "approvals": approvals,
    }


def _amounts(text: str, unit_minutes: int) -> tuple[dict, list]:
    """Find the amounts in the text: hours per category, and uncategorized hours."""
    numbers = [m for m in _NUMBER.finditer(text) if not _looks_like_year(m)]
    categories = list(_CATEGORY.finditer(text))
    separators = [m.start() for m in _SEPARATOR.finditer(text)]
    label_first = bool(categories) and (
        not numbers or categories[0].start() < numbers[0].start()
    )
    used: set[int] = set()
    categorized: dict[str, float] = {}
    uncategorized: list[float] = []
    for index, number in enumerate(numbers):
        following = numbers[index + 1 :]
        after_end = following[0].start() if following else len(text)
        next_separator = bisect_left(separators, number.end())
        if next_separator < len(separators):
            after_end = min(after_end, separators[next_separator])
        before_start = numbers[index - 1].end() if index else 0
        last_separator = bisect_left(separators, number.start()) - 1
        if last_separator >= 0:
            before_start = max(before_start, separators[last_separator] + 1)
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
        category = _claim(categories, used, windows)
        labelled = (
            bool(_LABEL.search(before))
            or text.strip() == number[0]
            or (bool(_PARTS_FOLLOW.match(after)) and not _COUNTED.search(before))
        )
        if not (unit or category or labelled):
            continue
        hours = round(value / unit_minutes, 2) if in_minutes else value
        up_to_next = text[number.end() : following[0].start() if following else None]
        if category == "general" and _INCLUDES.search(up_to_next):
            category = None  # "2.5 hours general (includes 0.5 ethics)" is a total
        if category:
            categorized[category] = max(categorized.get(category, 0.0), hours)
        else:
            uncategorized.append(hours)
    return categorized, uncategorized


def _looks_like_year(number: re.Match) -> bool:
    figure = number[1]
    return len(figure) == 4 and figure.isdigit() and figure.startswith(("19", "20"))


def _claim(categories: list, used: set[int], windows: list) -> str | None:
    """Take the first unused category word inside the windows, in order."""
    for start, end in windows:
        for match in categories:
            if match.start() in used or match.start() < start or match.end() > end:
                continue
            used.add(match.start())
            return match.lastgroup
    return None


def _combine(categorized: dict, total: float | None) -> list[dict]:
    """Make disjoint categories that add up to the total (remainder is general)."""
    parts = dict(categorized)
    stated = sum(parts.values())
    if total is not None and total > stated + 0.005:
        parts["general"] = parts.get("general", 0.0) + total - stated
    return [
        {"category": category, "hours": round(parts[category], 4)}
        for category in ("ethics", "general", "specialized")
        if category in parts and parts[category] > 0
    ]


def _strip_pending(text: str) -> str:
    clauses = re.split(r"[;|\n]|\.\s", text)
    return " ".join(c for c in clauses if not _PENDING.search(c))


def _approvals(text: str) -> list[str]:
    """Credential ids of the bodies named in clauses that state an approval.

    A clause that is pending, or that only says where the attendee may seek
    credit ("may self-report to NALA", "check with your association"),
    records nothing.
    """
    clauses = re.split(r"[;|\n]|\.\s|,\s*(?:and|but|or|while)\s|\bbut\b", text)
    stated = (c for c in clauses if not (_PENDING.search(c) or _SEEK_CREDIT.search(c)))
    approved = " | ".join(stated)
    found: set[str] = set()
    for pattern, ids in APPROVAL_BODIES:
        if re.search(pattern, approved):
            found.update(ids)
    return sorted(found)
