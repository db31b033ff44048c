"""Files → articles → activities: read inputs, split posts, extract, and merge duplicates across files."""
from __future__ import annotations

import os
import re
from concurrent.futures import Future, ProcessPoolExecutor
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
    batches: list[tuple[list[Article], str, str]] = []
    extractor = _Extractor(config, gaz, min(os.cpu_count() or 1, len(files)))
    try:
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
            batches.append((articles, "\n".join(source.lines), source.site))
            extractor.add(batches[-1])
        extracted = extractor.results()
    finally:
        extractor.close()
    sizes: dict[str, int] = {}
    for (articles, _, _), activities in zip(batches, extracted):
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
CHUNK_POSTS = 60  # posts sent to a worker at a time
_worker_gazetteer: Gazetteer | None = None


def _init_worker(config: Config) -> None:
    global _worker_gazetteer
    _worker_gazetteer = build_gazetteer(config)


def _extract_in_worker(chunk: list[tuple[list[Article], str, str]]) -> list[list[Activity]]:
    assert _worker_gazetteer is not None
    return [extract_file(articles, _worker_gazetteer, text, site) for articles, text, site in chunk]


class _Extractor:
    """Extracts each file's posts in order; in worker processes (one per core) once enough posts have been read."""

    def __init__(self, config: Config, gaz: Gazetteer, workers: int) -> None:
        self.config, self.gaz, self.workers = config, gaz, workers
        self.pending: list[tuple[list[Article], str, str]] = []
        self.pending_posts = 0
        self.posts = 0
        self.futures: list[Future[list[list[Activity]]]] = []
        self.pool: ProcessPoolExecutor | None = None

    def add(self, batch: tuple[list[Article], str, str]) -> None:
        """Queue one file's posts (articles, the file's text and site name); they go to the workers in chunks."""
        self.pending.append(batch)
        self.pending_posts += len(batch[0])
        self.posts += len(batch[0])
        if self.pool is None and self.posts >= PARALLEL_FROM and self.workers >= 2:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker,
                                            initargs=(self.config,))
        if self.pool is not None and self.pending_posts >= CHUNK_POSTS:
            self._submit()

    def results(self) -> list[list[Activity]]:
        """Every queued file's activities, in the order the files were added."""
        if self.pool is None:
            return [extract_file(articles, self.gaz, text, site) for articles, text, site in self.pending]
        self._submit()
        return [activities for future in self.futures for activities in future.result()]

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def _submit(self) -> None:
        assert self.pool is not None
        if self.pending:
            self.futures.append(self.pool.submit(_extract_in_worker, self.pending))
        self.pending, self.pending_posts = [], 0
