"""The service worker, served from the root so that its scope is the whole site."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, current_app, make_response

bp = Blueprint("offline", __name__)

# What the worker keeps on the tablet: every script, style sheet and vendored
# file (fonts included) the pages load. Source maps are for developers.
ASSET_FOLDERS = ("js", "css", "vendor")
# The pages a desk works on, kept for when the server is out of reach.
DESK_PAGES = [r"^/e/[^/]+/checkin$", r"^/e/[^/]+/gifts/desk$", r"^/e/[^/]+/awards/stage$", r"^/e/[^/]+/counters$",
              r"^/e/[^/]+/y-kien$"]


def asset_files(static: Path) -> list[Path]:
    return sorted(path for folder in ASSET_FOLDERS for path in (static / folder).rglob("*")
                  if path.is_file() and path.suffix != ".map")


@lru_cache(maxsize=8)
def worker_source(static: str, fingerprint: tuple) -> str:
    """sw.js with the asset list and a version that changes with any asset, so
    tablets fetch the new files when the kiosk is updated."""
    root = Path(static)
    digest = hashlib.sha256()
    for path in [root / "sw.js", *asset_files(root)]:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    config = {"version": digest.hexdigest()[:16],
              "assets": ["/static/" + str(p.relative_to(root)) for p in asset_files(root)],
              "pages": DESK_PAGES}
    return f"self.KIOSK = {json.dumps(config)};\n" + (root / "sw.js").read_text(encoding="utf-8")


@bp.route("/sw.js")
def service_worker():
    static = Path(current_app.static_folder)
    files = [static / "sw.js", *asset_files(static)]
    fingerprint = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    response = make_response(worker_source(str(static), fingerprint))
    response.headers["Content-Type"] = "application/javascript; charset=utf-8"
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response
