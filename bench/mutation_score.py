"""The mutation score per module, from the results of the last ``mutmut run`` (``make mutate``).

    .venv/bin/python bench/mutation_score.py            # table: module, killed / tested, score
    .venv/bin/python bench/mutation_score.py --survivors  # and the names of the survivors

Score = killed (or timed out) / tested, where "tested" leaves out the mutants that were
not run (a run restricted to some modules) and counts mutants no test reaches as
survivors: a line no test executes is a line a bug can hide in. Reads the output of
``mutmut results --all true`` run in the project root.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

# "asplan.periods.x_is_closed__mutmut_3" or "asplan.timecalc.worktime.xǁWorkClockǁelapsed__mutmut_7"
_MODULE = re.compile(r"^(?P<module>[\w.]+?)\.x[_ǁ]")
_KILLED = {"killed", "timeout", "caught by type check"}
_NOT_RUN = {"not checked", "skipped"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants too")
    args = parser.parse_args(argv)
    mutmut = str(Path(sys.executable).parent / "mutmut")
    out = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        match = _MODULE.match(name)
        if not match:
            continue
        module = match["module"]
        counts[module][status] += 1
        if status not in _KILLED | _NOT_RUN:
            survivors[module].append(f"{name} ({status})")
    print(f"{'module':32} {'killed':>7} {'tested':>7} {'score':>7}  survived / no tests")
    for module in sorted(counts):
        c = counts[module]
        tested = sum(n for s, n in c.items() if s not in _NOT_RUN)
        if not tested:
            continue
        killed = sum(c[s] for s in _KILLED)
        print(
            f"{module:32} {killed:7} {tested:7} {100 * killed / tested:6.1f}%  {c['survived']} / {c['no tests']}"
        )
    if args.survivors:
        for module in sorted(survivors):
            for name in survivors[module]:
                print(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
