"""Reasons for a pick, in the paralegal's terms.

Each reason is one short sentence: which of the profile's words the course
matches (and the words the listing used), which remaining need it fills and by
how much, what it costs this paralegal, and when it runs.
"""

from __future__ import annotations

from datetime import date

from recommender.documents import QueryItem, listing_text
from recommender.needs import Need
from recommender.rank import Recommendation, is_scheduled, local_day
from recommender.vocabulary import Vocabulary, surface_forms, surface_words, words

_KIND_WORDS = {"skill_gap": "skill gap", "practice_area": "practice area"}
_FORMAT_WORDS = {
    "live_webinar": "live webinar",
    "on_demand": "on demand",
    "in_person": "in person",
    "hybrid": "in person or online",
    "self_study": "self study",
}


def hours_text(hours: float) -> str:
    """Hours with one decimal: 1.0, 2.5, 0.25 -> 0.25."""
    return f"{hours:.1f}" if round(hours, 1) == round(hours, 4) else f"{hours:g}"


def short_name(need: Need) -> str:
    """A credential's name without its citation: "California paralegal CLE"."""
    return need.credential_name.split("(")[0].strip() or need.credential


def matched_words(item: QueryItem, listing: dict, vocabulary: Vocabulary) -> list[str]:
    """The listing's own words that matched one profile phrase."""
    text = " ".join(listing_text(listing).values())
    forms = surface_forms(text, vocabulary)
    found = [form for concept in item.concepts for form in forms.get(concept, [])]
    if not found:
        own = surface_words(text)
        found = [own[word] for word in words(item.text) if word in own]
    return list(dict.fromkeys(found))[:3]


def match_reasons(
    pick: Recommendation, queries: list[QueryItem], vocabulary: Vocabulary
) -> list[str]:
    """Reasons for the profile phrases matched ("matches your skill gap ...")."""
    by_key = {(q.kind, q.text): q for q in queries}
    reasons = []
    for kind, text, _ in pick.matches[:3]:
        item = by_key.get((kind, text))
        shown = matched_words(item, pick.listing, vocabulary) if item else []
        said = words(text)
        extra = [w for w in shown if words(w) != said]
        detail = f" ({', '.join(extra)})" if extra else ""
        reasons.append(f"matches your {_KIND_WORDS.get(kind, kind)} '{text}'{detail}")
    return reasons


def need_reasons(pick: Recommendation, *, tracked: bool = True) -> list[str]:
    """Reasons for the needs filled: "1.0 of your 2.5 remaining ethics hours ..."."""
    reasons = []
    specific = {need.credential for need, _ in pick.fills if need.key != "total"}
    for need, hours in pick.fills:
        if need.key == "total" and need.credential in specific:
            continue
        what = "hours" if need.key == "total" else f"{need.label} hours"
        due = f", due {need.deadline.isoformat()}" if need.deadline else ""
        reasons.append(
            f"{hours_text(hours)} of your {hours_text(need.hours)} remaining {what} "
            f"for {short_name(need)}{due}"
        )
    credits = [c for c in pick.listing.get("credits") or [] if c["hours"] > 0]
    if not reasons and credits:
        parts = ", ".join(f"{hours_text(c['hours'])} {c['category']}" for c in credits)
        met = "; you have met those requirements" if tracked else ""
        reasons.append(f"credit hours: {parts}{met}")
    return reasons


def price_reason(pick: Recommendation) -> str:
    """The price this paralegal pays, e.g. "free for NALS members"."""
    provider = (pick.listing.get("provider") or "").upper()
    public = pick.listing.get("price_usd")
    if pick.price is None:
        return "price not published"
    if pick.price == 0:
        return f"free for {provider} members" if pick.member_price_applied else "free"
    if pick.member_price_applied:
        return f"${pick.price:,.0f} for {provider} members (public ${public:,.0f})"
    return f"${pick.price:,.0f}"


def when_reason(pick: Recommendation, as_of: date) -> str:
    """When it runs, e.g. "live webinar on 2026-12-10 13:00 (in 13 days)"."""
    listing = pick.listing
    kind = _FORMAT_WORDS.get(listing.get("format"), listing.get("format") or "")
    if not is_scheduled(listing):
        return f"{kind}: take it any time" if kind else "take it any time"
    start = listing["starts_at"]
    day = local_day(start)
    days = (day - as_of).days
    clock = start[11:16]
    zone = listing.get("timezone")
    where = (
        f" at {listing['location']}"
        if listing.get("format") == "in_person" and (listing.get("location"))
        else ""
    )
    return (
        f"{kind} on {day.isoformat()} {clock}{f' {zone}' if zone else ''}{where} "
        f"(in {days} day{'s' if days != 1 else ''})"
    )


def reasons(
    pick: Recommendation,
    queries: list[QueryItem],
    vocabulary: Vocabulary,
    as_of: date,
    *,
    tracked: bool = True,
) -> list[str]:
    """All reasons for one pick: matches, needs filled, price, when.

    :param tracked: the profile has credentials (else credit is just stated)
    """
    return [
        *match_reasons(pick, queries, vocabulary),
        *need_reasons(pick, tracked=tracked),
        price_reason(pick),
        when_reason(pick, as_of),
    ]
