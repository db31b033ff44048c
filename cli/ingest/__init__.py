"""Files → articles → activities: read inputs, split posts, extract, and merge duplicates across files."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..extract import extract_file
from ..extract.gazetteer import Gazetteer, build_gazetteer
from ..models import Activity
from .reader import Problem, find_inputs, read_source
from .splitter import split_articles


@dataclass
class Harvest:
    """What reading a set of inputs produced."""

    activities: list[Activity] = field(default_factory=list)
    files: int = 0
    posts: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input could not be used."""
        return any(p.fatal for p in self.problems)


def harvest(paths: list[Path], config: Config, gazetteer: Gazetteer | None = None) -> Harvest:
    """Read every input and extract its activities; one activity per distinct post, all sources kept."""
    gaz = gazetteer or build_gazetteer(config)
    boilerplate = [re.compile(p) for p in config["rules"].get("boilerplate") or []]
    files, problems = find_inputs(paths)
    result = Harvest(problems=problems)
    by_id: dict[str, Activity] = {}
    for path in files:
        source, file_problems = read_source(path)
        result.problems.extend(file_problems)
        if source is None:
            continue
        articles, warnings = split_articles(source, boilerplate)
        for message in warnings:
            fatal = not articles
            result.problems.append(Problem(message.split(": ", 1)[0], message.split(": ", 1)[1], fatal=fatal))
        if not articles:
            continue
        result.files += 1
        result.posts += len(articles)
        for activity in extract_file(articles, gaz, "\n".join(source.lines)):
            first = by_id.get(activity.id)
            if first is None:
                by_id[activity.id] = activity
            elif activity.sources[0] not in first.sources:
                first.sources.append(activity.sources[0])
    result.activities = list(by_id.values())
    return result
