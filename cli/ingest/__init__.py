"""Files → articles → activities: read inputs, split posts, extract, and merge duplicates across files."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..extract.activity import extract_file
from ..extract.gazetteer import Gazetteer, build_gazetteer
from ..models import Activity, Article
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
    batches: list[tuple[list[Article], str]] = []
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
        batches.append((articles, "\n".join(source.lines)))
    sizes: dict[str, int] = {}
    for (articles, _), activities in zip(batches, _extract_batches(batches, config, gaz)):
        for article, activity in zip(articles, activities):
            size = len(article.text)
            first = by_id.get(activity.id)
            if first is None:
                by_id[activity.id], sizes[activity.id] = activity, size
                continue
            sources = first.sources + [s for s in activity.sources if s not in first.sources]
            if size > sizes[activity.id]:  # the fullest printing of a post is the one to read
                by_id[activity.id], sizes[activity.id] = activity, size
            by_id[activity.id].sources = sources
    result.activities = list(by_id.values())
    return result


PARALLEL_FROM = 400  # posts; below this, starting worker processes costs more than it saves
_worker_gazetteer: Gazetteer | None = None


def _init_worker(config: Config) -> None:
    global _worker_gazetteer
    _worker_gazetteer = build_gazetteer(config)


def _extract_in_worker(batch: tuple[list[Article], str]) -> list[Activity]:
    assert _worker_gazetteer is not None
    return extract_file(batch[0], _worker_gazetteer, batch[1])


def _extract_batches(batches: list[tuple[list[Article], str]], config: Config, gaz: Gazetteer) -> list[list[Activity]]:
    """Extract each file's posts, in worker processes (one per core) when the batch is large; order kept."""
    posts = sum(len(b[0]) for b in batches)
    workers = min(os.cpu_count() or 1, len(batches))
    if posts < PARALLEL_FROM or workers < 2:
        return [extract_file(articles, gaz, text) for articles, text in batches]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
        return list(pool.map(_extract_in_worker, batches, chunksize=max(1, len(batches) // (workers * 4))))
