"""Noto Sans for every PDF: reportlab's built-in fonts have no Vietnamese glyphs.

The TTF files are copied from npm into static/vendor/fonts/ by `npm ci`;
KIOSK_FONT_DIR points at another folder holding the same four files."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"

FONT_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}
DEFAULT_FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "fonts"

MUTED = colors.HexColor("#555555")


class FontsMissingError(RuntimeError):
    pass


_lock = threading.Lock()
_registered = False


def font_dir() -> Path:
    return Path(os.environ.get("KIOSK_FONT_DIR") or DEFAULT_FONT_DIR)


def register_fonts() -> None:
    """Register the four faces and their family (so <b> and <i> work in
    Paragraphs) with reportlab, once per process."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = font_dir()
        missing = [name for name in FONT_FILES.values() if not (folder / name).is_file()]
        if missing:
            raise FontsMissingError(
                f"Font files missing from {folder}: {', '.join(missing)}. "
                f"They come from npm: run `npm ci` in {DEFAULT_FONT_DIR.parents[2]} "
                "(or set KIOSK_FONT_DIR to a folder holding them)."
            )
        for name, filename in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        _registered = True


def paragraph_style(name: str, size: float = 10, *, bold=False, italic=False, **attrs) -> ParagraphStyle:
    """A ParagraphStyle in Noto Sans; other ParagraphStyle attributes pass through."""
    register_fonts()
    face = {(False, False): REGULAR, (True, False): BOLD, (False, True): ITALIC, (True, True): BOLD_ITALIC}
    attrs.setdefault("leading", size * 1.3)
    return ParagraphStyle(name, fontName=face[bold, italic], fontSize=size, **attrs)


def stylesheet() -> StyleSheet1:
    """The styles the documents share; a fresh sheet each call, so callers may tweak it."""
    sheet = StyleSheet1()
    for style in (
        paragraph_style("Body", 10.5, spaceAfter=3),
        paragraph_style("Muted", 9.5, italic=True, textColor=MUTED),
        paragraph_style("Agency", 11, bold=True, alignment=TA_CENTER),
        paragraph_style("DocTitle", 17, bold=True, alignment=TA_CENTER, spaceBefore=12, spaceAfter=4),
        paragraph_style("Subtitle", 12.5, bold=True, alignment=TA_CENTER, spaceAfter=3),
        paragraph_style("Place", 10, italic=True, alignment=TA_CENTER, spaceAfter=12),
        paragraph_style("Heading", 12.5, bold=True, keepWithNext=1, spaceBefore=12, spaceAfter=2),
        paragraph_style("Meta", 9.5, textColor=MUTED, keepWithNext=1, spaceAfter=4),
        paragraph_style("Script", 12, leading=17, leftIndent=10, spaceBefore=2, spaceAfter=6),
        paragraph_style("Cell", 9.5),
        paragraph_style("CellCenter", 9.5, alignment=TA_CENTER),
        paragraph_style("CellMuted", 8.5, italic=True, textColor=MUTED),
        paragraph_style("CellHead", 9, bold=True, alignment=TA_CENTER),
    ):
        sheet.add(style)
    return sheet
