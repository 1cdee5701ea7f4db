"""Publish listings as a recreated The Events Calendar (TEC) site and serve it locally.

Imitates WordPress + The Events Calendar 6.x: the REST list
``/wp-json/tribe/events/v1/events?page=N`` (``events``, ``rest_url``,
``next_rest_url``, ``total``, ``total_pages``) and the iCalendar export
``/events/?ical=1`` (PRODID with ``ECPv6``). Field names and shapes follow the
notes in research/providers.md section 7. Assumptions, since no live site was
fetched: credits and presenters are in the description HTML (TEC has no credit
field); members' and non-members' prices are the two ``cost_details.values``;
practice areas are event categories; the format is a tag.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REST_PATH = "/wp-json/tribe/events/v1/events"
ICS_PATH = "/events/"
SITE_NAME = "Bench Paralegal Association"
FIRST_EVENT_ID = 10001


def write_site(
    records: list[dict], folder: Path, base_url: str, per_page: int = 50
) -> int:
    """Write the REST pages and the ICS export for dated records; return page count."""
    folder.mkdir(parents=True, exist_ok=True)
    events = [r for r in records if r.get("starts_at")]
    total_pages = max(1, -(-len(events) // per_page))
    for page in range(1, total_pages + 1):
        chunk = events[(page - 1) * per_page : page * per_page]
        first = FIRST_EVENT_ID + (page - 1) * per_page
        body = {
            "events": [tec_event(r, first + i, base_url) for i, r in enumerate(chunk)],
            "rest_url": _rest_url(base_url, page, per_page),
            "total": len(events),
            "total_pages": total_pages,
        }
        if page < total_pages:
            body["next_rest_url"] = _rest_url(base_url, page + 1, per_page)
        if page > 1:
            body["previous_rest_url"] = _rest_url(base_url, page - 1, per_page)
        (folder / f"page-{page:05d}.json").write_text(
            json.dumps(body), encoding="utf-8"
        )
    (folder / "events.ics").write_bytes(ics_calendar(events, base_url).encode("utf-8"))
    return total_pages


def _rest_url(base_url: str, page: int, per_page: int) -> str:
    return f"{base_url}{REST_PATH}/?per_page={per_page}&page={page}"


def tec_event(record: dict, event_id: int, base_url: str) -> dict:
    """One record in the shape of a TEC REST ``events[]`` entry."""
    starts = datetime.fromisoformat(record["starts_at"])
    ends = datetime.fromisoformat(record["ends_at"])
    slug = record["id"].split(":", 1)[1]
    url = f"{base_url}/event/{slug}/"
    cost, values = _cost(record)
    return {
        "id": event_id,
        "global_id": f"{urlsplit(base_url).netloc}?id={event_id}",
        "author": "1",
        "status": "publish",
        "date": "2026-10-01 09:00:00",
        "modified": "2026-11-01 09:00:00",
        "url": url,
        "rest_url": f"{base_url}{REST_PATH}/{event_id}",
        "title": _html_text(record["title"]),
        "description": _description_html(record),
        "excerpt": f"<p>{_html_text(record.get('description', '')[:140])}</p>",
        "slug": slug,
        "image": False,
        "all_day": False,
        "start_date": f"{starts:%Y-%m-%d %H:%M:%S}",
        "start_date_details": _details(starts),
        "end_date": f"{ends:%Y-%m-%d %H:%M:%S}",
        "end_date_details": _details(ends),
        "utc_start_date": f"{starts.astimezone(UTC):%Y-%m-%d %H:%M:%S}",
        "utc_start_date_details": _details(starts.astimezone(UTC)),
        "utc_end_date": f"{ends.astimezone(UTC):%Y-%m-%d %H:%M:%S}",
        "utc_end_date_details": _details(ends.astimezone(UTC)),
        "timezone": record["timezone"],
        "timezone_abbr": starts.tzname(),
        "cost": cost,
        "cost_details": {
            "currency_symbol": "$",
            "currency_code": "USD",
            "currency_position": "prefix",
            "values": values,
        },
        "website": "",
        "show_map": True,
        "hide_from_listings": False,
        "featured": False,
        "categories": [
            _term(area, i) for i, area in enumerate(record["practice_areas"])
        ],
        "tags": [_term(record["format"].replace("_", " "), 90, "post_tag")],
        "venue": _venue(record),
        "organizer": [{"id": 42, "organizer": SITE_NAME, "email": "cle@example.org"}],
    }


def _details(moment: datetime) -> dict:
    return {
        "year": f"{moment.year}",
        "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}",
        "hour": f"{moment.hour:02d}",
        "minutes": f"{moment.minute:02d}",
        "seconds": f"{moment.second:02d}",
    }


def _cost(record: dict) -> tuple[str, list[str]]:
    price = record.get("price_usd") or 0
    member = record.get("member_price_usd")
    if not price:
        return "Free", ["0"]
    if member is None:
        return f"${price:g}", [f"{price:g}"]
    # TEC shows a range (en dash) when the tickets have several prices.
    return f"${member:g} \u2013 ${price:g}", [f"{member:g}", f"{price:g}"]


def _term(name: str, index: int, taxonomy: str = "tribe_events_cat") -> dict:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return {
        "id": 200 + index,
        "name": name.title(),
        "slug": slug,
        "taxonomy": taxonomy,
        "parent": 0,
    }


def _venue(record: dict) -> dict | list:
    if record.get("location", "Online") == "Online":
        return {"id": 7, "venue": "Online", "address": "", "city": "", "state": ""}
    city, _, state = record["location"].partition(", ")
    return {
        "id": 8,
        "venue": f"{city} Convention Center",
        "address": "100 Main St",
        "city": city,
        "state": state,
        "stateprovince": state,
        "country": "United States",
    }


def _description_html(record: dict) -> str:
    parts = [f"<p>{_html_text(record.get('description', ''))}</p>"]
    if record.get("credit_text"):
        parts.append(
            f"<p><strong>CLE credit:</strong> {_html_text(record['credit_text'])}</p>"
        )
    if record.get("presenters"):
        names = ", ".join(record["presenters"])
        parts.append(f"<p><strong>Presenter:</strong> {_html_text(names)}</p>")
    parts.append(
        f"<p><strong>Price:</strong> {_html_text(record.get('price_text', ''))}</p>"
    )
    return "\n".join(parts)


def _html_text(text: str) -> str:
    return text.replace("&", "&#038;").replace("<", "&lt;").replace("'", "&#8217;")


# -- iCalendar --------------------------------------------------------------------


def ics_calendar(events: list[dict], base_url: str) -> str:
    """The ``?ical=1`` export: VCALENDAR with one VEVENT per dated record (CRLF)."""
    host = urlsplit(base_url).netloc
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{SITE_NAME} - ECPv6.8.1//NONSGML v1.0//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{SITE_NAME}",
        f"X-ORIGINAL-URL:{base_url}",
        f"X-WR-CALDESC:Events for {SITE_NAME}",
    ]
    for index, record in enumerate(events):
        starts = datetime.fromisoformat(record["starts_at"])
        ends = datetime.fromisoformat(record["ends_at"])
        zone = record["timezone"]
        slug = record["id"].split(":", 1)[1]
        lines += [
            "BEGIN:VEVENT",
            f"DTSTART;TZID={zone}:{starts:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={zone}:{ends:%Y%m%dT%H%M%S}",
            "DTSTAMP:20261127T000000",
            "CREATED:20261001T090000Z",
            "LAST-MODIFIED:20261101T090000Z",
            f"UID:{FIRST_EVENT_ID + index}-{int(starts.timestamp())}-"
            f"{int(ends.timestamp())}@{host}",
            f"SUMMARY:{_ics_text(record['title'])}",
            f"DESCRIPTION:{_ics_text(_plain_description(record))}",
            f"URL:{base_url}/event/{slug}/",
            f"LOCATION:{_ics_text(record.get('location', ''))}",
            "CATEGORIES:"
            + ",".join(_ics_text(a.title()) for a in record["practice_areas"]),
            f'ORGANIZER;CN="{SITE_NAME}":MAILTO:cle@example.org',
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _plain_description(record: dict) -> str:
    parts = [
        record.get("description", ""),
        record.get("credit_text", ""),
        "Price: " + record.get("price_text", ""),
    ]
    return "\n".join(p for p in parts if p)


def _ics_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _fold(line: str, limit: int = 75) -> str:
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line
    pieces, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (limit if not pieces else limit - 1):
            pieces.append(current.decode("utf-8"))
            current = b""
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


# -- serving ----------------------------------------------------------------------


class SiteHandler(BaseHTTPRequestHandler):
    """Answer TEC REST and ICS requests from the files :func:`write_site` wrote."""

    def __init__(self, *args, folder: Path, **kwargs):
        self.folder = folder
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 - http.server's naming
        """Serve ``REST_PATH[/]?page=N`` and ``/events/?ical=1``."""
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path.rstrip("/") == REST_PATH:
            page = query.get("page", ["1"])[0]
            file = self.folder / f"page-{int(page) if page.isdigit() else 0:05d}.json"
            return self._send(file, "application/json; charset=UTF-8")
        if parts.path == ICS_PATH and "ical" in query:
            return self._send(
                self.folder / "events.ics", "text/calendar; charset=utf-8"
            )
        return self._send(None, "")

    def _send(self, file: Path | None, content_type: str) -> None:
        if file is None or not file.exists():
            body = b'{"code":"rest_no_route","message":"No route was found."}'
            self.send_response(404)
            content_type = "application/json; charset=UTF-8"
        else:
            body = file.read_bytes()
            self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-TEC-API-ROOT", REST_PATH)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        """Stay quiet: thousands of requests would flood the benchmark output."""


def serve(folder: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 in a daemon thread; return (server, base URL)."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", port), partial(SiteHandler, folder=folder)
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
