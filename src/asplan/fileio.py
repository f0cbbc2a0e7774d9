"""Writes that never leave a partial file, and a lock for read-modify-write edits.

A write goes to a temporary file in the same folder, is flushed to disk, then renamed
over the target: a reader (or a crash, a full disk, a read-only folder) sees the old
file or the new one, never half of each, and no temporary file is left behind.

``asplan review`` reads a plan, edits it and writes it back. Two of them at once
(two terminals, a script, CI) would each write their own edit over the original and
one review would be lost, so the read-modify-write holds :func:`locked` around it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Collection, Iterator
from pathlib import Path

from asplan.settings import DEFAULT_MAX_FILE_BYTES

LOCK_TIMEOUT = 30.0
"""Seconds to wait for another asplan process editing the same file; a review takes milliseconds."""


class LockTimeout(OSError):
    """Another process kept the file locked for longer than the timeout."""


class WouldReplacePlan(OSError):
    """An output file named by the user is an existing plan (spec §7.7: never without ``--force``)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is a plan: refusing to replace it with this output (pass --force to overwrite it)")
        self.path = path


def holds_a_plan(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> bool:
    """Whether ``path`` is an existing file whose top-level mapping has the key ``asplan``.

    Decided by parsing it (a JSON report that mentions "asplan" is not a plan); a file
    too large or unreadable to be a plan is not one.
    """
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return False
        raw = path.read_bytes()
    except OSError:
        return False
    from asplan.loading import LoadError, decode_utf8, looks_like_plan, parse_yaml

    try:
        text = decode_utf8(raw)
        if not looks_like_plan(text):
            return False
        data = parse_yaml(text, str(path)).data
    except LoadError:
        return False
    return isinstance(data, dict) and "asplan" in data


def refuse_to_replace_plan(path: Path, force: bool) -> None:
    """Raise :class:`WouldReplacePlan` unless ``force`` or ``path`` is not a plan."""
    if not force and holds_a_plan(path):
        raise WouldReplacePlan(path)


def atomic_write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any failure the old file is intact.

    A symbolic link is followed (its target is replaced, the link stays). A new file
    gets the usual permissions (0666 less the umask), an existing one keeps its own.
    """
    path = _resolve(path)
    tmp = stage_bytes(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    _sync_folder(path.parent if str(path.parent) else Path("."))


def stage_bytes(path: Path, data: bytes) -> Path:
    """First half of an atomic write: ``data`` durably in a temporary file beside ``path``.

    :func:`commit` renames it over ``path``; :func:`discard` drops it. Split in two so
    that many files can be prepared (even in other processes) and only renamed once
    all of them are ready: ``render`` writes a whole portfolio or nothing.
    """
    remove_stale_temporaries(_resolve(path))
    return write_temporary(path, data, durable=True)


def write_temporary(path: Path, data: bytes, *, durable: bool) -> Path:
    """:func:`stage_bytes` without the sweep of stale temporaries, and flushed only if ``durable``.

    For a caller that stages many files: ``render`` sweeps its output folder once
    (:func:`remove_stale_temporaries_in`) rather than once a file, which read the whole
    folder a thousand times for a thousand documents, and flushes the files with
    :func:`flush_file` from threads while its workers go on rendering, because a flush
    waits for the disk and a worker waiting on it leaves its CPU idle. A file staged
    with ``durable=False`` must be flushed before :func:`commit`.
    """
    path = _resolve(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


STALE_AFTER = 24 * 3600.0
"""Seconds after which any temporary file of a write is stale, whoever made it."""


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files an earlier write of ``path`` left behind when it was killed.

    A write's temporary file is ``.<name>.<pid>.<random>.tmp``. ``kill -9`` (or a power
    cut) between creating it and renaming it leaves it there; the next write of the same
    file removes it when the process that made it no longer exists, or when it is over a
    day old (its process id may have been reused since). A live writer's file is left
    alone. Returns what was removed.
    """
    return remove_stale_temporaries_in(path.parent if str(path.parent) else Path("."), {path.name})


def remove_stale_temporaries_in(folder: Path, names: Collection[str], keep: Collection[Path] = ()) -> list[Path]:
    """:func:`remove_stale_temporaries` for the files ``names`` of ``folder``, in one read of the folder.

    ``keep`` are temporaries this run staged and has yet to rename: their writers (worker
    processes) may have exited already, so the process test would call them stale.
    """
    kept = {os.path.normcase(os.path.abspath(p)) for p in keep}
    removed = []
    try:
        candidates = [e for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(".tmp")]
    except OSError:
        return []
    now = time.time()
    for entry in candidates:
        pids = _writer_pids(entry.name, names)
        if pids is None or os.path.normcase(os.path.abspath(entry.path)) in kept:
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
        except OSError:
            continue
        dead = any(pid.isdigit() and not _process_alive(int(pid)) for pid in pids)
        if (dead or old) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _writer_pids(entry: str, names: Collection[str]) -> list[str] | None:
    """The process id part of ``.<name>.<pid>.<random>.tmp`` for each of ``names`` it could be
    a temporary of (``None``: none). A name may contain dots (``a.b.html`` and ``a.b``), so
    every dot is tried as the end of the name, as a sweep per name would."""
    pids = []
    dot = 0
    while (dot := entry.find(".", dot + 1)) != -1:
        if entry[1:dot] in names:
            pids.append(entry[dot + 1 :].split(".", 1)[0])
    return pids or None


def _process_alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # elsewhere signal 0 is not a probe (on Windows it is CTRL_C_EVENT): age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's), or we cannot tell: keep its file
    return True


def commit(staged: Path, path: Path) -> None:
    """Second half of an atomic write (see :func:`stage_bytes`); call :func:`sync_folder` after the last one."""
    os.replace(staged, _resolve(path))


def flush_file(path: Path) -> None:
    """Make a file's content durable: the second half of :func:`write_temporary` with ``durable=False``.

    Opened read-only: on POSIX, ``fsync`` flushes the file whatever the descriptor's
    mode, and a staged file may already carry a read-only mode copied from its target.
    (Elsewhere a flush needs write access: stage with ``durable=True`` there.)
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def discard(staged: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(staged)


def sync_folder(folder: Path) -> None:
    _sync_folder(folder)


def _resolve(path: Path) -> Path:
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, the data is already safe."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the file at ``path`` (which must exist) for a read-modify-write.

    POSIX: ``flock`` on the file itself, so no lock file is left in the user's
    repository. An atomic write replaces the file, so a process that waited on the old
    one finds a different file at ``path`` once it gets the lock; it then locks the new
    one instead. Elsewhere: a ``<name>.lock`` file created exclusively beside it.
    Raises :class:`LockTimeout` after ``timeout`` seconds (default :data:`LOCK_TIMEOUT`), and ``OSError`` when the
    file cannot be opened.
    """
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    try:
        import fcntl
    except ImportError:  # Windows
        with _lock_file(path, deadline):
            yield
        return
    while True:
        handle = open(path, "rb")  # noqa: SIM115  # closed below
        try:
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LockTimeout(f"{path} is being edited by another process (waited {timeout:g} s)") from None
                    time.sleep(0.01)
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
            if current is not None and current.st_ino == os.fstat(handle.fileno()).st_ino:
                yield
                return
        finally:
            handle.close()  # closing releases the lock


@contextlib.contextmanager
def _lock_file(path: Path, deadline: float) -> Iterator[None]:
    lock = path.with_name(path.name + ".lock")
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise LockTimeout(f"{path} is being edited by another process (or remove a stale {lock})") from None
            time.sleep(0.01)
    os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
