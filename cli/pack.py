"""Board submission pack: one folder and one zip with the reports, the annex data and a manifest; verify.

Everything here is byte-reproducible: the same inputs and issue date give the same files, because
every zip (XLSX, DOCX, the pack itself) is rewritten with sorted entries and a fixed timestamp.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .models import Activity
from .register import write_atomic

MANIFEST = "manifest.json"
ANNEX_COLUMNS = ["id", "start", "end", "title", "city", "country", "countries", "pillars", "type", "partners",
                 "people", "sources", "summary"]


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_tree(paths: Iterable[Path], root: Path) -> str:
    """One SHA-256 over several files (names relative to root, then bytes), in name order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def zip_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    """The timestamp written into every zip entry: noon of the issue date."""
    return (max(day.year, 1980), day.month, day.day, 12, 0, 0)


def normalise_zip(data: bytes, day: dt.date) -> bytes:
    """The same zip with entries in a fixed order and one fixed timestamp (for XLSX and DOCX files), and the
    document's 'modified' property at noon of day: openpyxl writes the clock's time there when it saves."""
    members = zip_entries(data)
    core = members.get("docProps/core.xml")
    if core is not None:
        stamp = f"{day.isoformat()}T12:00:00Z".encode("ascii")
        members["docProps/core.xml"] = re.sub(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)",
                                              lambda m: m.group(1) + stamp + m.group(2), core)
    return zip_members(members, day)


def zip_entries(data: bytes) -> dict[str, bytes]:
    """A zip's members by name, in the zip's order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {name: source.read(name) for name in source.namelist()}


def zip_members(members: dict[str, bytes], day: dt.date) -> bytes:
    """An Office file's members as a zip: [Content_Types].xml first, the rest sorted, one fixed timestamp."""
    out = io.BytesIO()
    first = [n for n in members if n == "[Content_Types].xml"]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in first + sorted(n for n in members if n not in first):
            info = zipfile.ZipInfo(name, date_time=zip_time(day))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, members[name])
    return out.getvalue()


def annex_rows(activities: list[Activity]) -> list[list[str]]:
    """One row per activity in the annex column order; lists joined with '; '."""
    rows = []
    for a in activities:
        data = a.export()
        rows.append(["; ".join(v) if isinstance(v, list) else ("" if v is None else str(v))
                     for v in (data[c] for c in ANNEX_COLUMNS)])
    return rows


def annex_csv(activities: list[Activity]) -> bytes:
    """The period's activities as CSV (UTF-8 with BOM, so spreadsheet programs read the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ANNEX_COLUMNS)
    writer.writerows(annex_rows(activities))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def annex_xlsx(activities: list[Activity], groupings: dict[str, list[tuple[str, list[Activity]]]],
               title: str, day: dt.date) -> bytes:
    """The annex workbook: all activities, then one sheet per grouping; header frozen, filters on, widths set."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    moment = dt.datetime(day.year, day.month, day.day, 12, 0, 0)
    book.properties.created = book.properties.modified = moment
    book.properties.creator = book.properties.lastModifiedBy = "iisg"
    book.properties.title = title
    widths = {"id": 12, "start": 11, "end": 11, "title": 60, "summary": 80, "partners": 40, "people": 28,
              "sources": 28, "countries": 18, "group": 28}
    sheets = [("All activities", None, [("", activities)])] + [(name, name, groups) for name, groups in groupings.items()]
    head_font, head_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F3864")
    for index, (sheet_name, group_label, groups) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = sheet_name[:31]
        columns = (["group"] if group_label else []) + ANNEX_COLUMNS
        sheet.append(columns)
        for group, members in groups:
            for row in annex_rows(members):
                sheet.append(([group] if group_label else []) + [_cell(v) for v in row])
        for n, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=n)
            cell.font, cell.fill = head_font, head_fill
            sheet.column_dimensions[cell.column_letter].width = widths.get(column, 14)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=columns[cell.column - 1] in ("title", "summary"))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return normalise_zip(buffer.getvalue(), day)


def _cell(value: str) -> str:
    """Text that a spreadsheet must not take for a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit() else value


@dataclass
class PackInputs:
    """What a pack is made of and what its manifest records."""

    stem: str
    reference: str
    period: str
    profile: str
    status: str
    issue_date: dt.date
    tool_version: str
    config_path: Path
    template_dir: Path
    register_path: Path
    activities: list[Activity]
    groupings: dict[str, list[tuple[str, list[Activity]]]]
    reports: list[Path] = field(default_factory=list)


def write_pack(inputs: PackInputs, output_dir: Path) -> tuple[Path, Path]:
    """Write <stem>/ (reports, annex XLSX and CSV, manifest.json) and <stem>.zip; return both paths."""
    folder = output_dir / inputs.stem
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        if stale.is_file():
            stale.unlink()
    files: dict[str, bytes] = {}
    for report in inputs.reports:
        files[report.name] = report.read_bytes()
    files[f"{inputs.stem}_annex.xlsx"] = annex_xlsx(inputs.activities, inputs.groupings, inputs.reference, inputs.issue_date)
    files[f"{inputs.stem}_annex.csv"] = annex_csv(inputs.activities)
    for name, data in files.items():
        write_atomic(folder / name, data)
    template_files = [p for p in inputs.template_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    manifest = {
        "reference": inputs.reference,
        "period": inputs.period,
        "profile": inputs.profile,
        "status": inputs.status,
        "issue_date": inputs.issue_date.isoformat(),
        "tool_version": inputs.tool_version,
        "config_sha256": sha256_file(inputs.config_path),
        "template_sha256": sha256_tree(template_files, inputs.template_dir),
        "register_sha256": sha256_file(inputs.register_path) if inputs.register_path.exists() else None,
        "activities": sorted(a.id for a in inputs.activities),
        "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for name, data in sorted(files.items())],
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_atomic(folder / MANIFEST, manifest_bytes)
    files[MANIFEST] = manifest_bytes
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{inputs.stem}/{name}", date_time=zip_time(inputs.issue_date))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    archive_path = output_dir / f"{inputs.stem}.zip"
    write_atomic(archive_path, buffer.getvalue())
    return folder, archive_path


def verify_pack(path: Path) -> list[str]:
    """Every mismatch between a pack (folder or zip) and its manifest; [] when all is in order."""
    contents = _pack_contents(path)
    if MANIFEST not in contents:
        raise InputError(f"{path}: no {MANIFEST} found; give the pack folder or zip that `iisg report --pack` wrote")
    try:
        manifest = json.loads(contents[MANIFEST]().decode("utf-8"))
        listed = {f["name"]: f for f in manifest["files"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}/{MANIFEST}: not a valid manifest ({exc}); rebuild the pack") from None
    problems = []
    for name, entry in sorted(listed.items()):
        if name not in contents:
            problems.append(f"{name}: missing")
            continue
        data = contents[name]()
        if len(data) != entry.get("size"):
            problems.append(f"{name}: size {len(data)} differs from the manifest's {entry.get('size')}")
        elif hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            problems.append(f"{name}: SHA-256 differs from the manifest (the file was changed)")
    for name in sorted(set(contents) - set(listed) - {MANIFEST}):
        problems.append(f"{name}: not listed in the manifest")
    return problems


def _pack_contents(path: Path) -> dict[str, "callable[[], bytes]"]:
    """File name → reader, for a pack folder or a pack zip (whose entries sit in one folder)."""
    if path.is_dir():
        return {p.name: p.read_bytes for p in path.iterdir() if p.is_file() and not p.name.startswith(".")}
    if path.is_file() and zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        return {name.rsplit("/", 1)[-1]: (lambda n=name: archive.read(n))
                for name in archive.namelist() if not name.endswith("/")}
    raise InputError(f"{path}: not a pack folder or zip; give what `iisg report --pack` wrote")
