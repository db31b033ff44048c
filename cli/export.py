"""Register → JSON, CSV and XLSX exports (the JSON keys and spellings of gold/SCHEMA.md)."""
from __future__ import annotations

import csv
import io
import json

from .models import Activity

COLUMNS = ["id", "title", "start", "end", "year_inferred", "city", "country", "countries", "pillars", "type",
           "partners", "people", "sources", "body", "summary", "notes", "review_status"]


def to_json(activities: list[Activity]) -> str:
    """A JSON list of activity objects."""
    return json.dumps([a.export() for a in activities], ensure_ascii=False, indent=2) + "\n"


def _row(activity: Activity) -> list[str]:
    data = activity.export()
    out = []
    for column in COLUMNS:
        value = data[column]
        if isinstance(value, list):
            value = "; ".join(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        out.append("" if value is None else str(value))
    return out


def to_csv(activities: list[Activity]) -> str:
    """CSV with one row per activity; list fields joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for activity in activities:
        writer.writerow([_guard(v) for v in _row(activity)])
    return buffer.getvalue()


def _guard(value: str) -> str:
    """Keep spreadsheet programs from running text that starts like a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit() else value


def to_xlsx(activities: list[Activity]) -> bytes:
    """An XLSX workbook: one sheet of activities, header frozen, filters on, widths set."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Activities"
    sheet.append(COLUMNS)
    for activity in activities:
        sheet.append([_guard(v) for v in _row(activity)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"title": 60, "summary": 80, "partners": 40, "people": 30, "notes": 40, "sources": 30}
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = widths.get(column, 14)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column_letter in ("B", "O"))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.creator = "iisg"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
