"""``cle serve``: browse the catalog in Datasette, read-only, with feeds.

The database is always published under the name ``catalog``, whatever its file
is called, so the URLs a paralegal bookmarks or subscribes to never change:

- ``/catalog/courses`` the courses table (search box, facets, soonest first)
- ``/catalog/search?q=WORDS`` full-text search
- ``/catalog/free_ethics`` free ethics courses, upcoming or on demand
- ``/catalog/courses_by_practice_area?practice_area=AREA``
- ``/catalog/calendar.ics`` calendar of upcoming live sessions
- ``/catalog/new_courses.atom`` Atom feed of newly added courses
- ``/catalog/catalog_changes.atom`` Atom feed of what each night changed

Datasette 0.65 opens a mutable database with read-only connections
(``mode=ro``) and runs no write SQL except canned queries marked ``write``;
:func:`load_metadata` refuses those and the ``read_only`` plugin answers 405 to
anything but GET, HEAD and OPTIONS, so nothing served can change the catalog,
while the nightly refresh may still write to it (not ``-i`` immutable mode).

Read-only SQL is open to whoever reaches the server; on a host other than
loopback ``cle serve`` says so in one warning line, and ``--public`` serves
without it (:data:`PUBLIC_SETTINGS`: no arbitrary SQL, no database download).
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from pathlib import Path

import click
import yaml

from catalog.cliutil import CleError, ProfileFile, db_option, open_catalog, wiring
from catalog.paths import default_db_path

DATASETTE_DIR = Path(__file__).resolve().parent / "datasette"
METADATA_PATH = DATASETTE_DIR / "metadata.yml"
PLUGINS_DIR = DATASETTE_DIR / "plugins"
TEMPLATES_DIR = DATASETTE_DIR / "templates"

#: The name (and first URL segment) the catalog is published under.
DATABASE_NAME = "catalog"

#: Datasette settings: read-only SQL is allowed, within a time limit.
SETTINGS = {
    "default_allow_sql": True,
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 500,
    "default_facet_size": 20,
    "max_returned_rows": 1000,
    "suggest_facets": False,
}

#: What ``cle serve`` prints: label -> path under the server root.
PAGES = {
    "Courses table": f"/{DATABASE_NAME}/courses",
    "Search": f"/{DATABASE_NAME}/search?q=ethics",
    "Free ethics courses": f"/{DATABASE_NAME}/free_ethics",
    "Courses by practice area": f"/{DATABASE_NAME}/courses_by_practice_area",
    "Calendar (ICS)": f"/{DATABASE_NAME}/calendar.ics",
    "New courses (Atom)": f"/{DATABASE_NAME}/new_courses.atom",
    "Catalog changes (Atom)": f"/{DATABASE_NAME}/catalog_changes.atom",
}


def load_metadata(path: Path = METADATA_PATH) -> dict:
    """Read the Datasette metadata, refusing any canned query that writes.

    :param path: the metadata YAML file
    :return: the metadata as a dict, in the Datasette 0.65 format
    """
    try:
        metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CleError(f"cannot read Datasette metadata {path}: {exc}") from None
    if not isinstance(metadata, dict):
        raise CleError(f"{path} should hold a YAML mapping (title:, databases:, ...)")
    for name, database in (metadata.get("databases") or {}).items():
        for query_name, query in (database.get("queries") or {}).items():
            if isinstance(query, dict) and query.get("write"):
                raise CleError(
                    f"{path}: canned query {name}/{query_name} writes; "
                    "the catalog is served read-only, remove 'write: true'"
                )
    return metadata


#: ``--public``: no arbitrary SQL (Datasette's ``default_allow_sql`` off, so
#: the execute-sql permission is denied) and no download of the database file;
#: tables, facets, search, canned queries and feeds work as before.
PUBLIC_SETTINGS = {**SETTINGS, "default_allow_sql": False, "allow_download": False}


def is_loopback(host: str) -> bool:
    """True when ``host`` is reachable only from this machine (127.0.0.1, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: assume others can reach it


def build_datasette(
    db_path: Path,
    *,
    metadata: dict | None = None,
    public: bool = False,
    pages: tuple = (),
):
    """Create the Datasette app for one catalog file, published as ``catalog``.

    :param db_path: the catalog SQLite file (must exist)
    :param metadata: metadata dict; default: :func:`load_metadata`
    :param public: serve without arbitrary SQL (:data:`PUBLIC_SETTINGS`)
    :param pages: more pages (the composition root's paralegal page for
        ``--profile``), each with ``register()``, which adds its Datasette hooks
        for the instance built next, ``datasette`` (that instance) after, and
        ``warm()``, which prepares its content in the background
    :return: a ``datasette.app.Datasette`` (not yet started)
    """
    from datasette.app import Datasette
    from datasette.database import Database

    for page in pages:
        page.register()
    datasette = Datasette(
        [str(db_path)],
        metadata=metadata if metadata is not None else load_metadata(),
        plugins_dir=str(PLUGINS_DIR) if PLUGINS_DIR.is_dir() else None,
        template_dir=str(TEMPLATES_DIR) if TEMPLATES_DIR.is_dir() else None,
        settings=PUBLIC_SETTINGS if public else SETTINGS,
    )
    added = [n for n, d in datasette.databases.items() if d.path is not None]
    if added != [DATABASE_NAME]:
        for name in added:
            datasette.remove_database(name)
        datasette.add_database(
            Database(datasette, path=str(db_path), is_mutable=True),
            name=DATABASE_NAME,
        )
    for page in pages:
        if page.datasette is not datasette:
            raise CleError("another server claimed the profile page; start again")
    return datasette


#: What ``cle serve --profile`` prints first.
MY_PAGES = {"My CLE": "/-/my-cle", "My plan (ICS)": "/-/my-cle/plan.ics"}


def page_urls(host: str, port: int, pages: dict | None = None) -> dict[str, str]:
    """The URLs a paralegal uses, for a server on ``host:port``."""
    shown = f"[{host}]" if ":" in host else host
    return {
        label: f"http://{shown}:{port}{path}"
        for label, path in (PAGES if pages is None else pages).items()
    }


def _check_port_free(host: str, port: int) -> None:
    """Fail in one line, before Datasette starts, when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CleError(
                    f"port {port} on {host} is already in use; pick another with --port"
                ) from None
            raise CleError(f"cannot listen on {host}:{port} ({exc.strerror})") from None


@click.command()
@click.option(
    "-p",
    "--port",
    type=click.IntRange(1, 65535),
    default=8001,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (0.0.0.0 to share on your network).",
)
@click.option(
    "--public",
    is_flag=True,
    help="No arbitrary SQL and no database download: only the pages, "
    "canned queries and feeds (for a --host others can reach).",
)
@click.option(
    "--profile",
    "profile_path",
    type=ProfileFile(),
    default=None,
    help="Your profile (TOML): adds your own page at /-/my-cle (status, "
    "recommendations, plan) and /-/my-cle/plan.ics.",
)
@db_option
def serve(
    port: int, host: str, public: bool, profile_path: Path | None, db_path: Path | None
):
    """Browse the catalog in Datasette: search, facets, calendar and Atom feeds.

    The catalog is served read-only and keeps its URLs whatever the file is
    called (/catalog/courses, /catalog/calendar.ics, ...). The nightly
    refresh can keep writing to it while it is served.

    \b
    Example:
      cle serve --port 8001
      cle serve --host 0.0.0.0 --public   # for web calendars: no SQL box
      cle serve --profile me.toml         # and your own page at /-/my-cle
    """
    import uvicorn

    path = Path(db_path) if db_path else default_db_path()
    open_catalog(path, must_exist=True).close()
    _check_port_free(host, port)
    if not is_loopback(host) and not public:
        click.echo(
            f"Warning: on {host} anyone on the network can run read-only SQL on "
            "the catalog; add --public to serve only its pages and feeds.",
            err=True,
        )
    pages = ()
    if profile_path is not None:
        make_pages = wiring().profile_pages
        if make_pages is None:
            raise CleError("this cle has no profile page; run 'cle serve' alone")
        pages = (make_pages(profile_path, path),)
    datasette = build_datasette(path, public=public, pages=pages)
    for page in pages:
        page.warm()  # the paralegal's report, computed before the first visit
    click.echo(f"Serving the CLE catalog {path} at http://{host}:{port}/")
    urls = page_urls(host, port)
    if pages:
        urls = {**page_urls(host, port, MY_PAGES), **urls}
    for label, url in urls.items():
        click.echo(f"  {label + ':':<26} {url}")
    click.echo("Press Ctrl+C to stop.")
    uvicorn.run(
        datasette.app(), host=host, port=port, log_level="warning", lifespan="on"
    )
