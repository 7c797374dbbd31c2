"""Click's own words (Usage, Options, Error: …) in Vietnamese, like the rest
of the `kiosk` command.

Click translates through the standard library's gettext with the process
locale, which on a venue laptop is usually C or English. So the catalogue
(translations/vi/LC_MESSAGES/click.po) is compiled in memory and bound to
Click's modules directly: the command speaks Vietnamese whatever LANG says.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import click

CATALOGUE = Path(__file__).parent / "translations" / "vi" / "LC_MESSAGES" / "click.po"
# The modules of Click whose messages reach a person at the terminal.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def vietnamese() -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po, locale="vi")
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def speak_vietnamese() -> None:
    import importlib

    words = vietnamese()
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = words.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = words.ngettext


class KioskCommand(click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


class KioskGroup(click.Group):
    """Every command and sub-group made under it says "[TÙY CHỌN]" and "LỆNH"."""

    command_class = KioskCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)


KioskGroup.group_class = KioskGroup
