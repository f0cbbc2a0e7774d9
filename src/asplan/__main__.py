"""Console entry point, kept tiny so that ``asplan --version`` answers in a few milliseconds.

Importing the command-line app pulls in typer (and through it pydantic); the
version needs none of that, so it is answered before any of it is imported. A plain
``asplan check ...`` or ``asplan render ...`` is run without typer too
(:mod:`asplan.cli.fast_path`); every other command line goes to typer.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv == ["--version"] or argv == ["-V"]:
        from asplan import __version__

        sys.stdout.write(f"asplan {__version__}\n")
        return
    # asplan uses no pydantic plugins; skipping their discovery saves an
    # importlib.metadata scan of every installed package on each run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if argv[:1] in (["check"], ["render"]):
        from asplan.cli.fast_path import main as fast_path

        code = fast_path(argv)
        if code is not None:
            sys.exit(code)
    from asplan.cli.app import main as app_main

    app_main()


if __name__ == "__main__":
    main()
