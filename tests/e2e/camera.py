"""A fake camera for Chromium: a printed badge, rendered from its PDF, as the
Y4M video file Chromium's --use-file-for-fake-video-capture plays in a loop."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PIL import Image
from printing.delegates import BADGE_HEIGHT, BADGE_WIDTH, badge_origin
from reportlab.lib.pagesizes import A4

WIDTH, HEIGHT = 640, 480


def first_badge_image(pdf: bytes, scale: float = 4.0) -> Image.Image:
    """The first badge of the first page, cut out along its box."""
    page = pypdfium2.PdfDocument(pdf)[0].render(scale=scale).to_pil().convert("RGB")
    x, y = badge_origin(0)
    top = A4[1] - (y + BADGE_HEIGHT)  # PDF y grows upwards, images' downwards
    return page.crop((int(x * scale), int(top * scale), int((x + BADGE_WIDTH) * scale),
                      int((top + BADGE_HEIGHT) * scale)))


def write_y4m(image: Image.Image, path: Path, frames: int = 30) -> Path:
    """The image held in front of the camera, centred on a 640×480 frame."""
    frame = Image.new("RGB", (WIDTH, HEIGHT), "white")
    fitted = image.copy()
    fitted.thumbnail((WIDTH - 20, HEIGHT - 20))
    frame.paste(fitted, ((WIDTH - fitted.width) // 2, (HEIGHT - fitted.height) // 2))
    y, cb, cr = frame.convert("YCbCr").split()
    half = (WIDTH // 2, HEIGHT // 2)
    data = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + data)
    return path
