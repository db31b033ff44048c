"""Charts drawn with matplotlib (Agg): stacked bars, one fixed colour per pillar; deterministic SVG and PNG."""
from __future__ import annotations

import io
import textwrap

from ..report.context import Chart, Style
from .branding import font_names

WIDTH_IN = 6.3
HEIGHT_IN = 2.9
PNG_DPI = 160


def _settings(style: Style, extra: dict[str, object]) -> dict[str, object]:
    fonts = font_names(style.font_family) + ["DejaVu Sans"]
    return {"font.family": "sans-serif", "font.sans-serif": fonts, "savefig.facecolor": "none",
            "axes.facecolor": "none", **extra}


def _draw(chart: Chart, style: Style, fmt: str, extra: dict[str, object], **save: object) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    buffer = io.BytesIO()
    with matplotlib.rc_context(_settings(style, extra)):
        figure = _figure(chart)
        figure.savefig(buffer, format=fmt, **save)
    return buffer.getvalue()


def _figure(chart: Chart):  # noqa: ANN202 - matplotlib types stay inside this module
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN))
    axes = figure.add_subplot(1, 1, 1)
    positions = list(range(len(chart.categories)))
    bottoms = [0] * len(positions)
    width = 0.62 if len(positions) > 3 else 0.45
    for series in chart.series:
        axes.bar(positions, series.values, width, bottom=bottoms, color=series.colour, label=series.label,
                 edgecolor="white", linewidth=0.6, zorder=3)
        bottoms = [b + v for b, v in zip(bottoms, series.values)]
    for x, total in zip(positions, bottoms):
        if total:
            axes.annotate(str(total), (x, total), xytext=(0, 2), textcoords="offset points", ha="center",
                          va="bottom", fontsize=7.5, color="#333333")
    axes.set_xticks(positions)
    labels = [textwrap.fill(c, 14) for c in chart.categories]
    rotate = len(positions) > 12
    axes.set_xticklabels(labels, fontsize=7.5, rotation=45 if rotate else 0, ha="right" if rotate else "center")
    axes.tick_params(axis="y", labelsize=7.5, length=0)
    axes.tick_params(axis="x", length=0)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylim(0, max(max(bottoms, default=0) * 1.15, 1))
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.6, zorder=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color("#999999")
    axes.set_ylabel("Activities", fontsize=8, color="#333333")
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=7.5,
                handlelength=1.0, handleheight=1.0)
    figure.subplots_adjust(left=0.085, right=0.83, top=0.95, bottom=0.19 if rotate else 0.16)
    return figure


def render_svg(chart: Chart, style: Style) -> bytes:
    """The chart as SVG text; the same numbers give the same bytes."""
    extra = {"svg.hashsalt": f"iisg-{chart.key}", "svg.fonttype": "none"}
    return _draw(chart, style, "svg", extra, metadata={"Date": None, "Creator": None})


def render_png(chart: Chart, style: Style) -> bytes:
    """The chart as a PNG image for Word."""
    return _draw(chart, style, "png", {}, dpi=PNG_DPI, metadata={"Software": None})
