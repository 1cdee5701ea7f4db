"""Which listings may be recommended at all, and the facts eligibility reads.

A listing is left out when it is not active, in a format the paralegal does
not take, already completed (by id or by title), a session that has started or
ends after the last open deadline, or (``--free-only``) not free or carrying no
credit. :func:`ineligibility` says why in a few words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from catalog.schema import UNSCHEDULED_FORMATS
from recommender.needs import Need, last_deadline
from recommender.wording import plain_words

if TYPE_CHECKING:
    from recommender.tracking.profile import Profile
    from recommender.tracking.status import CredentialStatus

#: Titles this many words long or longer match a completed title that
#: extends them ("Ethics of AI for Paralegals (spring session)").
TITLE_PREFIX_WORDS = 3


@lru_cache(maxsize=65536)
def local_day(instant: str | None) -> date | None:
    """The calendar day of an ISO instant in its own offset (the provider's day)."""
    return datetime.fromisoformat(instant).date() if instant else None


def is_scheduled(listing: dict) -> bool:
    """True for a session with a start time (not on demand or self study)."""
    return bool(listing.get("starts_at")) and listing.get("format") not in (
        UNSCHEDULED_FORMATS
    )


def end_day(listing: dict) -> date | None:
    """The day a scheduled listing ends (None for on-demand)."""
    if not is_scheduled(listing):
        return None
    return local_day(listing.get("ends_at")) or local_day(listing.get("starts_at"))


def effective_price(
    listing: dict, memberships: Iterable[str]
) -> tuple[float | None, bool]:
    """The price this paralegal pays, and whether it is the member price."""
    member = listing.get("member_price_usd")
    public = listing.get("price_usd")
    if member is not None and listing.get("provider") in set(memberships or ()):
        if public is None or member < public:
            return float(member), True
    return (float(public) if public is not None else None), False


def credit_state(listing: dict) -> str:
    """``"credit"``, ``"no credit"`` or ``"credit not stated"`` for a listing.

    No credit: the provider says so (``credit_status: none``) or states zero
    hours. Not stated: no hours and no such statement; that is unknown, not
    zero.
    """
    hours = listing.get("total_hours")
    credits = listing.get("credits") or []
    stated = sum(float(c.get("hours") or 0) for c in credits)
    if stated > 0 or (hours or 0) > 0:
        return "credit"
    if listing.get("credit_status") == "none" or hours == 0 or credits:
        return "no credit"
    return "credit not stated"


def completed_keys(profile: Profile) -> tuple[set[str], set[str]]:
    """Course ids and normalized titles of the profile's completed courses.

    A title counts even when the course id is known: providers re-list a
    course under a new id (another date, another format), and a course of
    the very same name is one a paralegal would not take twice.
    """
    ids, titles = set(), set()
    for entry in profile.completed or ():
        if entry.course_id:
            ids.add(entry.course_id)
        if entry.title:
            titles.add(" ".join(plain_words(entry.title)))
    return ids, titles


def eligibility_deadline(
    statuses: Sequence[CredentialStatus], needs: list[Need]
) -> date | None:
    """The last date a session may end: the latest cycle end still open.

    A credential whose required hours are unknown (not established) may
    still need credit, so its cycle end counts like a known need's; a
    credential without a cycle end lifts the limit.
    """
    ends = [status.cycle_end for status in statuses if status.done is not True]
    if not ends:
        return last_deadline(needs)
    if any(end is None for end in ends):
        return None
    return max(ends)


def same_title(title: str, completed_titles: set[str]) -> bool:
    """True when a listing's title is a completed course's (or begins it).

    :param completed_titles: normalized titles (:func:`completed_keys`)
    """
    own = " ".join(plain_words(title))
    if not own:
        return False
    if own in completed_titles:
        return True
    if len(own.split()) < TITLE_PREFIX_WORDS:
        return False
    return any(
        done.startswith(own + " ")
        or (own.startswith(done + " ") and len(done.split()) >= TITLE_PREFIX_WORDS)
        for done in completed_titles
    )


def _session_problem(
    listing: dict, as_of: date, deadline: date | None, before: date | None
) -> str | None:
    """Why a scheduled session is out of reach (started, too late), or None."""
    start = local_day(listing["starts_at"])
    if start <= as_of:
        return f"session started {start.isoformat()}"
    if before is not None and start >= before:
        return f"starts {start.isoformat()}, not before {before.isoformat()}"
    if deadline is not None and end_day(listing) > deadline:
        return f"ends after your last deadline {deadline.isoformat()}"
    return None


def ineligibility(
    listing: dict,
    profile: Profile,
    as_of: date,
    *,
    deadline: date | None = None,
    completed: tuple[set[str], set[str]] | None = None,
    free_only: bool = False,
    before: date | None = None,
) -> str | None:
    """Why a listing cannot be recommended, or None when it can.

    :param deadline: the last deadline of the credit need (None: no deadline)
    :param free_only: only free courses that carry credit
    """
    if listing.get("status", "active") != "active":
        return f"listing is {listing.get('status')}"
    if profile.formats and listing.get("format") not in profile.formats:
        return f"format {listing.get('format')} is not one you take"
    ids, titles = completed if completed is not None else completed_keys(profile)
    if listing.get("course_id", listing["id"]) in ids or listing["id"] in ids:
        return "already completed"
    if titles and same_title(listing.get("title") or "", titles):
        return "already completed (same title)"
    if is_scheduled(listing):
        problem = _session_problem(listing, as_of, deadline, before)
        if problem:
            return problem
    if free_only:
        price, _ = effective_price(listing, profile.memberships or ())
        if price != 0:
            return "not free"
        state = credit_state(listing)
        if state != "credit":
            return state
    return None
