"""The paralegal's profile (TOML, DESIGN.md section 2): parse and check it.

Besides the contract's keys, a ``[[completed]]`` entry may carry these optional
keys: ``format`` (a catalog format such as ``self_study``), ``provider`` (a
provider slug or name), ``approvals`` (approval ids its certificate states, e.g.
``["ca-mcle"]``) and ``activity`` (a slug a rule's cap names, e.g.
``facts_and_findings_article`` for NALA). An entry with ``provider``, ``format``
or ``approvals`` is checked by the credential's acceptance rule; one without
counts as the paralegal states it. At the top level, ``timezone`` (an IANA
zone; default the machine's zone) is the zone times are shown in, and
``government_employee`` (true or false) answers NFPA's question about
government agencies' CLE. Unknown keys at the top level are kept in
:attr:`Profile.extra`; unknown keys inside a credential or a completed entry
are errors, since a typo there loses hours.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from catalog.schema import CREDIT_CATEGORIES, FORMATS
from catalog.timefmt import reader_zone

from .rules import Rule, load_rules

_CREDENTIAL_KEYS = ("id", "cycle_ends")
_ENTRY_KEYS = (
    "title",
    "date",
    "credits",
    "course_id",
    "format",
    "provider",
    "approvals",
    "activity",
)
_KNOWN_TOP = (
    "name",
    "practice_areas",
    "skill_gaps",
    "prefer_free",
    "memberships",
    "formats",
    "timezone",
    "government_employee",
    "credentials",
    "completed",
)


class ProfileError(ValueError):
    """A profile that cannot be used; the message is one line naming what to fix."""


@dataclass(frozen=True)
class HeldCredential:
    """A credential the paralegal holds, with the end of its cycle when given."""

    id: str
    cycle_ends: date | None = None


@dataclass(frozen=True)
class CompletedEntry:
    """A course the paralegal completed, with its credit hours by category."""

    title: str
    date: date
    credits: dict[str, float]
    course_id: str | None = None
    format: str | None = None
    provider: str | None = None
    activity: str | None = None
    approvals: tuple[str, ...] | None = None

    @property
    def total_hours(self) -> float:
        """The entry's hours in all categories."""
        return sum(self.credits.values())

    @property
    def checkable(self) -> bool:
        """True when it names its provider, format or approvals (checked, not taken)."""
        return bool(self.provider or self.format or self.approvals is not None)

    def as_course(self) -> dict:
        """The entry in the shape :func:`recommender.acceptance.counts_toward` reads."""
        return {
            "provider": self.provider,
            "format": self.format,
            "activity": self.activity,
            "approvals": list(self.approvals or ()),
            "credits": dict(self.credits),
        }


@dataclass
class Profile:
    """A paralegal: interests, preferences, credentials held and courses completed."""

    name: str = ""
    practice_areas: list[str] = field(default_factory=list)
    skill_gaps: list[str] = field(default_factory=list)
    prefer_free: bool = True
    memberships: list[str] = field(default_factory=list)
    formats: list[str] | None = None
    credentials: list[HeldCredential] = field(default_factory=list)
    completed: list[CompletedEntry] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    timezone: str = field(default_factory=lambda: reader_zone(None))
    government_employee: bool | None = None


def load_profile(path: str | Path, rules: dict[str, Rule] | None = None) -> Profile:
    """Read and check a profile file; raise :class:`ProfileError` on bad input.

    :param path: the TOML profile.
    :param rules: the credential rules (default: :func:`load_rules`).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(f"no profile at {path}; check the --profile path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read profile {path}: {exc}") from None
    return parse_profile(text, rules, source=path.name)


def parse_profile(
    text: str, rules: dict[str, Rule] | None = None, *, source: str = "profile"
) -> Profile:
    """Parse profile TOML text; raise :class:`ProfileError` naming the field to fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: not valid TOML ({exc})") from None
    rules = load_rules() if rules is None else rules
    try:
        return _build(data, rules)
    except ProfileError as exc:
        raise ProfileError(f"{source}: {exc}") from None


def _build(data: dict, rules: dict[str, Rule]) -> Profile:
    formats = data.get("formats")
    if formats is not None:
        formats = list(_string_list(data, "formats"))
        for value in formats:
            _check_choice("formats", value, FORMATS)
    credentials = _table_list(data, "credentials")
    completed = _table_list(data, "completed")
    return Profile(
        name=_string(data, "name", "name", default=""),
        practice_areas=list(_string_list(data, "practice_areas")),
        skill_gaps=list(_string_list(data, "skill_gaps")),
        prefer_free=_boolean(data, "prefer_free", default=True),
        memberships=list(_string_list(data, "memberships")),
        formats=formats,
        credentials=_credentials(credentials, rules),
        completed=[_entry(raw, i) for i, raw in enumerate(completed)],
        extra={k: v for k, v in data.items() if k not in _KNOWN_TOP},
        timezone=reader_zone(_zone_name(data)),
        government_employee=_boolean(data, "government_employee", default=None),
    )


def _zone_name(data: dict) -> str | None:
    name = _string(data, "timezone", "timezone")
    if name is None:
        return None
    try:
        ZoneInfo(name.strip())
    except Exception:  # ValueError, ZoneInfoNotFoundError, IsADirectoryError
        raise ProfileError(
            f"timezone {name!r} is not an IANA time zone; write e.g. timezone = "
            '"America/Los_Angeles"'
        ) from None
    return name.strip()


def _credentials(tables: list[dict], rules: dict[str, Rule]) -> list:
    held: list[HeldCredential] = []
    for index, raw in enumerate(tables):
        where = f"credentials[{index}]"
        _check_keys(raw, _CREDENTIAL_KEYS, where)
        credential_id = _string(raw, "id", f"{where}.id")
        if credential_id is None:
            raise ProfileError(
                f'{where}.id is missing; write id = "nala-cp" or similar'
            )
        if credential_id not in rules:
            close = difflib.get_close_matches(credential_id, list(rules), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ProfileError(
                f"{where}.id {credential_id!r} is not a known credential; {hint}"
                f"known ids: {', '.join(sorted(rules))}"
            )
        if any(h.id == credential_id for h in held):
            raise ProfileError(
                f"{where}.id {credential_id!r} is listed twice; keep one"
            )
        rule = rules[credential_id]
        cycle_ends = _date(raw, "cycle_ends", f"{where}.cycle_ends ({credential_id})")
        if cycle_ends is None and rule.needs_cycle_ends:
            raise ProfileError(
                f"{where}.cycle_ends ({credential_id}) is missing: this credential's "
                f"{rule.cycle.years}-year cycle ends on your own date; add "
                'cycle_ends = "YYYY-MM-DD" (your renewal deadline)'
            )
        held.append(HeldCredential(credential_id, cycle_ends))
    return held


def _entry(raw: dict, index: int) -> CompletedEntry:
    where = f"completed[{index}]"
    _check_keys(raw, _ENTRY_KEYS, where)
    title = _string(raw, "title", f"{where}.title")
    if not title:
        raise ProfileError(f'{where}.title is missing; write title = "Course name"')
    where = f"{where} ({title!r})"
    day = _date(raw, "date", f"{where}.date")
    if day is None:
        raise ProfileError(f'{where}.date is missing; write date = "YYYY-MM-DD"')
    entry_format = _string(raw, "format", f"{where}.format")
    if entry_format is not None:
        _check_choice(f"{where}.format", entry_format, FORMATS)
    return CompletedEntry(
        title=title,
        date=day,
        credits=_credits(raw, where),
        course_id=_string(raw, "course_id", f"{where}.course_id"),
        format=entry_format,
        provider=_string(raw, "provider", f"{where}.provider"),
        activity=_string(raw, "activity", f"{where}.activity"),
        approvals=_approvals(raw, where),
    )


def _approvals(raw: dict, where: str) -> tuple[str, ...] | None:
    if "approvals" not in raw:
        return None
    value = raw["approvals"]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(
            f"{where}.approvals must be a list of approval ids, e.g. "
            'approvals = ["ca-mcle"]'
        )
    return tuple(value)


def _credits(raw: dict, where: str) -> dict[str, float]:
    credits = raw.get("credits")
    example = "write credits = { ethics = 1.0, general = 0.5 }"
    if credits is None:
        raise ProfileError(f"{where}.credits is missing; {example}")
    if not isinstance(credits, dict):
        raise ProfileError(f"{where}.credits must be a table; {example}")
    hours: dict[str, float] = {}
    for category, value in credits.items():
        if category not in CREDIT_CATEGORIES:
            raise ProfileError(
                f"{where}.credits has unknown category {category!r}; use "
                f"{', '.join(CREDIT_CATEGORIES)}"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ProfileError(
                f"{where}.credits.{category} must be a number of hours, not {value!r}"
            )
        if value < 0 or not math.isfinite(value):
            raise ProfileError(
                f"{where}.credits.{category} is {value}; hours must be 0 or more"
            )
        hours[category] = float(value)
    return hours


def _table_list(data: dict, key: str) -> list[dict]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ProfileError(f"{key} must be a list of [[{key}]] tables")
    return value


def _check_keys(raw: dict, allowed: tuple[str, ...], where: str) -> None:
    for key in raw:
        if key not in allowed:
            raise ProfileError(
                f"{where} has unknown key {key!r}; allowed keys: {', '.join(allowed)}"
            )


def _check_choice(where: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ProfileError(
            f"{where} {value!r} is not known; use one of: {', '.join(choices)}"
        )


def _string(raw: dict, key: str, where: str, default: str | None = None) -> str | None:
    value = raw.get(key, default)
    if value is not None and not isinstance(value, str):
        raise ProfileError(f'{where} must be text in quotes, e.g. {key} = "..."')
    return value


def _string_list(data: dict, key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f'{key} must be a list of text, e.g. {key} = ["..."]')
    return value


def _boolean(data: dict, key: str, default: bool | None) -> bool | None:
    value = data.get(key, default)
    if value is not default and not isinstance(value, bool):
        raise ProfileError(f"{key} must be true or false, not {value!r}")
    return value


def _date(raw: dict, key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ProfileError(f'{where} {value!r} is not a date; write "YYYY-MM-DD"')
