"""A diploma's link-preview card (Open Graph, Twitter): a 1200x630 PNG with the student's name,
their top pillars and total XP, drawn from the first view's document (optio.diplomas.service).

The text is Inter (fonts/, SIL Open Font License 1.1: fonts/OFL.txt), shipped with the package
rather than read from the system, so the same document gives the same bytes on any machine.
Pillow's own font (`ImageFont.load_default`) has no accented letters, which most names need;
Inter writes Latin (Vietnamese included), Greek and Cyrillic. A name in another script is left
off rather than drawn as boxes: the link's title, which the platform writes itself, carries it.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFont

from ..pillars import PILLARS

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TOP_PILLARS = 3

# The web app's colours (frontend/src/index.css, src/ui/pillars.ts): text on the indigo is
# white or indigo-100 (at least 5:1), and each pillar's colour is AA on white.
BRAND_800 = (55, 48, 163)
BRAND_600 = (79, 70, 229)
BRAND_100 = (224, 231, 255)
WHITE = (255, 255, 255)
SLATE_900 = (15, 23, 42)
SLATE_600 = (71, 85, 105)
SLATE_200 = (226, 232, 240)
PILLAR_COLOURS: Mapping[str, tuple[int, int, int]] = {
    "stem_logic": (29, 78, 216),
    "life_wellness": (4, 120, 87),
    "language_communication": (180, 83, 9),
    "society_culture": (126, 34, 206),
    "arts_creativity": (190, 18, 60),
}

Font = ImageFont.FreeTypeFont
FONTS = Path(__file__).with_name("fonts")


@functools.lru_cache(maxsize=32)
def _font(size: int, bold: bool = False) -> Font:
    return ImageFont.truetype(FONTS / ("Inter-Bold.otf" if bold else "Inter-Regular.otf"), size)


@functools.lru_cache(maxsize=1)
def _missing_glyph() -> bytes:
    return _glyph("\U000f0000")  # private use: no font has it, so this is the "no glyph" box


@functools.lru_cache(maxsize=4096)
def _glyph(char: str) -> bytes:
    font = _font(24, bold=True)
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((8, 8), char, font=font, fill=255)
    return image.tobytes()


def writable(text: str) -> bool:
    """Whether the card's font has a glyph for every character of `text`."""
    return all(c.isspace() or _glyph(c) != _missing_glyph() for c in text)


def initials(name: str) -> str:
    """The first letters of the first and last words: "Ana María López" -> "AL"."""
    words = name.split()
    if not words:
        return ""
    picked = [words[0], words[-1]] if len(words) > 1 else [words[0]]
    return "".join(w[0] for w in picked).upper()


def top_pillars(xp: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The pillars with the most XP (none without any), most first, ties in display order."""
    earned = [p for p in xp["pillars"] if p["xp"] > 0]
    order = list(PILLARS)
    earned.sort(key=lambda p: (-p["xp"], order.index(p["pillar"])))
    return earned[:TOP_PILLARS]


def render(diploma: Mapping[str, Any]) -> bytes:
    """The card of a diploma's first view (DiplomaPublic's fields) as PNG bytes."""
    image = _gradient().copy()
    draw = ImageDraw.Draw(image)
    name = unicodedata.normalize("NFC", " ".join(diploma["display_name"].split()))

    draw.text((MARGIN, 84), "OPTIO DIPLOMA", font=_font(26, bold=True), fill=BRAND_100, anchor="ls")
    if diploma.get("accredited"):
        _chip(draw, WIDTH - MARGIN, 52, "Accredited by Optio")
    _name(draw, name if name and writable(name) else "")
    _panel(draw, diploma["xp"])
    quests = diploma["totals"]["completed_quests"]
    footer = f"{quests:,} {'quest' if quests == 1 else 'quests'} completed"
    draw.text((MARGIN, HEIGHT - 40), footer, font=_font(28), fill=BRAND_100, anchor="ls")

    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


@functools.lru_cache(maxsize=1)
def _gradient() -> Image.Image:
    """Indigo-800 at the top left to indigo-600 at the bottom right."""
    down = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    across = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize((WIDTH, HEIGHT))
    ramp = ImageChops.add(down, ImageChops.invert(across), scale=2)
    dark = Image.new("RGB", (WIDTH, HEIGHT), BRAND_800)
    light = Image.new("RGB", (WIDTH, HEIGHT), BRAND_600)
    return Image.composite(light, dark, ramp)


def _chip(draw: ImageDraw.ImageDraw, right: int, top: int, text: str) -> None:
    """The Accredited mark, amber as on the page (amber-900 on amber-50: 9:1)."""
    font = _font(24, bold=True)
    box = (right - int(font.getlength(text)) - 44, top, right, top + 46)
    draw.rounded_rectangle(box, radius=23, fill=(255, 251, 235), outline=(251, 191, 36), width=2)
    draw.text((box[0] + 22, top + 23), text, font=font, fill=(120, 53, 15), anchor="lm")


def _name(draw: ImageDraw.ImageDraw, name: str) -> None:
    """The initials in a circle, and the name beside them as large as fits on one line."""
    centre_y, radius = 190, 62
    if not name:
        draw.text(
            (MARGIN, centre_y),
            "Skills earned on Optio",
            font=_font(68, bold=True),
            fill=WHITE,
            anchor="lm",
        )
        return
    draw.ellipse((MARGIN, centre_y - radius, MARGIN + 2 * radius, centre_y + radius), fill=WHITE)
    draw.text(
        (MARGIN + radius, centre_y),
        initials(name),
        font=_font(50, bold=True),
        fill=BRAND_800,
        anchor="mm",
    )
    left = MARGIN + 2 * radius + 36
    font, text = _fitted(name, WIDTH - MARGIN - left, sizes=(76, 68, 60, 52, 44), bold=True)
    draw.text((left, centre_y), text, font=font, fill=WHITE, anchor="lm")


def _fitted(text: str, room: int, sizes: tuple[int, ...], bold: bool) -> tuple[Font, str]:
    """The largest size at which `text` fits in `room` pixels, else the smallest, cut with '…'."""
    for size in sizes:
        font = _font(size, bold)
        if font.getlength(text) <= room:
            return font, text
    while text and font.getlength(text + "…") > room:
        text = text[:-1]
    return font, text.rstrip() + "…"


def _panel(draw: ImageDraw.ImageDraw, xp: Mapping[str, Any]) -> None:
    """A white panel: total XP on the left, the top pillars' XP as bars on the right."""
    top, bottom = 296, 548
    draw.rounded_rectangle((MARGIN, top, WIDTH - MARGIN, bottom), radius=24, fill=WHITE)
    left = MARGIN + 48
    font, total = _fitted(f"{xp['total']:,}", 310, sizes=(96, 80, 64, 48), bold=True)
    draw.text((left, top + 134), total, font=font, fill=BRAND_800, anchor="ls")
    draw.text((left, top + 184), "total XP", font=_font(32), fill=SLATE_600, anchor="ls")

    x0, x1 = 480, WIDTH - MARGIN - 48
    draw.text((x0, top + 62), "Top pillars", font=_font(26, bold=True), fill=SLATE_600, anchor="ls")
    pillars = top_pillars(xp)
    if not pillars:
        draw.text((x0, top + 128), "No XP yet", font=_font(32), fill=SLATE_900, anchor="ls")
        return
    most = pillars[0]["xp"]
    label = _font(28)
    for row, pillar in enumerate(pillars):
        y = top + 112 + row * 54
        draw.text((x0, y), pillar["name"], font=label, fill=SLATE_900, anchor="ls")
        draw.text((x1, y), f"{pillar['xp']:,} XP", font=label, fill=SLATE_900, anchor="rs")
        bar = (x0, y + 10, x1, y + 20)
        draw.rounded_rectangle(bar, radius=5, fill=SLATE_200)
        length = max(10, round((x1 - x0) * pillar["xp"] / most))
        colour = PILLAR_COLOURS.get(pillar["pillar"], SLATE_600)
        draw.rounded_rectangle((x0, y + 10, x0 + length, y + 20), radius=5, fill=colour)
