"""The ``cle status`` table for people: a progress bar per credential and category."""

from __future__ import annotations

from datetime import date

from .status import CredentialStatus

BAR_WIDTH = 20
_FULL, _EMPTY = "█", "░"
_MARKS = {
    "done": "DONE",
    "behind": "BEHIND",
    "on track": "ON TRACK",
    "unknown": "UNKNOWN",
}


def progress_bar(earned: float, required: float | None, width: int = BAR_WIDTH) -> str:
    """Return a bar of ``width`` cells filled in proportion to earned / required."""
    if required is None:
        return "?" * width
    share = 1.0 if required <= 0 else min(earned / required, 1.0)
    filled = round(share * width)
    return _FULL * filled + _EMPTY * (width - filled)


def hours(value: float | None) -> str:
    """Format hours compactly; None reads "unknown"."""
    return "unknown" if value is None else f"{value:g}"


def render_status(statuses: list[CredentialStatus], as_of: date, name: str = "") -> str:
    """Return the human-readable status table for all credentials."""
    who = f" for {name}" if name else ""
    lines = [f"CLE status{who} as of {as_of.isoformat()}", ""]
    if not statuses:
        lines.append("No credentials in the profile: add a [[credentials]] table.")
    for status in statuses:
        lines.extend(_credential_block(status))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _credential_block(status: CredentialStatus) -> list[str]:
    mark = _MARKS.get(status.state, status.state.upper())
    lines = [f"{status.credential}  {status.name}  [{mark}]"]
    if status.cycle_end is None:
        lines.append("  cycle: unknown")
    else:
        lines.append(
            f"  cycle {status.cycle_start} to {status.cycle_end} "
            f"({_days(status.days_left)})"
        )
    if status.unit != "hour":
        lines.append(
            f"  counted in {status.unit}s (one clock hour = {_per_hour(status)})"
        )
    if status.confidence and status.confidence != "official":
        lines.append(
            f"  rule confidence: {status.confidence.replace('_', ' ')} "
            "(sources in data/credentials.yaml)"
        )
    width = max(len(status.labels.get(k, k)) for k in status.required)
    for key, required in status.required.items():
        if required == 0 and key != "total":
            continue  # no minimum in this category
        label = status.labels.get(key, key).ljust(width)
        earned = status.earned.get(key, 0.0)
        remaining = status.remaining.get(key)
        if remaining is None:
            left = "unknown"
        elif remaining == 0:
            left = "done"
        else:
            left = f"{hours(remaining)} to go"
        lines.append(
            f"    {label}  {progress_bar(earned, required)}  "
            f"{hours(earned):>5} / {'?' if required is None else hours(required):<5}  "
            f"{left}"
        )
    lines.extend(f"  ! {warning}" for warning in status.warnings)
    return lines


def _per_hour(status: CredentialStatus) -> str:
    minutes = status.unit.split("-minute", 1)[0]
    if minutes.isdigit():
        return f"{60 / int(minutes):g} {status.unit}s"
    return f"1 {status.unit}, assumed"


def _days(days_left: int | None) -> str:
    if days_left == 0:
        return "deadline today"
    if days_left == 1:
        return "1 day left"
    return f"{days_left} days left"
