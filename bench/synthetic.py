"""A small, self-contained generator of synthetic CLE listings for benchmarks.

Each listing is about one hidden topic (a practice area or a skill) written
with one of several provider phrasings. The phrasings are deliberately not the
canonical terms of ``data/vocabulary.yml`` (some are, most are not), so a
benchmark built on them does not reward the vocabulary for matching itself.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

#: topic -> (kind, phrasings providers use in titles and descriptions)
TOPICS = {
    "ediscovery": ("skill", ["eDiscovery", "ESI collection", "electronic discovery",
                             "litigation holds and ESI", "document review platforms"]),
    "medical_records": ("skill", ["medical chronologies", "medical record review",
                                  "summarizing medical records", "health records"]),
    "legal_research": ("skill", ["case law research", "Westlaw and Lexis searching",
                                 "legal research strategies", "cite checking"]),
    "legal_writing": ("skill", ["legal drafting", "persuasive writing",
                                "memo writing", "proofreading legal documents"]),
    "docketing": ("skill", ["court deadlines", "calendaring", "docket control",
                            "deadline management"]),
    "efiling": ("skill", ["e-filing", "PACER and CM/ECF", "electronic court filing"]),
    "trial": ("skill", ["trial notebooks", "trial exhibits", "jury selection support",
                        "witness preparation"]),
    "investigation": ("skill", ["skip tracing", "locating witnesses",
                                "public records research", "OSINT for paralegals"]),
    "contracts": ("skill", ["contract review", "commercial contracts",
                            "contract management"]),
    "client": ("skill", ["client intake", "client interviews", "client relations"]),
    "personal_injury": ("area", ["personal injury", "PI practice",
                                 "auto accident claims", "premises liability",
                                 "wrongful death"]),
    "med_mal": ("area", ["medical malpractice", "med mal", "medical negligence"]),
    "estate": ("area", ["estate planning", "wills and trusts", "probate",
                        "estate administration"]),
    "family": ("area", ["family law", "divorce", "child custody",
                        "domestic relations"]),
    "bankruptcy": ("area", ["bankruptcy", "Chapter 7 and 13", "insolvency"]),
    "immigration": ("area", ["immigration", "visa petitions", "USCIS filings"]),
    "ip": ("area", ["intellectual property", "trademarks", "patent prosecution",
                    "copyright"]),
    "employment": ("area", ["employment law", "labor and employment",
                            "wage and hour claims"]),
    "real_estate": ("area", ["real estate", "residential closings", "real property",
                             "title insurance"]),
    "corporate": ("area", ["corporate law", "business entities", "M&A due diligence",
                           "corporate governance"]),
    "criminal": ("area", ["criminal defense", "criminal law", "DUI defense"]),
    "ethics": ("area", ["legal ethics", "professional responsibility",
                        "confidentiality and conflicts", "UPL risks"]),
}  # fmt: skip

PROVIDERS = ("nala", "nfpa", "nals", "aapi", "clio", "lorman", "nbi", "pli")
TITLE_SHAPES = (
    "{p}: A Practical Guide",
    "Mastering {p}",
    "{p} for Paralegals",
    "Advanced {p}",
    "{p} Update {year}",
    "Essentials of {p}",
)
DESCRIPTION_SHAPES = (
    "This program covers {p} with checklists and examples. {filler}",
    "Learn {p} from experienced practitioners. {filler}",
    "A session on {p} and {q}. {filler}",
)
FILLERS = (
    "Attendees receive slides and templates.",
    "Includes a live question and answer period.",
    "Ideal for new and experienced team members.",
    "Presented by a senior practitioner.",
)
FORMATS = ("live_webinar", "on_demand", "in_person", "hybrid", "self_study")


def listing(
    rng: random.Random,
    number: int,
    anchor: date,
    topic: str,
    wording: dict[str, list[str]] | None = None,
) -> dict:
    """One synthetic listing about ``topic``, dated around ``anchor``.

    :param wording: topic -> phrasings to use instead of :data:`TOPICS`'
    """
    kind, phrasings = TOPICS[topic]
    phrasings = (wording or {}).get(topic, phrasings)
    phrase = rng.choice(phrasings)
    other = rng.choice(list(TOPICS))
    provider = rng.choice(PROVIDERS)
    fmt = rng.choices(FORMATS, weights=(5, 4, 2, 1, 1))[0]
    ethics = topic == "ethics" or rng.random() < 0.08
    hours = rng.choice((0.5, 1.0, 1.0, 1.5, 2.0, 3.0))
    if ethics and topic == "ethics":
        credits = [{"category": "ethics", "hours": hours}]
    elif ethics:
        credits = [
            {"category": "ethics", "hours": 0.5},
            {"category": "general", "hours": hours},
        ]
    else:
        category = "specialized" if kind == "area" else "general"
        credits = [{"category": category, "hours": hours}]
    price = rng.choice((0, 0, 0, 25, 35, 49, 75, 99, 149, 199))
    record = {
        "id": f"{provider}:syn-{number}",
        "provider": provider,
        "title": rng.choice(TITLE_SHAPES).format(
            p=phrase[0].upper() + phrase[1:], year=anchor.year
        ),
        "url": f"https://example.org/{provider}/syn-{number}",
        "description": rng.choice(DESCRIPTION_SHAPES).format(
            p=phrase,
            q=rng.choice((wording or {}).get(other, TOPICS[other][1])),
            filler=rng.choice(FILLERS),
        ),
        "format": fmt,
        "credits": credits,
        "credit_status": "approved",
        "price_usd": price,
    }
    if price and rng.random() < 0.5:
        record["member_price_usd"] = max(0, price - 25)
    if rng.random() < 0.6:
        record["practice_areas"] = [rng.choice(phrasings)]
    if fmt not in ("on_demand", "self_study"):
        start = datetime.combine(
            anchor + timedelta(days=rng.randint(-60, 400)),
            datetime.min.time(),
            tzinfo=timezone(timedelta(hours=-6)),
        ) + timedelta(hours=rng.choice((10, 12, 13, 15)))
        record["starts_at"] = start.isoformat()
        record["ends_at"] = (start + timedelta(minutes=int(hours * 60))).isoformat()
    if rng.random() < 0.04:
        record["status"] = rng.choice(("withdrawn", "cancelled"))
    return record


def catalog(
    size: int, *, seed: int = 7, anchor: date = date(2026, 11, 27)
) -> list[dict]:
    """``size`` listings with topics drawn uniformly; deterministic per seed."""
    rng = random.Random(seed)
    topics = list(TOPICS)
    return [listing(rng, n, anchor, rng.choice(topics)) for n in range(size)]
