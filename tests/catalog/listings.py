"""Generate varied, valid interchange records for catalog tests."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from catalog.schema import FORMATS

PROVIDERS = ("nala", "nfpa", "nals", "aapi", "clio", "nbi", "ocpa", "sfpa")
OFFSETS = (-8, -7, -6, -5, 0, 5.5)
#: A zone that has each offset all year, so ``timezone`` agrees with the instants.
ZONE_OF_OFFSET = {
    -8: "Etc/GMT+8", -7: "America/Phoenix", -6: "America/Regina",
    -5: "America/Panama", 0: "UTC", 5.5: "Asia/Kolkata",
}  # fmt: skip
TOPICS = (
    "Legal Ethics",
    "E-Discovery",
    "Medical Records",
    "Estate Planning",
    "Bankruptcy",
    "Contract Drafting",
    "Trial Preparation",
    "Immigration Forms",
)


def make_listings(count: int, seed: int = 7) -> list[dict]:
    """Return ``count`` distinct valid records covering every optional field."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        provider = PROVIDERS[n % len(PROVIDERS)]
        fmt = FORMATS[n % len(FORMATS)]
        topic = rng.choice(TOPICS)
        record = {
            "id": f"{provider}:course-{n:04d}",
            "provider": provider,
            "title": f"{topic} for Paralegals — part {n} «ünïcode»",
            "url": f"https://{provider}.example.org/events/{n}?ref=a&b=c",
            "course_id": f"{provider}:course-{n // 3:04d}",
            "description": f'Session {n} on {topic.lower()}, with commas, "quotes"\n'
            "and a second line.",
            "format": fmt,
            "location": "Online" if n % 4 else "Tulsa, OK",
            "duration_minutes": rng.choice((30, 60, 75, 90, 120)),
            "timezone": rng.choice(("America/Chicago", "America/New_York")),
            "credit_status": rng.choice(("approved", "pending", "none", "unknown")),
            "approvals": rng.sample(["nala-cp", "nfpa-rp", "ca-mcle"], k=n % 3),
            "practice_areas": rng.sample(["litigation", "ethics", "probate"], k=n % 3),
            "presenters": [f"Presenter {n}"] if n % 2 else [],
            # Raw wording is kept verbatim; the parsed fields above and below
            # are present, so import must not re-derive anything from it.
            "credit_text": f"See the brochure ({n})",
            "price_text": "Prices on the registration page",
            "when_text": "Details to follow",
        }
        if fmt not in ("on_demand", "self_study"):
            offset = timezone(timedelta(hours=OFFSETS[n % len(OFFSETS)]))
            start = datetime(2026, 1, 1, 9, 0, tzinfo=offset) + timedelta(
                days=n, minutes=15 * (n % 4)
            )
            record["starts_at"] = start.isoformat()
            record["timezone"] = ZONE_OF_OFFSET[OFFSETS[n % len(OFFSETS)]]
            record["ends_at"] = (start + timedelta(minutes=90)).isoformat()
        ethics = (n % 5) * 0.25
        general = round(rng.choice((0.0, 0.5, 1.0, 1.2, 2.0)), 2)
        credits = []
        if ethics:
            credits.append({"category": "ethics", "hours": ethics})
        if general:
            credits.append({"category": "general", "hours": general})
        if n % 7 == 0:
            credits.append({"category": "specialized", "hours": 1.5})
        record["credits"] = credits
        if credits:
            record["total_hours"] = round(sum(c["hours"] for c in credits), 4)
        price = rng.choice((0, 0, 25, 49.5, 1299, 75))
        record["price_usd"] = float(price)
        record["is_free"] = price == 0
        if n % 3 == 0:
            record["member_price_usd"] = float(price) / 2
        for name in ("approvals", "practice_areas", "presenters"):
            if not record[name]:
                del record[name]
        records.append(record)
    return records
