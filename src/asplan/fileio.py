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
from collections.abc import Iterator
from pathlib import Path

LOCK_TIMEOUT = 30.0
"""Seconds to wait for another asplan process editing the same file; a review takes milliseconds."""


class LockTimeout(OSError):
    """Another process kept the file locked for longer than the timeout."""


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
    path = _resolve(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
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


def commit(staged: Path, path: Path) -> None:
    """Second half of an atomic write (see :func:`stage_bytes`); call :func:`sync_folder` after the last one."""
    os.replace(staged, _resolve(path))


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
