"""Files → articles → activities: read inputs, split posts, extract, and merge duplicates across files."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..extract.activity import extract_file
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
    files, problems = find_inputs(paths)
    result = Harvest(problems=problems)
    by_id: dict[str, Activity] = {}
    sizes: dict[str, int] = {}
    by_halves: dict[tuple[frozenset[str], str | None], str] = {}
    for read in _read_all(files, config, gazetteer):
        result.problems.extend(read.problems)
        if not read.activities:
            continue
        result.files += 1
        result.posts += len(read.activities)
        for size, activity in zip(read.sizes, read.activities):
            halves = _headline_halves(activity)
            first = by_id.get(activity.id)
            if first is None and halves in by_halves:  # the same two-language headline, its halves swapped
                first = by_id[by_halves[halves]]
                first.sources += [s for s in activity.sources if s not in first.sources]
                continue
            if first is None:
                by_id[activity.id], sizes[activity.id] = activity, size
                if halves is not None:
                    by_halves.setdefault(halves, activity.id)
                continue
            sources = first.sources + [s for s in activity.sources if s not in first.sources]
            if size > sizes[activity.id]:  # the fullest printing of a post is the one to read
                by_id[activity.id], sizes[activity.id] = activity, size
            by_id[activity.id].sources = sources
    result.activities = list(by_id.values())
    return result


_HALVES = re.compile(r"\s+[/–—|]\s+")


def _headline_halves(activity: Activity) -> tuple[frozenset[str], str | None] | None:
    """A headline in two languages ('Regionalna radionica … / Regional workshop …') as its two halves, in
    either order, with the activity's start: a post republished with the halves swapped is the same post."""
    from .splitter import fold

    halves = [fold(half) for half in _HALVES.split(activity.title)]
    if len(halves) != 2 or not all(halves):
        return None
    return frozenset(halves), activity.start


@dataclass
class _FileRead:
    """What one input file gave: problems, and each post's length and activity (none when it gave no posts)."""

    problems: list[Problem]
    sizes: list[int]
    activities: list[Activity]


Rules = tuple[list[re.Pattern[str]], list[re.Pattern[str]], list[re.Pattern[str]]]


def _read_file(path: Path, rules: Rules, gaz: Gazetteer) -> _FileRead:
    """Decode, split and extract one file (in a worker process when the input is large)."""
    source, problems = read_source(path)
    if source is None:
        return _FileRead(problems, [], [])
    boilerplate, ends, post_meta = rules
    articles, warnings = split_articles(source, boilerplate, ends, post_meta)
    for message in warnings:
        where, what = message.split(": ", 1)
        problems.append(Problem(where, what, fatal=not articles))
    if not articles:
        return _FileRead(problems, [], [])
    activities = extract_file(articles, gaz, "\n".join(source.lines), source.site)
    return _FileRead(problems, [len(a.text) for a in articles], activities)


PARALLEL_FROM = 256 * 1024  # bytes of input; below this, starting worker processes costs more than it saves
CHUNK_BYTES = 64 * 1024  # input sent to a worker at a time (about 60 posts)
_worker: tuple[Rules, Gazetteer] | None = None


def _patterns(config: Config, rule: str) -> list[re.Pattern[str]]:
    """A rule set of config.yaml compiled: 'boilerplate' (lines dropped), 'text_ends' (lines ending a post),
    'post_meta' (a social post's follower count or age: dropped with the author's name above it)."""
    return [re.compile(p) for p in config["rules"].get(rule) or []]


def _rules(config: Config) -> Rules:
    return (_joined(_patterns(config, "boilerplate")), _joined(_patterns(config, "text_ends")),
            _joined(_patterns(config, "post_meta")))


def _joined(patterns: list[re.Pattern[str]]) -> list[re.Pattern[str]]:
    """A rule set as one pattern that matches where any of them does: every line is tested against each
    set, and one search is quicker than a dozen. The set as it is where its patterns cannot be joined."""
    if len(patterns) < 2:
        return patterns
    try:
        return [re.compile("|".join(f"(?:{p.pattern})" for p in patterns))]
    except re.error:
        return patterns


def _init_worker(config: Config) -> None:
    global _worker
    _worker = (_rules(config), build_gazetteer(config))


def _read_in_worker(paths: list[Path]) -> list[_FileRead]:
    assert _worker is not None
    return [_read_file(path, *_worker) for path in paths]


def _read_all(files: list[Path], config: Config, gazetteer: Gazetteer | None) -> Iterator[_FileRead]:
    """Each file's reading in the files' order: in this process for a small input, otherwise in worker
    processes (one per core), a chunk of files at a time, so that the files are read, split and extracted
    side by side and only the activities come back."""
    sizes = [_size(path) for path in files]
    workers = min(os.cpu_count() or 1, len(files))
    if sum(sizes) < PARALLEL_FROM or workers < 2:
        rules, gaz = _rules(config), gazetteer or build_gazetteer(config)
        for path in files:
            yield _read_file(path, rules, gaz)
        return
    chunks: list[list[Path]] = [[]]
    filled = 0
    for path, size in zip(files, sizes):
        if filled >= CHUNK_BYTES:
            chunks.append([])
            filled = 0
        chunks[-1].append(path)
        filled += size
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
        futures = [pool.submit(_read_in_worker, chunk) for chunk in chunks]
        try:
            for future in futures:
                yield from future.result()
        finally:
            for future in futures:
                future.cancel()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong
