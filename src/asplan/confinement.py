"""The plans repository: the folder whose files a plan may make asplan read (spec §7.2).

A plan names event files (``events:``), and CI runs asplan on plans that arrive in pull
requests. Without a boundary, ``events: [/home/ci/.git-credentials]`` or
``../../../etc/hostname`` would be opened, and the error about its missing ``id``
column would print its first line into the CI log; even "not found" tells whether a
file exists. So every path a plan names must lie inside the plans repository:

1. the folder of the nearest ``asplan.toml`` (or ``pyproject.toml`` with
   ``[tool.asplan]``) above the plan file;
2. else the Git work tree holding the plan file;
3. else the current folder, when the plan file is inside it;
4. else the plan file's own folder (a plan checked from elsewhere, outside any
   repository, may still read the exports beside it).

A path outside is refused by its spelling alone, before anything is opened or even
looked up; a path inside that reaches outside through a symbolic link is refused too.
Paths given on the command line (``--events``) are the user's own choice and are not
confined.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


class OutsideRepository(Exception):
    """A path a plan names leads outside the plans repository; ``str()`` says so in one line."""


@functools.lru_cache(maxsize=256)
def _root_of_folder(folder: str, cwd: str) -> str:
    from asplan.config import find_config

    start = Path(folder)
    config = find_config(start)
    if config is not None:
        return str(config.parent)
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    if _inside(folder, cwd):
        return cwd
    return folder


def repository_root(plan_file: str) -> str:
    """The plans repository of ``plan_file`` (absolute, symbolic links resolved)."""
    folder = os.path.realpath(os.path.dirname(os.path.abspath(plan_file)))
    return _root_of_folder(folder, os.path.realpath(os.getcwd()))


def confined_path(plan_file: str, entry: str) -> str:
    """The file ``entry`` (as written in the plan, relative to it) names, if inside the repository.

    Returns the path as a user would type it (relative to the plan's folder as given);
    raises :class:`OutsideRepository` otherwise, without opening or looking up the
    file when its spelling already leads outside.
    """
    base = os.path.dirname(plan_file)
    path = entry if os.path.isabs(entry) else os.path.normpath(os.path.join(base, entry))
    root = repository_root(plan_file)
    plan_dir_real = os.path.realpath(os.path.dirname(os.path.abspath(plan_file)))
    lexical = os.path.normpath(os.path.join(plan_dir_real, entry))
    if not _inside(lexical, root):
        raise OutsideRepository(f"is outside the plans repository ({root}): event files must be inside it")
    if not _inside(os.path.realpath(lexical), root):
        raise OutsideRepository(
            f"leads outside the plans repository ({root}) through a symbolic link: event files must be inside it"
        )
    return path


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
