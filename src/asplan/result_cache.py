"""``asplan check``'s result cache: an unchanged plan is not checked again (spec §6).

A pre-commit hook or a CI job on a repository of a thousand plans would otherwise pay
the full price on every run when nothing changed. Like ruff's ``.ruff_cache``, results
live in ``.asplan_cache/`` at the root of the plans repository (the folder of
``asplan.toml``, else the current one), one small file per checked file.

An entry is used only when everything its findings depend on is unchanged:

* the content of the file (SHA-256), its path as given and whether it was named;
* the content of every event file the plan reads (or the fact that it was missing);
* asplan's version and its code (path, size and time of every module and template of
  the installed package: a development install changes without a new version), the
  YAML parser in use, and the versions of the packages that decide findings
  (``holidays``, pydantic, ruamel.yaml, numpy: :data:`_DECIDING_PACKAGES`);
* the effective configuration and ``today``.

Entries are never trusted blindly. Each is signed with an HMAC whose key lives in the
user's cache folder (:mod:`asplan.user_cache`), outside the repository: a pull request
that adds a forged ``.asplan_cache/`` entry claiming "no findings", an entry with one
byte flipped, one from another version or one that is not even JSON is ignored, the
file is checked again and the entry rewritten. Entries are written to a temporary file
and renamed, so two ``check`` runs at once on the same cache never read half an entry.

Cross-plan findings (ASP204, an account id used twice) are never cached: each entry
keeps the account id and where it is, and the cross-plan rule runs on every run.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from asplan import __version__
from asplan.findings import Finding, Severity

CACHE_FOLDER = ".asplan_cache"
FORMAT = 2  # 2: entries carry the summaries of their findings' rules
_KEY_FILE = "result-cache.key"
_DECIDING_PACKAGES = ("holidays", "pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "numpy")
"""Packages whose upgrade can change a finding: public holidays (dates), validation and its
messages, YAML parsing and positions, the vectorised SLA pass. Their versions are in the key."""
_MISSING = "missing"


@dataclass
class CachedFile:
    """What check needs of a file without reading it again (see ``checker.FileResult``)."""

    path: str
    is_plan: bool
    findings: list[Finding]
    account_id: str | None
    account_pos: tuple[int, int]
    suppressions: dict[int, frozenset[str] | None]
    summaries: dict[str, str] = field(default_factory=dict)
    """Rule code -> one-line summary, for the codes of ``findings``: a run whose every file is
    a hit reports them without importing the rule registry (and the models it imports)."""


class ResultCache:
    """Lookups and stores of one ``check`` run; every failure to read or write is a miss."""

    def __init__(self, folder: Path, run_key: str, secret: bytes) -> None:
        self.folder = folder
        self.run_key = run_key
        self.secret = secret
        self._hashes: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    # -------------------------------------------------------------------- lookup

    def lookup(self, path: str, explicit: bool) -> CachedFile | None:
        entry = self._read_entry(path, explicit)
        if entry is None:
            self.misses += 1
            return None
        if entry.get("file") != self.file_hash(path):
            self.misses += 1
            return None
        depends = entry.get("depends")
        if not isinstance(depends, dict) or any(self.file_hash(p) != h for p, h in depends.items()):
            self.misses += 1
            return None
        try:
            cached = _decode(entry["result"])
        except (KeyError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return cached

    def store(self, path: str, explicit: bool, result: CachedFile, depends: Sequence[str]) -> None:
        """Remember ``result``; ``depends`` are the other files its findings were computed from."""
        body = {
            "format": FORMAT,
            "version": __version__,
            "run": self.run_key,
            "target": [path, explicit],
            "file": self.file_hash(path),
            "depends": {p: self.file_hash(p) for p in depends},
            "result": _encode(result),
        }
        payload = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        text = json.dumps({"mac": self._mac(payload), "body": payload}, ensure_ascii=False)
        target = self._entry_path(path, explicit)
        with contextlib.suppress(OSError):
            self._ensure_folder()
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)

    def file_hash(self, path: str) -> str:
        """SHA-256 of a file's bytes, once per run; ``missing`` when it cannot be read."""
        known = self._hashes.get(path)
        if known is None:
            digest = hashlib.sha256()
            try:
                with open(path, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
                known = digest.hexdigest()
            except OSError:
                known = _MISSING
            self._hashes[path] = known
        return known

    # ------------------------------------------------------------------ storage

    def _entry_path(self, path: str, explicit: bool) -> Path:
        name = hashlib.sha256(f"{path}\x00{explicit}".encode()).hexdigest()[:40]
        return self.folder / "entries" / name[:2] / f"{name}.json"

    def _read_entry(self, path: str, explicit: bool) -> dict[str, Any] | None:
        try:
            wrapper = json.loads(self._entry_path(path, explicit).read_text(encoding="utf-8"))
            payload = wrapper["body"]
            mac = wrapper["mac"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(payload, str) or not isinstance(mac, str):
            return None
        if not hmac.compare_digest(mac, self._mac(payload)):
            return None  # tampered, corrupt, or signed with another machine's key
        try:
            body = json.loads(payload)
        except ValueError:
            return None
        if not isinstance(body, dict):
            return None
        if body.get("format") != FORMAT or body.get("run") != self.run_key or body.get("target") != [path, explicit]:
            return None
        return body

    def _mac(self, payload: str) -> str:
        return hmac.new(self.secret, payload.encode("utf-8"), hashlib.sha256).hexdigest()

    def _ensure_folder(self) -> None:
        if (self.folder / "CACHEDIR.TAG").is_file():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # Like ruff's cache: invisible to git, and marked for backup tools.
        (self.folder / ".gitignore").write_text("# Automatically created by asplan.\n*\n", encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by asplan.\n",
            encoding="utf-8",
        )


def open_cache(root: Path, config: object, today: date) -> ResultCache | None:
    """The cache of the plans repository at ``root`` for this configuration and day, or None.

    None when caches are off (``ASPLAN_NO_CACHE``) or the signing key cannot be had.
    """
    from asplan.user_cache import caches_disabled

    if caches_disabled():
        return None
    secret = _secret()
    if secret is None:
        return None
    run = {
        "asplan": __version__,
        "code": code_fingerprint(),
        "parser": _parser_name(),
        "packages": {name: _version_of(name) for name in _DECIDING_PACKAGES},
        "config": _plain(config),
        "today": today.isoformat(),
    }
    run_key = hashlib.sha256(json.dumps(run, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    return ResultCache(root / CACHE_FOLDER, run_key, secret)


def code_fingerprint() -> str:
    """What identifies this asplan's code: path, size and modification time of its files."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            with contextlib.suppress(OSError):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\x00{info.st_size}\x00{info.st_mtime_ns}\n".encode())
    from asplan.templates_loader import packaged_templates_dir

    for kind in ("scaffold", "render"):
        with contextlib.suppress(Exception):
            for path in sorted(packaged_templates_dir(kind).rglob("*")):
                info = path.stat()
                digest.update(f"{path}\x00{info.st_size}\x00{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _secret() -> bytes | None:
    """The machine's signing key, created on first use (readable by its owner only)."""
    from asplan.user_cache import user_cache_dir

    path = user_cache_dir() / _KEY_FILE
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{_KEY_FILE}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        try:
            os.link(tmp, path)  # first writer wins; a racing run then reads the winner's key
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
        data = path.read_bytes()
        return data if len(data) == 32 else None
    except OSError:
        return None


def _parser_name() -> str:
    from asplan.yaml_parser import yaml_parser_fingerprint

    return yaml_parser_fingerprint()


def _version_of(package: str) -> str:
    from asplan.user_cache import installed_version

    return installed_version(package) or ""


def _plain(value: object) -> Any:
    """Configuration as plain, sortable data (paths and enums as text)."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _encode(result: CachedFile) -> dict[str, Any]:
    return {
        "path": result.path,
        "is_plan": result.is_plan,
        "findings": [
            [f.file, f.line, f.column, f.code, f.severity.value, f.message, f.path] for f in result.findings
        ],
        "account_id": result.account_id,
        "account_pos": list(result.account_pos),
        "suppressions": {
            str(line): None if codes is None else sorted(codes) for line, codes in result.suppressions.items()
        },
        "summaries": result.summaries,
    }


def _decode(data: Mapping[str, Any]) -> CachedFile:
    findings = [
        Finding(str(f[0]), int(f[1]), int(f[2]), str(f[3]), Severity(f[4]), str(f[5]), str(f[6]))
        for f in data["findings"]
    ]
    line, column = data["account_pos"]
    account_id = data["account_id"]
    return CachedFile(
        path=str(data["path"]),
        is_plan=bool(data["is_plan"]),
        findings=findings,
        account_id=None if account_id is None else str(account_id),
        account_pos=(int(line), int(column)),
        suppressions={
            int(k): None if v is None else frozenset(str(c) for c in v) for k, v in data["suppressions"].items()
        },
        summaries={str(code): str(summary) for code, summary in data["summaries"].items()},
    )
