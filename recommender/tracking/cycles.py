"""Cycle placement: which compliance cycle contains a date.

Two placements are computed the same way, as a chain of cycles ``years`` long:

- ``fixed``: the chain starts on the rule's anchor (California's biennium from
  2007-01-01; the Texas Paralegal Division's June 1 to May 31 year);
- ``rolling``: the chain ends on the date the paralegal gives (``cycle_ends``: a
  NALA recertification deadline, an NFPA exam anniversary), and repeats every
  ``years`` before and after it.

Every cycle runs from its start to its end inclusive; a date exactly on the
deadline is inside the cycle that ends that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Cycle:
    """One compliance cycle, both ends inclusive."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        """True when ``day`` falls within the cycle."""
        return self.start <= day <= self.end

    def days_left(self, as_of: date) -> int:
        """Days from ``as_of`` to the deadline (0 on the last day of the cycle)."""
        return (self.end - as_of).days


def add_years(day: date, years: int) -> date:
    """Move ``day`` by whole years; February 29 becomes February 28 off leap years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def fixed_cycle(anchor: date, years: int, as_of: date) -> Cycle:
    """Return the cycle containing ``as_of`` in the chain that starts on ``anchor``.

    :param anchor: the first day of any one cycle (e.g. 2007-01-01).
    :param years: the cycle length.
    """
    index = (as_of.year - anchor.year) // years
    while add_years(anchor, index * years) > as_of:
        index -= 1
    while add_years(anchor, (index + 1) * years) <= as_of:
        index += 1
    start = add_years(anchor, index * years)
    end = add_years(anchor, (index + 1) * years) - timedelta(days=1)
    return Cycle(start, end)


def rolling_cycle(cycle_ends: date, years: int, as_of: date) -> Cycle:
    """Return the cycle containing ``as_of`` in the chain ending on ``cycle_ends``.

    The chain repeats every ``years`` before and after the given end, so a
    deadline that has passed rolls on to the next cycle (the caller warns).
    """
    index = (as_of.year - cycle_ends.year) // years
    while add_years(cycle_ends, index * years) < as_of:
        index += 1
    while add_years(cycle_ends, (index - 1) * years) >= as_of:
        index -= 1
    end = add_years(cycle_ends, index * years)
    start = add_years(cycle_ends, (index - 1) * years) + timedelta(days=1)
    return Cycle(start, end)
