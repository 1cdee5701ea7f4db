"""Price wording → ``price_usd`` (public), ``member_price_usd`` and ``is_free``.

How a line is read (choices documented here, tested in
``tests/catalog/test_normalize_prices.py``):

- The text is cut into clauses at ``;``, ``|``, ``/``, ``,``, brackets and the
  word "and"; a clause naming members ("Members: $25", "free for NALA
  members") sets ``member_price_usd``, one naming non-members, the public,
  guests or general admission sets ``price_usd``.
- "Free", "no cost", "no charge", "complimentary", "$0" are a price of 0.
- Money is a figure with ``$``, ``US$``, ``USD`` or "dollars", or a figure
  after a price label ("Fee: 75"); thousands separators are read.
- A range ("$25 – $45", also with one sign, "$35-55") gives the high end as
  ``price_usd``: what the public pays at most. Several unlabelled prices also
  give the highest. A table row whose one label comes first, "Member | $190 |
  $275 | $300" (early-bird, regular, on-site), gives every price that role.
- Money that is not a US course price is left out, so the price stays
  unknown rather than guessed: another currency ("£500", "C$75", "75 AUD"); a
  clause about cancelling, refunds or transfers ("a full refund, less a $50
  cancellation fee"; "Cost: $45 (refunds until Dec 1)" keeps its $45); other
  fees (administrative, service, handling, processing, late, application,
  reactivation, membership, subscription);
  add-ons ("an additional fee of $25", "each additional viewer"); rates
  ("$40 per credit hour", "$25/day"); bounds ("up to $50", "under $100", "$20
  or less", "$50+"); prices for another audience (students, retired,
  judges, government, pass holders, subscribers, bundles, "Special
  Attendee"); free credit processing ("CLE for the first person is
  complimentary"); sentences about transfers or about low cost in general;
  and amounts given rather than charged (scholarships, grants, awards of $).
- With only a member price and one other unlabelled price, the unlabelled one
  is the public price. A price that is only described ("a small charge for
  non-members") stays unknown.
- ``is_free`` is set only when ``price_usd`` is known: ``price_usd == 0``.
"""

from __future__ import annotations

import re

from catalog.normalize.words import MAX_CHARS, numbers_to_digits

_FREE = re.compile(
    r"\bfree\b|\bno[- ](?:cost|charge|fee)\b|\bcomplimentary\b|\bwithout\s+charge\b"
    r"|\bat\s+no\s+(?:cost|charge)\b|\bfree\s+of\s+charge\b|\bgratis\b"
)
_NOT_FREE = re.compile(r"\bnot\s+free\b|\bfree\s+shipping\b")
_AMOUNT = (
    r"(?:us\s?\$|\$|usd\s*)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?:usd\b|dollars?\b|us\s?\$)"
)
_MONEY = re.compile(_AMOUNT)
_LABELLED = re.compile(
    r"\b(?:price|cost|fee|fees|tuition|registration|rate)\s*:?\s*"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\b(?![:/])"
)
#: The second figure of a range may go without its sign: "$35-55".
_BARE_HIGH = (
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d:.,]|\s*(?:am|pm|%|hours?"
    r"|hrs?|credits?|minutes?|mins?|days?|weeks?|people|persons?|attendees?)\b)"
)
_RANGE = re.compile(rf"(?:{_AMOUNT})\s*(?:-|–|—|to)\s*(?:{_AMOUNT}|{_BARE_HIGH})")
#: Money in another currency is not a US price: "£500", "C$75", "75 AUD".
_FOREIGN = re.compile(
    r"(?:[£€¥₹]|\b(?:c|ca|cdn|a|au|nz|hk|s)\$|\b(?:cad|cdn|aud|nzd|eur|gbp|euros?"
    r"|pounds?)\s*\$?)\s*\d[\d,]*(?:\.\d+)?"
    # The number starts where a run of digits starts, and spaces are read only
    # after a "$": tried at every digit or space of a long run, the match was
    # quadratic (2,000 digits took 0.4 s).
    r"|(?:\$\s*)?(?<![\d,.])\d[\d,]*(?:\.\d+)?\s*(?:cad|cdn|aud|nzd|eur|gbp|euros?"
    r"|pounds?)\b"
)
#: A bound is not a price: "up to $50", "under $100", "$20 or less", "$50+".
_BOUND = re.compile(
    rf"\b(?:up\s+to|under|less\s+than|below|no\s+more\s+than|at\s+most|as\s+(?:low|"
    rf"little)\s+as|starting\s+(?:at|from)|at\s+least|over|more\s+than|from)\s+"
    rf"(?:{_AMOUNT})(?!\s*(?:-|–|—|to)\s*\$?\d)"
    rf"|(?:{_AMOUNT})\s*(?:\+|or\s+(?:less|more|under|below|above))"
)
#: Clauses about cancelling, refunds or transfers quote fees, never the price.
_POLICY = re.compile(
    r"\bcancel|(?<!non-)(?<!non)\brefund(?!able)|\btransfers?\b|\bsubstitut"
)
#: Clauses whose money is not what the public or members pay for the course:
#: other fees, add-ons, rates per hour or day, prices for other audiences, awards.
_NOT_A_PRICE = re.compile(
    r"\b(?:cancel\w*|refund|administrative|administration|admin|service|handling"
    r"|processing|late|reactivation|application|membership|subscription|transfer"
    r"|change|substitution|enrollment|prescribed|filing|exam|examination|renewal"
    r"|reinstatement|certification|reporting)\s+(?:fee|charge)s?\b"
    r"|\bannual\s+(?:fee|dues)\b|\bdues\b"
    r"|\b(?:each\s+)?additional\s+(?:fee|charge|cost|viewers?|attendees?|registrants?"
    r"|persons?|participants?|guests?|seats?|licen[cs]es?)\b"
    r"|\bper\s+(?:credit\s+)?(?:hour|hr|credit|unit|day|month|year|minute)\b"
    r"|/\s*(?:credit\s+)?(?:hour|hr|credit|day|month|year)\b"
    r"|\bstudents?\b|\bretire(?:d|es?)\b|\bunemployed\b|\bjudges?\b|\bgovernment\b"
    r"|\bpublic\s+interest\b|\bspecial\s+attendees?\b|\bpass\s+holders?\b"
    r"|\bsubscribers?\b|\b(?:new|young)\s+lawyers?\b|\bseniors?\b|\bexhibitors?\b"
    r"|\bcanad(?:a|ian)\b"
    r"|\ball[- ]access\b|\bbundles?\b|\bpasses\b|\bsubscriptions?\b"
    r"|\bscholarships?\b|\bawarded\b|\bawards?\s+(?:of|worth|totaling)\b|\bprizes?\b"
    r"|\bgrants?\b|\bdonations?\b|\bsalar(?:y|ies)\b|\bincome\b"
    r"|\b(?:cle|credit|certificates?|processing)\b[^.;]*?\b(?:is|are)\s+(?:free"
    r"|complimentary)\b"
)
#: A rate is not a course price: "$40 per credit hour", "$25/day".
_RATE = re.compile(
    rf"(?:{_AMOUNT})\s*\+?\s*(?:/|per\s)\s*(?:credit\s+)?(?:hour|hr|credit|unit|day"
    rf"|month|year|minute)s?\b"
)
#: Sentences about cheapness in general ("low cost ($20.00 or less) or no cost
#: programs") say nothing of one course's price.
_GENERAL_COST = re.compile(r"\blow[- ]cost\b|\breduced[- ]cost\b")
_SEPARATOR = re.compile(r"[;|/()\[\]\n·•]|,(?!\d{3})|\band\b|\bbut\b|\bwhile\b")
_PUBLIC = re.compile(
    r"\bnon[- ]?members?\b|\bpublic\b|\bguests?\b|\bgeneral\s+admission\b"
    r"|\bothers\b|\beveryone\s+else\b|\bstandard\b|\bregular\b|\bnot\s+a\s+member\b"
)
_MEMBER = re.compile(r"\bmembers?(?:hip)?\b")
#: Words that may stand beside a bare "(members)" label: "for NALS members only".
_LABEL_WORDS = frozenset(
    ["", "for", "only", "price", "rate", "fee", "all", "nala", "nals", "nfpa", "aapi"]
    + ["capa", "ocpa", "sfpa", "lapa", "aba", "association", "paralegal"]
)


def parse_price(text: str) -> dict:
    """Read a published price line into interchange price fields.

    :param text: the wording, e.g. "Members: $25 | Non-members: $45"
    :return: ``price_usd``, ``member_price_usd`` and ``is_free``; a key is
        absent when the wording does not say
    """
    try:
        return _parse(text)
    except Exception:  # a normalizer never raises: unreadable means unknown
        return {}


def _parse(text: str) -> dict:
    if isinstance(text, str):
        text = text[:MAX_CHARS]  # a wording, not a page: keeps parsing linear
    if not isinstance(text, str) or not text.strip():
        return {}
    lowered = numbers_to_digits(text).lower().replace("\u00a0", " ")
    row = _table_row(_FOREIGN.sub(" ", lowered))
    if row is not None:
        return row
    lowered = _prices_only(lowered)
    roles: dict[str, list[float]] = {"public": [], "member": [], None: []}
    previous: list[tuple[str | None, float]] = []
    for clause in _SEPARATOR.split(lowered):
        paired = _clause_roles(clause)
        label = _bare_label(clause)
        if not paired and label and previous and all(r is None for r, _ in previous):
            # "$0 (members) | $15 (non-members)": the label follows in brackets
            for _, value in previous:
                roles[None].remove(value)
                roles[label].append(value)
        for role, value in paired:
            roles[role].append(value)
        previous = paired
    public, member, loose = roles["public"], roles["member"], roles[None]
    result: dict = {}
    if public:
        result["price_usd"] = max(public)
    elif loose:
        result["price_usd"] = max(loose)
    if member:
        result["member_price_usd"] = min(member)
    if "price_usd" in result:
        result["is_free"] = result["price_usd"] == 0
    return result


def _prices_only(lowered: str) -> str:
    """The wording with money that is not a US course price taken out."""
    lowered = _FOREIGN.sub(" ", lowered)
    sentences = re.split(r"[.!?](?=\s|$)", lowered)
    lowered = " ; ".join(s for s in sentences if not _GENERAL_COST.search(s))
    lowered = _RATE.sub(" ", _BOUND.sub(" ", lowered))
    lowered = _RANGE.sub(lambda m: f" ${max(_range_values(m))} ", lowered)
    clauses = _SEPARATOR.split(lowered)
    if any(_not_a_price(clause) for clause in clauses):
        lowered = "".join(c for c in _split_keeping(lowered) if not _not_a_price(c))
    return lowered


def _not_a_price(clause: str) -> bool:
    return bool(_NOT_A_PRICE.search(clause) or _POLICY.search(clause))


def _split_keeping(text: str) -> list[str]:
    """The clauses of the text with their separators, so they can be rejoined."""
    pieces, start = [], 0
    for match in _SEPARATOR.finditer(text):
        pieces.extend([text[start : match.start()], match[0]])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _table_row(lowered: str) -> dict | None:
    """A table row, "Member | $190 | $275 | $300": the label names every price."""
    cells = [cell.strip() for cell in lowered.split("|")]
    if len(cells) < 3:
        return None
    money = [i for i, cell in enumerate(cells) if _MONEY.search(cell)]
    labels = [i for i, cell in enumerate(cells) if _role(cell) and i not in money]
    if not money or len(labels) != 1 or labels[0] > money[0]:
        return None
    if any(_MONEY.sub("", cells[i]).strip() for i in money):
        return None
    values = [_number(m[1] or m[2]) for i in money for m in _MONEY.finditer(cells[i])]
    values = [v for v in values if v is not None]
    role = _role(cells[labels[0]])
    if role == "public":
        return {"price_usd": max(values), "is_free": max(values) == 0}
    return {"member_price_usd": min(values)} if role == "member" else {}


def _role(cell: str) -> str | None:
    if _NOT_A_PRICE.search(cell):
        return "other"
    if _PUBLIC.search(cell):
        return "public"
    if _MEMBER.search(cell):
        return "member"
    return None


def _clause_roles(clause: str) -> list[tuple[str | None, float]]:
    """Pair each price in one clause with who pays it (None when unsaid).

    One clause may name both, "Non-Member Price: $50  Member Price: $35": then
    each price takes the label written before it when a label comes first,
    otherwise the label written after it.
    """
    prices = _clause_prices(clause)
    labels = [(m.start(), "public") for m in _PUBLIC.finditer(clause)]
    covered = [range(m.start(), m.end()) for m in _PUBLIC.finditer(clause)]
    labels += [
        (m.start(), "member")
        for m in _MEMBER.finditer(clause)
        if not any(m.start() in span for span in covered)
    ]
    labels.sort()
    if not labels or not prices:
        return [(None, value) for _, value in prices]
    if len({role for _, role in labels}) == 1:
        return [(labels[0][1], value) for _, value in prices]
    label_first = labels[0][0] < prices[0][0]
    paired = []
    for position, value in prices:
        if label_first:
            before = [role for start, role in labels if start < position]
            paired.append((before[-1] if before else None, value))
        else:
            after = [role for start, role in labels if start > position]
            paired.append((after[0] if after else None, value))
    return paired


def _bare_label(clause: str) -> str | None:
    """The role of a clause that is only a label, such as "(non-members)"."""
    for role, pattern in (("public", _PUBLIC), ("member", _MEMBER)):
        match = pattern.search(clause)
        if match:
            rest = (clause[: match.start()] + clause[match.end() :]).split()
            bare = all(word.strip(".:-") in _LABEL_WORDS for word in rest)
            return role if bare and not _MONEY.search(clause) else None
    return None


def _clause_prices(clause: str) -> list[tuple[int, float]]:
    """Prices in one clause with their positions: money, labelled figures, free."""
    found = [(m.start(), _number(m[1] or m[2])) for m in _MONEY.finditer(clause)]
    if not found:
        found = [(m.start(1), _number(m[1])) for m in _LABELLED.finditer(clause)]
    free = _FREE.search(clause)
    if free and not _NOT_FREE.search(clause):
        found.append((free.start(), 0))
    return sorted((at, value) for at, value in found if value is not None)


def _range_values(match: re.Match) -> list[float]:
    numbers = [_number(g) for g in match.groups() if g]
    return [n for n in numbers if n is not None] or [0.0]


def _number(figure: str) -> float | None:
    try:
        value = float(figure.replace(",", ""))
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() else value
