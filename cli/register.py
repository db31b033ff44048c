"""The only reader and writer of the register file (YAML): load, validate, merge, save atomically."""
from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import operator
import os
import stat
import re
import tempfile
from dataclasses import fields
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator


from .bulk import no_cycle_collection
from .countries import is_country_code
from .errors import RegisterError
from .models import EDITABLE_FIELDS, EXTRACTED_FIELDS, LIST_FIELDS, PILLARS, TYPES, Activity, Evidence

FORMAT_VERSION = 1
_ACTIVITY_KEYS = {f.name for f in fields(Activity)}
LOCK_TIMEOUT = 30.0


MAX_ALIASES = 100
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\]}]+")


@lru_cache(maxsize=1)
def _loader() -> type:
    """A safe loader (libyaml when present) that remembers the line of each mapping; PyYAML is imported here,
    not with the module, so that `iisg --help` does not load it."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            mapping = super().construct_mapping(node, deep=deep)
            mapping["__line__"] = node.start_mark.line + 1
            return mapping

    return Loader


def _read_yaml(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RegisterError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    aliases = len(_ALIAS.findall(text))
    if aliases > MAX_ALIASES:
        raise RegisterError(f"{path}: too many YAML aliases ({aliases}, over {MAX_ALIASES}); "
                            "a register never needs them: write values out in full")
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise RegisterError(f"{path}{where}: invalid YAML: {exc.problem}; fix the file, nothing was written") from None
    except yaml.YAMLError as exc:
        raise RegisterError(f"{path}: invalid YAML: {exc}; fix the file, nothing was written") from None


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def load_register(path: Path) -> list[Activity]:
    """Read the register; [] when the file does not exist. RegisterError names the line of any mistake."""
    if not path.exists():
        return []
    with no_cycle_collection():
        return _load_register(path)


def _load_register(path: Path) -> list[Activity]:
    raw = path.read_bytes()
    digest = _digest(raw)
    cached = _read_cache(path, digest)
    if cached is not None:
        return cached
    data = _read_yaml(path, raw)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
        raise RegisterError(f"{path}:1: expected a mapping with an 'activities' list; restore the file's header")
    activities: list[Activity] = []
    seen: dict[str, int] = {}
    problems: list[str] = []
    for item in data["activities"]:
        line = item.get("__line__", 0) if isinstance(item, dict) else 0
        if not isinstance(item, dict):
            problems.append(f"{path}:{line}: an activity must be a mapping of fields")
            continue
        unknown = sorted(set(item) - _ACTIVITY_KEYS - {"__line__"})
        if unknown:
            problems.append(f"{path}:{line}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_ACTIVITY_KEYS))}")
            continue
        if not item.get("id") or not item.get("title"):
            problems.append(f"{path}:{line}: activity without id or title; restore them")
            continue
        if item["id"] in seen:
            problems.append(f"{path}:{line}: duplicate id {item['id']} (first at line {seen[item['id']]}); give one of them another id")
            continue
        seen[item["id"]] = line
        problems.extend(f"{path}:{line}: {p}" for p in field_problems(item))
        try:
            activities.append(Activity.from_dict(_strip_lines(item)))
        except TypeError as exc:
            problems.append(f"{path}:{line}: {exc}")
    if problems:
        raise RegisterError("the register has mistakes; fix them, nothing was written:\n" + "\n".join(problems))
    _write_cache_soon(path, digest, [_item(a) for a in activities])
    return activities


# A large register takes PyYAML seconds to read, so each load leaves a JSON copy beside it, keyed by the
# SHA-256 of the register's bytes: any edit to the register, by hand or by iisg, makes the copy unused.
def cache_path(path: Path) -> Path:
    """The register's derived JSON copy (hidden, next to it; safe to delete)."""
    return path.with_name(f".{path.name}.cache.json")


def _digest(raw: bytes) -> str:
    return f"iisg-register-cache {FORMAT_VERSION} sha256:{hashlib.sha256(raw).hexdigest()}"


def _read_cache(path: Path, digest: str) -> list[Activity] | None:
    """The activities of the copy made for exactly these register bytes; None when there is none or it is unusable."""
    try:
        with open(cache_path(path), "rb") as fh:
            if fh.readline().decode("utf-8", "replace").strip() != digest:
                return None
            items = json.loads(fh.read())
        return [Activity.from_dict(item) for item in items]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _write_cache_soon(path: Path, digest: str, items: list[dict[str, Any]]) -> None:
    """Leave the JSON copy from a detached process, so the command does not wait for it (where fork exists).

    The copy is written to a temporary file and renamed, so a reader sees the whole copy or none; a copy
    that comes late, or not at all, only means the next command reads the YAML. IISG_CACHE_SYNC=1 writes it
    before returning.
    """
    if not hasattr(os, "fork") or os.environ.get("IISG_CACHE_SYNC"):
        _write_cache(path, digest, items)
        return
    try:
        child = os.fork()
    except OSError:
        _write_cache(path, digest, items)
        return
    if child == 0:  # the child starts the writer and ends at once, so no process is left waiting for it
        try:
            if os.fork() == 0:
                try:
                    quiet = os.open(os.devnull, os.O_RDWR)  # let go of the command's terminal and pipes
                    for fd in (0, 1, 2):
                        os.dup2(quiet, fd)
                    _write_cache(path, digest, items)
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def _write_cache(path: Path, digest: str, items: list[dict[str, Any]]) -> None:
    """Leave the JSON copy; skipped when values are not plain JSON (a hand-typed YAML date) or the folder is read-only."""
    try:
        body = json.dumps(items, ensure_ascii=False, separators=(",", ":"), default=_plain)
        write_atomic(cache_path(path), f"{digest}\n{body}", durable=False)
    except (OSError, TypeError, ValueError, AttributeError):
        return


def field_problems(item: dict[str, Any]) -> list[str]:
    """Mistakes in the values of one activity mapping (types, codes, dates, order)."""
    problems = []
    for key in LIST_FIELDS:
        if key in item and not isinstance(item[key] or [], list):
            problems.append(f"{key}: expected a list")
    from .extract.dates import parse_iso  # here, not at the top: `iisg --help` need not compile the date grammar

    for key in ("start", "end"):
        value = item.get(key)
        if value is not None:
            try:
                parse_iso(str(value))
            except ValueError as exc:
                problems.append(f"{key}: {exc}")
    if item.get("start") and item.get("end") and not problems:
        start, end = str(item["start"]), str(item["end"])
        n = min(len(start), len(end))
        if end[:n] < start[:n]:
            problems.append(f"end {item['end']} is before start {item['start']}")
    for pillar in item.get("pillars") or []:
        if pillar not in PILLARS:
            problems.append(f"pillars: unknown pillar {pillar!r}; use {', '.join(PILLARS)}")
    if item.get("type") not in TYPES:
        problems.append(f"type: unknown type {item.get('type')!r}; use {', '.join(TYPES)}")
    for code in ([item.get("country")] if item.get("country") else []) + list(item.get("countries") or []):
        if not isinstance(code, str) or not is_country_code(code):
            problems.append(f"country code {code!r} is not ISO 3166-1 alpha-2 (Kosovo* is XK)")
    return problems


_PLAIN = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F .,()/’'*&-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def _scalar(value: Any, flow: bool = False) -> str:
    """One YAML scalar: plain where it reads back as the same string, otherwise double-quoted."""
    if type(value) is str:
        return _string(value, flow)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _string(str(value), flow)


@lru_cache(maxsize=65536)
def _string(text: str, flow: bool) -> str:
    """A string as a YAML scalar (plain or double-quoted); register values repeat, so answers are remembered."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" ") \
            and ": " not in text and " #" not in text and not text.endswith(":") and not (flow and "," in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit(value: Any, indent: int, out: list[str]) -> None:
    """Block-style YAML for the register's shapes: mappings, lists of scalars, lists of mappings."""
    pad = " " * indent
    for key, item in value.items():
        kind = type(item)
        if kind is dict:
            if not item:
                out.append(f"{pad}{key}: {{}}")
                continue
            out.append(f"{pad}{key}:")
            _emit(item, indent + 2, out)
        elif kind is list and item and type(item[0]) is Evidence:
            out.append(f"{pad}{key}:")
            for e in item:  # one evidence record per line: - {file: x, line: 3, words: …}
                out.append(f"{pad}- {{file: {_scalar(e.file, True)}, line: {_scalar(e.line, True)}, "
                           f"words: {_scalar(e.words, True)}}}")
        elif kind is list and item and type(item[0]) is dict:
            out.append(f"{pad}{key}:")
            for element in item:  # small records on one line each
                out.append(f"{pad}- {{" + ", ".join([
                    f"{k}: {_string(v, True) if type(v) is str else _scalar(v, True)}" for k, v in element.items()
                ]) + "}")
        elif kind is list:
            out.append(f"{pad}{key}: [" + ", ".join([_scalar(v, True) for v in item]) + "]")
        else:
            out.append(f"{pad}{key}: {_scalar(item)}")


_FIELDS = [f for f in Activity.__dataclass_fields__ if f not in ("evidence", "review")]


def _item(activity: Activity) -> dict[str, Any]:
    """An activity as the register writes it (to_dict's keys and values, evidence records left as objects)."""
    item = {f: getattr(activity, f) for f in _FIELDS}
    item["evidence"] = activity.evidence
    review = activity.review
    item["review"] = {"status": review.status, "by": review.by, "at": review.at, "fields": review.fields}
    return item


_plain = operator.attrgetter("__dict__")  # JSON for an evidence record: its fields (a YAML date has none: no copy)


def _register_order(activities: list[Activity]) -> list[Activity]:
    return sorted(activities, key=lambda a: (a.start or "9999", a.title.casefold(), a.id))


def dump_register(activities: list[Activity]) -> str:
    """The register as YAML text: sorted by date then title, stable key order, one field per line."""
    return _dump([_item(a) for a in _register_order(activities)])


def _dump(items: list[dict[str, Any]]) -> str:
    out = [
        "# IISG activity register. Edit values by hand or with `iisg register set`; fields you set are kept on re-ingest.",
        "# Dates are YYYY, YYYY-MM or YYYY-MM-DD; countries are ISO codes (Kosovo* = XK).",
        f"version: {FORMAT_VERSION}",
        "activities:" if items else "activities: []",
    ]
    for item in items:
        lines: list[str] = []
        _emit(item, 2, lines)
        lines[0] = "- " + lines[0][2:]
        out.extend(lines)
    return "\n".join(out) + "\n"


def write_atomic(path: Path, text: str | bytes, *, durable: bool = True) -> None:
    """Write to a temporary file in the same folder, fsync (when durable), then rename over the target.

    Where the system allows (Linux), the temporary file has no name until it is complete, so a process
    killed mid-write leaves nothing behind; elsewhere it is a hidden '.name.*.tmp' removed on any error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    mode = _mode_for(path)  # the file keeps its permissions (a new one gets the usual ones)
    if _write_unnamed(path, data, mode, durable):
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _write_unnamed(path: Path, data: bytes, mode: int, durable: bool) -> bool:
    """Write data into an unnamed file in path's folder (O_TMPFILE), name it and rename it over path; False
    where the system or the file system cannot, before anything is written."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(path.parent, flag | os.O_WRONLY, mode)
    except OSError:
        return False
    tmp = None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb", closefd=False) as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fd)
        tmp = path.parent / f".{path.name}.{os.getpid()}.{id(data):x}.tmp"
        procfd = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
        try:  # linkat(…, AT_SYMLINK_FOLLOW): the name exists only until the rename below
            os.link(str(fd), tmp, src_dir_fd=procfd, follow_symlinks=True)
        except OSError:
            tmp = None
            return False
        finally:
            os.close(procfd)
        os.replace(tmp, path)
        tmp = None
        return True
    finally:
        os.close(fd)
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """The permissions a file written at path should have: its own if it exists, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the register's lock file while reading and writing it; say so when another command holds it."""
    from filelock import FileLock, Timeout

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        try:
            lock.acquire(timeout=0.2)
        except Timeout:
            if notify:
                notify(f"waiting for {path}.lock: another iisg command is using the register")
            lock.acquire(timeout=timeout)
    except Timeout:
        raise RegisterError(f"{path}: another iisg command holds the lock ({path}.lock) for over {timeout:.0f} s; "
                            "wait for it to finish, or remove the lock file if no iisg is running") from None
    try:
        yield
    finally:
        lock.release()


def save_register(path: Path, activities: list[Activity]) -> None:
    """Write the register atomically (and its JSON copy, in the order the register lists them)."""
    with no_cycle_collection():
        items = [_item(a) for a in _register_order(activities)]
        data = _dump(items).encode("utf-8")
    write_atomic(path, data)
    _write_cache_soon(path, _digest(data), items)


def merge(existing: list[Activity], extracted: list[Activity]) -> tuple[list[Activity], dict[str, int]]:
    """New extraction merged into the register: corrected fields kept, vanished posts flagged, never deleted."""
    by_id = {a.id: a for a in existing}
    counts = {"new": 0, "updated": 0, "unchanged": 0, "missing": 0}
    seen: set[str] = set()
    result: list[Activity] = []
    for new in extracted:
        seen.add(new.id)
        old = by_id.get(new.id)
        if old is None:
            counts["new"] += 1
            result.append(new)
            continue
        merged = copy.copy(old)  # old itself is left out of the result, so the two may share values
        for key in EXTRACTED_FIELDS:
            if key not in old.review.fields:
                setattr(merged, key, getattr(new, key))
        merged.sources = sorted(set(new.sources) | set(old.sources)) if "sources" not in old.review.fields else old.sources
        merged.evidence = {k: v for k, v in new.evidence.items() if k not in old.review.fields} | {
            k: v for k, v in old.evidence.items() if k in old.review.fields}
        merged.missing_from_input = False
        counts["unchanged" if merged == old else "updated"] += 1
        result.append(merged)
    for old in existing:
        if old.id not in seen:
            if not old.missing_from_input:
                old.missing_from_input = True
                counts["missing"] += 1
            result.append(old)
    return result, counts


def set_fields(activity: Activity, assignments: dict[str, str], who: str) -> None:
    """Apply a person's corrections (FIELD=VALUE) and mark them reviewed."""
    data = activity.to_dict()
    for key, raw in assignments.items():
        if key not in EDITABLE_FIELDS:
            raise RegisterError(f"{key}: not a field you can set; use one of {', '.join(EDITABLE_FIELDS)}")
        data[key] = parse_value(key, raw)
    problems = field_problems(data)
    if problems:
        raise RegisterError(f"{activity.id}: " + "; ".join(problems))
    for key in assignments:
        setattr(activity, key, data[key])
        if key not in activity.review.fields:
            activity.review.fields.append(key)
    activity.review.status = "reviewed"
    activity.review.by = who
    activity.review.at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def parse_value(key: str, raw: str) -> Any:
    """A command-line value to the field's type: lists split on ';' or ',', empty as null."""
    raw = raw.strip()
    if key in LIST_FIELDS:
        sep = ";" if ";" in raw else ","
        return [v.strip() for v in raw.split(sep) if v.strip()] if raw else []
    if key == "year_inferred":
        if raw.lower() not in ("true", "false", "yes", "no"):
            raise RegisterError(f"year_inferred: {raw!r} is not true or false")
        return raw.lower() in ("true", "yes")
    if key in ("country",):
        return raw.upper() or None
    if key in ("start", "end", "city"):
        return raw or None
    return raw


def find_activity(activities: list[Activity], ident: str) -> Activity:
    """The activity with this id (or a unique id prefix)."""
    matches = [a for a in activities if a.id == ident] or [a for a in activities if a.id.startswith(ident)]
    if len(matches) != 1:
        hint = "no activity has that id" if not matches else f"{len(matches)} activities start with it"
        raise RegisterError(f"{ident}: {hint}; see `iisg register list` for ids")
    return matches[0]
