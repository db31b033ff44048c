"""Plain typed data passed between the stages: articles, activities, evidence."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PILLARS = ("WBCTi", "WBCSCi", "WBBSi", "cross-cutting")
TYPES = ("meeting", "conference", "workshop", "training", "visit", "operation", "agreement", "other")
WB6 = ("AL", "BA", "XK", "ME", "MK", "RS")

# Fields a person may correct with `register set`, and that re-ingest owns otherwise.
EXTRACTED_FIELDS = (
    "title", "start", "end", "year_inferred", "city", "country", "countries",
    "pillars", "type", "partners", "people", "summary", "body",
)
LIST_FIELDS = ("sources", "countries", "pillars", "partners", "people")
EDITABLE_FIELDS = EXTRACTED_FIELDS + ("notes",)


@dataclass
class Article:
    """One news post as found in an input file."""

    title: str
    paragraphs: list[str]
    file: str
    line: int
    para_lines: list[int] = field(default_factory=list)
    position: int = 0

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass
class Evidence:
    """Where a field's value came from: file, line and the words."""

    file: str
    line: int
    words: str


@dataclass
class Review:
    """Human review state of an activity."""

    status: str = "unreviewed"  # unreviewed | reviewed
    by: str | None = None
    at: str | None = None
    fields: list[str] = field(default_factory=list)


@dataclass
class Activity:
    """One activity of the register (fields of gold/SCHEMA.md plus bookkeeping)."""

    id: str
    title: str
    sources: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    year_inferred: bool = False
    city: str | None = None
    country: str | None = None
    countries: list[str] = field(default_factory=list)
    pillars: list[str] = field(default_factory=list)
    type: str = "other"
    partners: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    notes: str = ""
    summary: str = ""
    body: str = ""
    missing_from_input: bool = False
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    review: Review = field(default_factory=Review)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict in register key order (lists copied, evidence and review as mappings)."""
        data = {f: getattr(self, f) for f in _SCALAR_KEYS}
        for key in LIST_FIELDS:
            data[key] = list(data[key])
        data["evidence"] = {k: [{"file": e.file, "line": e.line, "words": e.words} for e in v]
                            for k, v in self.evidence.items()}
        review = self.review
        data["review"] = {"status": review.status, "by": review.by, "at": review.at, "fields": list(review.fields)}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Activity":
        """Build from a register mapping (already validated)."""
        data = dict(data)
        evidence = {
            k: [Evidence(**e) for e in (v or [])] for k, v in (data.pop("evidence", None) or {}).items()
        }
        review = Review(**(data.pop("review", None) or {}))
        return cls(**data, evidence=evidence, review=review)

    def export(self) -> dict[str, Any]:
        """The SCHEMA.md view used by the JSON export."""
        return {
            "id": self.id,
            "title": self.title,
            "sources": list(self.sources),
            "start": self.start,
            "end": self.end,
            "year_inferred": self.year_inferred,
            "city": self.city,
            "country": self.country,
            "countries": list(self.countries),
            "pillars": list(self.pillars),
            "type": self.type,
            "partners": list(self.partners),
            "people": list(self.people),
            "notes": self.notes,
            "summary": self.summary,
            "body": self.body,
            "review_status": self.review.status,
        }


_SCALAR_KEYS = [f for f in Activity.__dataclass_fields__ if f not in ("evidence", "review")]
