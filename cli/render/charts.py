"""Charts: stacked bars, one fixed colour per pillar, laid out once and drawn as SVG (PDF) or PNG (DOCX).

The layout is a list of rectangles, lines and texts in points; `render_svg` writes them as SVG text and
`render_png` paints them with Pillow, so both formats show the same chart. Two bar charts do not need a
plotting library: matplotlib took longer to import than the whole Word file may take to render.
"""
from __future__ import annotations

import functools
import io
import math
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..report.context import Chart, Style
from .branding import font_names

WIDTH_PT = 453.6  # 6.3 in
HEIGHT_PT = 208.8  # 2.9 in
PNG_DPI = 160
TEXT = "#333333"
GRID = "#DDDDDD"
AXIS = "#999999"
FONT_SIZE = 7.5
ASCENT = 0.72  # cap height of Arial-like faces, as a share of the font size
LABEL_WIDTH = 14  # characters per line of a category label
FALLBACK_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf")


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str
    edge: str | None = None


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float


@dataclass(frozen=True)
class Text:
    """One line of text; (x, y) is the anchor point, on the baseline unless `hang` puts it at the cap top."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "middle"  # start | middle | end
    rotate: float = 0.0  # degrees, counter-clockwise, about (x, y)
    hang: bool = False


def _step(limit: float) -> int:
    """A round whole step that cuts 0..limit into at most nine intervals."""
    magnitude = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            step = factor * magnitude
            if step == int(step) and limit / step <= 9:
                return int(step)
        magnitude *= 10


def layout(chart: Chart) -> list[Box | Line | Text]:
    """The chart's shapes in points, origin top left, on a WIDTH_PT × HEIGHT_PT canvas."""
    count = len(chart.categories)
    totals = [sum(series.values[i] for series in chart.series) for i in range(count)]
    rotate = count > 12
    left, right = 0.085 * WIDTH_PT, 0.83 * WIDTH_PT
    top, bottom = 0.05 * HEIGHT_PT, (0.81 if rotate else 0.84) * HEIGHT_PT
    limit = max(max(totals, default=0) * 1.15, 1)
    step = _step(limit)

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / limit

    shapes: list[Box | Line | Text] = []
    for tick in range(0, int(limit) + 1, step):
        y = y_of(tick)
        shapes.append(Line(left, y, right, y, GRID, 0.6))
        shapes.append(Text(left - 4, y + FONT_SIZE * ASCENT / 2, str(tick), FONT_SIZE, "end"))
    slot = (right - left) / max(count, 1)
    width = slot * (0.62 if count > 3 else 0.45)
    for i, category in enumerate(chart.categories):
        centre = left + slot * (i + 0.5)
        base = 0
        for series in chart.series:
            value = series.values[i]
            if value:
                shapes.append(Box(centre - width / 2, y_of(base + value), width, y_of(base) - y_of(base + value),
                                  series.colour, "#FFFFFF"))
            base += value
        if totals[i]:
            shapes.append(Text(centre, y_of(totals[i]) - 2.5, str(totals[i]), FONT_SIZE))
        if rotate:
            shapes.append(Text(centre, bottom + 4, category, FONT_SIZE, "end", rotate=45, hang=True))
        else:
            for n, part in enumerate(textwrap.wrap(category, LABEL_WIDTH) or [""]):
                shapes.append(Text(centre, bottom + 4 + n * FONT_SIZE * 1.2, part, FONT_SIZE, hang=True))
    shapes.append(Line(left, bottom, right, bottom, AXIS, 0.8))
    shapes.append(Text(left - 26, (top + bottom) / 2, "Activities", 8, rotate=90))
    for n, series in enumerate(chart.series):
        y = top + n * FONT_SIZE * 1.75
        shapes.append(Box(right + 8, y, FONT_SIZE, FONT_SIZE, series.colour))
        shapes.append(Text(right + 8 + FONT_SIZE * 1.8, y + FONT_SIZE * ASCENT + 0.5, series.label, FONT_SIZE,
                           "start"))
    return shapes


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def render_svg(chart: Chart, style: Style) -> bytes:
    """The chart as SVG text; the same numbers give the same bytes."""
    family = ", ".join([*(repr(name) for name in font_names(style.font_family)), "'DejaVu Sans'", "sans-serif"])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_number(WIDTH_PT)}pt" height="{_number(HEIGHT_PT)}pt" '
           f'viewBox="0 0 {_number(WIDTH_PT)} {_number(HEIGHT_PT)}" font-family={quoteattr(family)}>',
           f"<title>{escape(chart.title)}</title>"]
    for shape in layout(chart):
        if isinstance(shape, Box):
            edge = f' stroke="{shape.edge}" stroke-width="0.6"' if shape.edge else ""
            out.append(f'<rect x="{_number(shape.x)}" y="{_number(shape.y)}" width="{_number(shape.width)}" '
                       f'height="{_number(shape.height)}" fill="{shape.fill}"{edge}/>')
        elif isinstance(shape, Line):
            out.append(f'<line x1="{_number(shape.x1)}" y1="{_number(shape.y1)}" x2="{_number(shape.x2)}" '
                       f'y2="{_number(shape.y2)}" stroke="{shape.colour}" stroke-width="{_number(shape.width)}"/>')
        else:
            y = shape.y + (shape.size * ASCENT if shape.hang else 0)
            turn = (f' transform="rotate({_number(-shape.rotate)} {_number(shape.x)} {_number(shape.y)})"'
                    if shape.rotate else "")
            out.append(f'<text x="{_number(shape.x)}" y="{_number(y)}" font-size="{_number(shape.size)}" '
                       f'fill="{TEXT}" text-anchor="{shape.anchor}"{turn}>{escape(shape.text)}</text>')
    out.append("</svg>")
    return "\n".join(out).encode("utf-8")


@functools.lru_cache(maxsize=8)
def _font_file(font_family: str) -> str | None:
    """The file of the first font of the family list that fontconfig knows, else DejaVu Sans, else None."""
    if shutil.which("fc-match"):
        for name in font_names(font_family):
            found = subprocess.run(["fc-match", "-f", "%{file}\n%{family}", name], capture_output=True, text=True,
                                   check=False).stdout.splitlines()
            if len(found) == 2 and Path(found[0]).is_file() and _same_or_metric(name, found[1]):
                return found[0]
    return next((path for path in FALLBACK_FONTS if Path(path).is_file()), None)


def _same_or_metric(asked: str, family: str) -> bool:
    """fontconfig answers every request with something; accept it only when it is the font asked for or a
    metric-compatible stand-in (Liberation for Arial, Times New Roman, Courier New)."""
    asked, family = asked.lower(), family.lower()
    return asked in family or family.startswith("liberation")


def png_size() -> tuple[int, int]:
    """Width and height in pixels of every chart's PNG."""
    return round(WIDTH_PT * PNG_DPI / 72), round(HEIGHT_PT * PNG_DPI / 72)


def render_png(chart: Chart, style: Style) -> bytes:
    """The chart as a PNG image for Word, at PNG_DPI; the same numbers give the same bytes."""
    from PIL import Image, ImageDraw, ImageFont

    scale = PNG_DPI / 72
    # transparent, as the SVG is: the page (and a DRAFT watermark) shows through
    image = Image.new("RGBA", png_size(), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    font_file = _font_file(style.font_family)

    @functools.lru_cache(maxsize=4)
    def font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        pixels = round(size * scale)
        return ImageFont.truetype(font_file, pixels) if font_file else ImageFont.load_default(pixels)

    anchors = {"start": "l", "middle": "m", "end": "r"}
    for shape in layout(chart):
        if isinstance(shape, Box):
            box = [shape.x * scale, shape.y * scale, (shape.x + shape.width) * scale, (shape.y + shape.height) * scale]
            draw.rectangle(box, fill=shape.fill, outline=shape.edge, width=1 if shape.edge else 0)
        elif isinstance(shape, Line):
            draw.line([shape.x1 * scale, shape.y1 * scale, shape.x2 * scale, shape.y2 * scale], fill=shape.colour,
                      width=max(1, round(shape.width * scale)))
        elif not shape.rotate:
            y = shape.y + (shape.size * ASCENT if shape.hang else 0)
            draw.text((shape.x * scale, y * scale), shape.text, font=font(shape.size), fill=TEXT,
                      anchor=anchors[shape.anchor] + "s")
        else:
            # Drawn on a square tile with the anchor at its centre, turned about the centre, then laid on.
            face = font(shape.size)
            side = 2 * math.ceil(draw.textlength(shape.text, font=face) + shape.size * scale * 2)
            tile = Image.new("L", (side, side), 0)
            y = side / 2 + (shape.size * ASCENT * scale if shape.hang else 0)
            ImageDraw.Draw(tile).text((side / 2, y), shape.text, font=face, fill=255,
                                      anchor=anchors[shape.anchor] + "s")
            tile = tile.rotate(shape.rotate, resample=Image.Resampling.BICUBIC, center=(side / 2, side / 2))
            ink = Image.new("RGBA", (side, side), TEXT)
            image.paste(ink, (round(shape.x * scale - side / 2), round(shape.y * scale - side / 2)), tile)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3)  # zlib's default level took half the chart's time, for 30% less
    return buffer.getvalue()
