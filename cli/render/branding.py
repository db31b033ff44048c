"""Branding that Word keeps in its styles rather than in the text: the font and the accent colour."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..report.context import Style

if TYPE_CHECKING:
    from docx.document import Document

# The accent colour the shipped report.docx is drawn in; styles in this colour follow branding.accent_colour.
TEMPLATE_ACCENT = "1F3864"
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COLOUR_ATTRIBUTES = (f"{W}val", f"{W}color", f"{W}fill")


def font_names(font_family: str) -> list[str]:
    """The named fonts of a CSS font list, in order, without quotes and generic families."""
    names = [name.strip().strip("'\"") for name in font_family.split(",")]
    return [name for name in names if name and name.lower() not in GENERIC_FAMILIES]


def brand_word_styles(document: "Document", style: Style) -> None:
    """Give the Word file the first font of branding.font_family as its default font, and recolour the
    styles drawn in the template's accent colour with branding.accent_colour."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    names = font_names(style.font_family)
    if names:
        rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if rpr is not None:
            fonts = rpr.find(f"{W}rFonts")
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.insert(0, fonts)
            for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(key), names[0])
    accent = style.accent.lstrip("#").upper()
    if accent == TEMPLATE_ACCENT:
        return
    for element in styles.iter(f"{W}color", f"{W}top", f"{W}bottom", f"{W}left", f"{W}right", f"{W}insideV",
                               f"{W}insideH", f"{W}shd"):
        for attribute in COLOUR_ATTRIBUTES:
            if (element.get(attribute) or "").upper() == TEMPLATE_ACCENT:
                element.set(attribute, accent)
