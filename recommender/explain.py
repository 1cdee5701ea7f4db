"""Reasons for a pick, in the paralegal's terms.

Each reason is one short sentence: which of the profile's words the course
matches (and the words the listing used), which remaining need it fills and by
how much, what it costs this paralegal, and when it runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from catalog.timefmt import format_range
from recommender.documents import QueryItem, listing_text
from recommender.eligibility import is_scheduled, local_day
from recommender.needs import Need
from recommender.rank import Recommendation
from recommender.vocabulary import Vocabulary, surface_forms, surface_words
from recommender.wording import words

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


#: An issuer's acronym ("NALA") and a credential's ("CP" of "(CP / CLA)").
_ACRONYM = re.compile(r"^[A-Z][A-Za-z.]{1,7}$")


def short_credential(name: str, credential: str = "") -> str:
    """A credential's everyday name: "NALA CP", "California paralegal MCLE".

    The issuer's acronym and the first acronym in parentheses when both are
    there; otherwise the name without its parenthesis (often a citation).
    """
    plain = name.split("(")[0].strip()
    inside = re.match(r"[^(]*\(([^,/ )]+)", name)
    issuer = plain.split()[0] if plain else ""
    if inside and issuer.isupper() and _ACRONYM.match(inside.group(1)):
        own = inside.group(1)
        return own if own.startswith(issuer) else f"{issuer} {own}"
    return plain or credential


def short_name(need: Need) -> str:
    """A credential's everyday name from a need (see :func:`short_credential`)."""
    return short_credential(need.credential_name, need.credential)


def credential_label(need: Need) -> str:
    """The everyday name with the id a paralegal can look up: "NALA CP (nala-cp)"."""
    return f"{short_name(need)} ({need.credential})"


#: A verdict in a few words, before the credential's name.
_VERDICT_WORDS = {
    "counts_if_approved": "only once approved for",
    "does_not_count": "not for",
    "unknown": "not known for",
}


def _names_list(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def counts_reason(
    pick: Recommendation, names: Mapping[str, str], said: set | None = None
) -> str | None:
    """Whether the course counts, per credential, in one line.

    "counts for NALA CP; for NFPA RP only after NFPA approves it — apply
    before you renew" (the second part is the verdict's own reason)

    :param names: credential id -> its name (from the status)
    :param said: verdict reasons already shown above (a list of courses in
        text): a repeated one is not written out again; updated in place
    """
    if not pick.verdicts:
        return None
    name = {
        v.credential: short_credential(names.get(v.credential, ""), v.credential)
        for v in pick.verdicts
    }
    counting = [name[v.credential] for v in pick.verdicts if v.verdict == "counts"]
    parts = [f"counts for {_names_list(counting)}"] if counting else []
    for verdict in pick.verdicts:
        who, why = name[verdict.credential], verdict.reason.rstrip(".")
        key = (verdict.credential, verdict.verdict, why)
        if said is not None and verdict.verdict != "counts":
            if key in said:
                why = "as above"
            said.add(key)
        if why == "as above":
            parts.append(f"{_VERDICT_WORDS[verdict.verdict]} {who} (as above)")
        elif verdict.verdict == "counts_if_approved":
            if why.startswith("only "):
                parts.append(f"for {who} {why}")
            else:
                parts.append(f"for {who} only once approved: {why}")
        elif verdict.verdict == "does_not_count":
            parts.append(f"not for {who}: {why}")
        elif verdict.verdict == "unknown":
            parts.append(f"not known for {who}: {why}")
    return "; ".join(parts)


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
        what = need.units if need.key == "total" else f"{need.label} {need.units}"
        due = f", due {need.deadline.isoformat()}" if need.deadline else ""
        reasons.append(
            f"{hours_text(hours)} of your {hours_text(need.hours)} remaining {what} "
            f"for {short_name(need)}{due}"
        )
    credits = [c for c in pick.listing.get("credits") or [] if c["hours"] > 0]
    if not reasons and credits:
        parts = ", ".join(f"{hours_text(c['hours'])} {c['category']}" for c in credits)
        counts = any(v.verdict == "counts" for v in pick.verdicts)
        met = "; you have met those requirements" if tracked and counts else ""
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


def when_reason(pick: Recommendation, as_of: date, zone: str = "UTC") -> str:
    """When it runs, in the reader's zone: "live webinar on Thu Dec 10, 2026, ...".

    :param zone: the reader's IANA zone (:func:`catalog.timefmt.reader_zone`)
    """
    listing = pick.listing
    kind = _FORMAT_WORDS.get(listing.get("format"), listing.get("format") or "")
    if not is_scheduled(listing):
        return f"{kind}: take it any time" if kind else "take it any time"
    start = listing["starts_at"]
    days = (local_day(start) - as_of).days
    when = format_range(
        start, listing.get("ends_at"), zone, naive_zone=listing.get("timezone")
    )
    where = (
        f" at {listing['location']}"
        if listing.get("format") == "in_person" and (listing.get("location"))
        else ""
    )
    kind = kind or "session"  # format not stated
    return f"{kind} on {when}{where} (in {days} day{'s' if days != 1 else ''})"


def reasons(
    pick: Recommendation,
    queries: list[QueryItem],
    vocabulary: Vocabulary,
    as_of: date,
    *,
    tracked: bool = True,
    names: Mapping[str, str] | None = None,
    zone: str = "UTC",
    said: set | None = None,
) -> list[str]:
    """All reasons for one pick: matches, needs filled, whether it counts, price, when.

    :param tracked: the profile has credentials (else credit is just stated)
    :param names: credential id -> name, for the verdicts
    :param zone: the reader's zone for the session time
    :param said: verdict reasons shown above (see :func:`counts_reason`)
    """
    counts = counts_reason(pick, names or {}, said)
    return [
        *match_reasons(pick, queries, vocabulary),
        *need_reasons(pick, tracked=tracked),
        *([counts] if counts else []),
        price_reason(pick),
        when_reason(pick, as_of, zone),
    ]
