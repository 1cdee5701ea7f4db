"""The paralegal's own page beside the catalog: ``/-/my-cle`` and its plan calendar.

``cle serve --profile FILE`` adds :class:`MyClePages` to its Datasette
(DESIGN.md section 6): ``/-/my-cle`` shows each credential's progress and
deadline, the recommendations with their reasons and ``counts_toward``
verdicts, and the plan grouped by deadline; ``/-/my-cle/plan.ics`` is the
plan's scheduled sessions as an iCalendar feed. Both answer GET only (the
catalog's read-only wrapper refuses anything else) and write nothing. Without
``--profile`` nothing is registered and both paths are 404.

The page runs the same steps as ``cle status``, ``cle recommend`` and ``cle
plan`` (default horizon) and shows their JSON (:mod:`recommender.render`);
tests/catalog/test_pages.py checks it against the commands' own output.
The report is computed once per profile file, catalog version and day.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path

from datasette import hookimpl

from catalog.queries import catalog_fingerprint, connect_readonly
from catalog.timefmt import reader_zone
from recommender.my_cle_view import plan_calendar, view_of

PAGE_PATH = "/-/my-cle"
CALENDAR_PATH = "/-/my-cle/plan.ics"
TOP = 10


class ProfilePageError(Exception):
    """The profile or the catalog cannot be read; the message says what to fix."""


def build_report(profile_path: Path, db_path: Path, as_of: date) -> dict:
    """Status, recommendations and plan of one profile, as the CLI's JSON has them.

    :raises ProfilePageError: when the profile, the rules or the catalog are bad
    """
    from recommender.explain import reasons
    from recommender.needs import needs_from_statuses, unknown_needs
    from recommender.plan import plan as make_plan
    from recommender.render import pick_json, plan_to_json
    from recommender.service import open_listings, recommend
    from recommender.tracking.profile import ProfileError, load_profile
    from recommender.tracking.rules import RulesError, load_rules
    from recommender.tracking.status import compute_status

    try:
        rules = load_rules()
        profile = load_profile(profile_path, rules)
    except (ProfileError, RulesError, OSError) as exc:
        raise ProfilePageError(str(exc)) from None
    statuses = compute_status(profile, rules, as_of)
    try:
        catalog = open_listings(db_path, as_of)
    except sqlite3.DatabaseError as exc:
        raise ProfilePageError(f"{db_path} is not a usable catalog ({exc})") from None
    names = {status.credential: status.name for status in statuses}
    zone = reader_zone(getattr(profile, "timezone", None))
    picks, queries = recommend(profile, statuses, catalog, as_of, top=TOP)
    vocabulary = catalog.index.vocabulary
    recommendations = [
        pick_json(
            pick,
            reasons(pick, queries, vocabulary, as_of, tracked=bool(statuses),
                    names=names, zone=zone),
        )
        for pick in catalog.add_details(picks[:TOP])
    ]  # fmt: skip
    every, _ = recommend(profile, statuses, catalog, as_of)
    needs = needs_from_statuses(statuses)
    units = {need.credential: need.units for need in needs}
    result = make_plan(
        every, needs, as_of, units=units, unknown=unknown_needs(statuses)
    )
    catalog.add_details([candidate.pick for candidate in result.picks])
    planned = {
        course.candidate.pick.listing["id"]: (deadline, course.candidate.pick.listing)
        for deadline, group in result.groups()
        for course in group
    }
    plan = plan_to_json(result, as_of, names, zone)
    for course in plan["courses"]:
        due, listing = planned.get(course["id"], (None, {}))
        course["group_deadline"] = due.isoformat() if due else None
        course["ends_at"] = listing.get("ends_at")
        course["location"] = listing.get("location")
    return {
        "name": getattr(profile, "name", "") or "",
        "as_of": as_of.isoformat(),
        "zone": zone,
        "statuses": [
            {**status.to_json(), "labels": dict(status.labels)} for status in statuses
        ],
        "recommendations": recommendations,
        "plan": plan,
        "names": names,
    }


class MyClePages:
    """Datasette hooks serving one profile's page, for one Datasette instance.

    Datasette 0.65 keeps one plugin manager per process; the hooks answer only
    for the instance that claimed them, so two servers (or tests) in
    one process never see each other's profile.
    """

    def __init__(self, profile_path: Path, db_path: Path, today=None) -> None:
        self.__name__ = "cle-my-cle"  # Datasette's /-/plugins lists it by name
        self.profile_path = Path(profile_path)
        self.db_path = Path(db_path)
        self.today = today or date.today
        self.datasette = None
        self._cache: tuple[tuple, dict] | None = None
        self._lock = threading.Lock()

    def register(self) -> None:
        """Register these hooks; they answer for the next Datasette that is built.

        Datasette 0.65 asks for routes while it is being constructed, so the
        hooks are registered first and claim the instance whose routes are
        asked for first; every other instance gets nothing from them.
        """
        from datasette.plugins import pm

        pm.register(self, name=f"cle-my-cle-{id(self)}")

    def warm(self) -> threading.Thread:
        """Compute the report in the background, so the first visit is quick."""

        def compute():
            try:
                self.report()
            except ProfilePageError:
                pass  # the page itself will say what is wrong

        thread = threading.Thread(target=compute, name="cle-my-cle-warm", daemon=True)
        thread.start()
        return thread

    def _mine(self, datasette) -> bool:
        if self.datasette is None:
            self.datasette = datasette
        return datasette is self.datasette

    def check(self) -> None:
        """Load the profile and its rules once, so a bad file fails at start.

        :raises ProfilePageError: naming what to fix
        """
        from recommender.tracking.profile import ProfileError, load_profile
        from recommender.tracking.rules import RulesError, load_rules

        try:
            load_profile(self.profile_path, load_rules())
        except (ProfileError, RulesError, OSError) as exc:
            raise ProfilePageError(str(exc)) from None

    def _key(self, as_of: date) -> tuple:
        """What the cached report depends on: profile file, catalog, day."""
        try:
            stat = self.profile_path.stat()
            profile = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            profile = None
        try:
            connection = connect_readonly(self.db_path)
            try:
                catalog = tuple(sorted(catalog_fingerprint(connection).items()))
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            catalog = None
        return (profile, catalog, as_of)

    def report(self) -> dict:
        """The report as of today, computed again only when an input changed."""
        as_of = self.today()
        key = self._key(as_of)
        with self._lock:  # one computation at a time; the others wait for it
            if self._cache is None or self._cache[0] != key:
                report = build_report(self.profile_path, self.db_path, as_of)
                self._cache = (key, report)
            return self._cache[1]

    async def _report_or_error(self):
        try:
            return await asyncio.to_thread(self.report), None
        except ProfilePageError as exc:
            return None, str(exc)

    async def page(self, request, datasette):
        """``/-/my-cle``: status, recommendations and the plan, in HTML."""
        from datasette.utils.asgi import Response

        report, error = await self._report_or_error()
        context = {"error": error, "my": view_of(report) if report else None}
        html = await datasette.render_template("my_cle.html", context, request=request)
        return Response.html(html, status=200 if report else 500)

    async def calendar(self, request, datasette):
        """``/-/my-cle/plan.ics``: the plan's scheduled sessions."""
        from datasette.utils.asgi import Response

        report, error = await self._report_or_error()
        if report is None:
            return Response.text(f"{error}\n", status=500)
        stamp = datetime.now(UTC)
        body = plan_calendar(report, stamp)
        return Response(
            body,
            content_type="text/calendar; charset=utf-8",
            headers={"content-disposition": 'inline; filename="my-cle-plan.ics"'},
        )

    # -- Datasette hooks (answer only for the instance they claimed) --

    @hookimpl
    def register_routes(self, datasette):
        """The two paths of the page, for the claimed Datasette only."""
        if not self._mine(datasette):
            return None
        return [
            (f"^{re.escape(PAGE_PATH)}$", self.page),
            (f"^{re.escape(CALENDAR_PATH)}$", self.calendar),
        ]

    @hookimpl
    def menu_links(self, datasette, actor):
        """A "My CLE" link in the navigation menu."""
        if not self._mine(datasette):
            return None
        return [{"href": datasette.urls.path(PAGE_PATH), "label": "My CLE"}]

    @hookimpl
    def extra_template_vars(self, view_name, datasette):
        """Tell the landing page where the paralegal's page is."""
        if not self._mine(datasette) or view_name != "index":
            return None
        return {"cle_my_cle_path": datasette.urls.path(PAGE_PATH)}
