"""Load and validate config.yaml: a closed schema, every problem reported in one pass."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .models import PILLARS, TYPES

DEFAULT_NAME = "config.yaml"

# key -> (type, required)
TOP_KEYS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "seeds": (str, True),
    "register": (str, True),
    "output_dir": (str, True),
    "organisation": (dict, True),
    "branding": (dict, True),
    "pillars": (dict, True),
    "economies": (list, True),
    "types": (dict, True),
    "abbreviations": (dict, False),
    "profiles": (dict, True),
    "reporting_bodies": (dict, True),
    "places": (dict, True),
    "countries": (dict, True),
    "organisations": (dict, True),
    "rules": (dict, True),
}
PROFILE_KEYS = {"title", "reference", "distribution", "formats", "template", "version", "sections"}
SECTIONS = {"summary", "key_figures", "charts", "pillars", "economies", "partners", "annexes"}
BRANDING_KEYS = {
    "logo", "font_family", "accent_colour", "pillar_colours", "eu_funding_line", "disclaimer", "kosovo_footnote",
}
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
RULE_KEYS = {
    "pillar_keywords", "type_keywords", "regional_terms",
    "person_titles", "person_stopwords", "org_heads", "org_tails", "org_stopwords",
    "venue_hosts", "boilerplate", "recent_markers", "undated_markers", "origin_cues", "type_neutral", "document_nouns", "citation_cues", "placeless_titles", "preparatory_cues", "rescheduled_cues", "text_ends", "post_meta",
}


@dataclass
class Config:
    """Validated configuration plus the folder it was read from."""

    root: Path
    data: dict[str, Any]

    def path(self, key: str) -> Path:
        """A path setting resolved against the config file's folder."""
        return (self.root / self.data[key]).resolve()

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        """Like dict.get."""
        return self.data.get(key, default)


def find_config(explicit: Path | None = None) -> Path:
    """The config file to use: the one given, else ./config.yaml."""
    path = explicit or Path.cwd() / DEFAULT_NAME
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found; run iisg from the project folder or pass --config FILE")
    return path


def load_config(path: Path | None = None) -> Config:
    """Read and validate config.yaml; raise ConfigError listing every problem."""
    path = find_config(path)
    import yaml  # here, not at import: `iisg --help` does not read YAML

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: invalid YAML ({getattr(exc, 'problem', exc)}); fix the syntax") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    problems = validate(data)
    if problems:
        raise ConfigError(f"{path}: {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems))
    return Config(root=path.parent.resolve(), data=data)


def validate(data: Any) -> list[str]:
    """Every problem of a config mapping, each keyed by its path."""
    if not isinstance(data, dict):
        return ["(top): expected a mapping of settings"]
    problems = [f"{key}: unknown setting; allowed: {', '.join(TOP_KEYS)}" for key in data if key not in TOP_KEYS]
    for key, (kind, required) in TOP_KEYS.items():
        if key not in data:
            if required:
                problems.append(f"{key}: missing")
        elif not isinstance(data[key], kind):
            problems.append(f"{key}: expected {getattr(kind, '__name__', kind)}")
    if problems:
        return problems
    for code in data["pillars"]:
        if code not in PILLARS:
            problems.append(f"pillars.{code}: unknown pillar; use one of {', '.join(PILLARS)}")
    for code in data["types"]:
        if code not in TYPES:
            problems.append(f"types.{code}: unknown type; use one of {', '.join(TYPES)}")
    for name, profile in data["profiles"].items():
        if not isinstance(profile, dict):
            problems.append(f"profiles.{name}: expected a mapping")
            continue
        for key in profile:
            if key not in PROFILE_KEYS:
                problems.append(f"profiles.{name}.{key}: unknown setting; allowed: {', '.join(sorted(PROFILE_KEYS))}")
        for key in ("title", "reference"):
            if key not in profile:
                problems.append(f"profiles.{name}.{key}: missing")
        for fmt in profile.get("formats", []):
            if fmt not in ("pdf", "docx"):
                problems.append(f"profiles.{name}.formats: {fmt!r} is not pdf or docx")
        for section in profile.get("sections", []):
            if section not in SECTIONS:
                problems.append(f"profiles.{name}.sections: {section!r} unknown; use {', '.join(sorted(SECTIONS))}")
    problems += branding_problems(data["branding"])
    for key in data["rules"]:
        if key not in RULE_KEYS:
            problems.append(f"rules.{key}: unknown rule set; allowed: {', '.join(sorted(RULE_KEYS))}")
    for pillar, words in data["rules"].get("pillar_keywords", {}).items():
        if pillar not in PILLARS:
            problems.append(f"rules.pillar_keywords.{pillar}: unknown pillar")
        elif not isinstance(words, list):
            problems.append(f"rules.pillar_keywords.{pillar}: expected a list of phrases")
    for kind in data["rules"].get("type_keywords", {}):
        if kind not in TYPES:
            problems.append(f"rules.type_keywords.{kind}: unknown type")
    for code, entry in data["countries"].items():
        if not isinstance(entry, dict) or "names" not in entry:
            problems.append(f"countries.{code}: expected a mapping with 'names'")
    for city, entry in data["places"].items():
        if not isinstance(entry, dict) or "country" not in entry:
            problems.append(f"places.{city}: expected a mapping with 'country'")
    return problems


def branding_problems(branding: dict[str, Any]) -> list[str]:
    """Problems of the branding section: known keys, #RRGGBB colours, a plain font list, show/text notes."""
    problems = [
        f"branding.{key}: unknown setting; allowed: {', '.join(sorted(BRANDING_KEYS))}"
        for key in branding if key not in BRANDING_KEYS
    ]
    if "accent_colour" in branding and not COLOUR.match(str(branding["accent_colour"])):
        problems.append("branding.accent_colour: expected a colour as \"#RRGGBB\"")
    colours = branding.get("pillar_colours", {})
    if not isinstance(colours, dict):
        problems.append("branding.pillar_colours: expected a mapping of pillar to \"#RRGGBB\"")
    else:
        for pillar, colour in colours.items():
            if pillar not in PILLARS:
                problems.append(f"branding.pillar_colours.{pillar}: unknown pillar; use one of {', '.join(PILLARS)}")
            elif not COLOUR.match(str(colour)):
                problems.append(f"branding.pillar_colours.{pillar}: expected a colour as \"#RRGGBB\"")
    font = branding.get("font_family", "")
    if not isinstance(font, str) or re.search(r"[\"';{}<>\\]", font):
        problems.append("branding.font_family: expected font names separated by commas, without quotes")
    for key in ("eu_funding_line", "disclaimer"):
        entry = branding.get(key)
        if entry is not None and (not isinstance(entry, dict) or set(entry) - {"show", "text"}):
            problems.append(f"branding.{key}: expected a mapping with 'show' (true/false) and 'text'")
    if "logo" in branding and branding["logo"] is not None and not isinstance(branding["logo"], str):
        problems.append("branding.logo: expected a path to an image file, or null")
    return problems
