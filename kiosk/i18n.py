"""Language choice and the formats of DOMAIN.md: dd/mm/yyyy, Asia/Ho_Chi_Minh,
"1.000.000 đ". Source strings are Vietnamese; English is a catalogue."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app, request, session

VENUE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def select_locale() -> str:
    chosen = request.args.get("lang")
    languages = current_app.config["KIOSK_LANGUAGES"]
    if chosen in languages:
        session["lang"] = chosen
    return session.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]


def format_money(amount: int | None) -> str:
    """1000000 -> "1.000.000 đ"."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " đ"


def format_date(value: date | datetime | None, tz: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(tz) if tz else VENUE_TZ)
    return value.strftime("%d/%m/%Y")


def format_time(value: datetime | None, tz: str | None = None) -> str:
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(tz) if tz else VENUE_TZ).strftime("%H:%M")


def compile_catalogues(folder: Path) -> None:
    """Compile each .po beside it into the .mo gettext reads, when the .mo is
    missing or older, so a fresh checkout speaks English without a build step."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in folder.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
