"""The speed targets of spec §6, measured side by side in one run, printed as a table.

    .venv/bin/python bench/run.py            # full run (1,000 and 10,000 plans, 100,000 events)
    .venv/bin/python bench/run.py --quick    # smaller corpus, for a smoke test

Every figure is the best of ``--repeat`` runs of a fresh process (no warm caches inside
asplan: it keeps none), so start-up cost is always included. The peer
(``check-jsonschema``, from the ``bench`` extra) validates the same files against the
schema asplan publishes (``asplan schema``), which is the comparison the spec asks for.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import corpus  # noqa: E402
import tickets  # noqa: E402

BIN = os.path.dirname(sys.executable)
ASPLAN = os.path.join(BIN, "asplan")
CHECK_JSONSCHEMA = os.path.join(BIN, "check-jsonschema")
TODAY = "2026-11-23"


def timed(
    cmd: Sequence[str], repeat: int, cwd: str | None = None, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs, and the peak RSS (KB) of the largest child."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(
            cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd[:3])}... failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
        best = min(best, elapsed)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return best, peak


def peak_rss(cmd: Sequence[str]) -> int:
    """Peak RSS in KB of one command, including every process it starts."""
    code = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def big_ticket_plan(folder: str, events: int) -> str:
    """A plan with three timed SLAs over ``events`` tickets (business calendar included)."""
    rows = tickets.rows(events, seed=3, days=365)
    path = os.path.join(folder, "tickets.csv")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    src = os.path.join(os.path.dirname(HERE), "examples", "acme-logistica.yaml")
    with open(src, encoding="utf-8") as handle:
        text = handle.read()
    text = text.replace("data/acme-logistica/tickets.csv", "tickets.csv")
    plan = os.path.join(folder, "acme-logistica.yaml")
    with open(plan, "w", encoding="utf-8") as handle:
        handle.write(text)
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 / 1,000 plans and 10,000 events")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="folder to generate into (kept afterwards)")
    args = parser.parse_args()
    plans = 100 if args.quick else 1000
    many = 1000 if args.quick else 10000
    events = 10000 if args.quick else 100000

    work = args.keep or tempfile.mkdtemp(prefix="asplan-bench-")
    corpus_dir = os.path.join(work, "corpus")
    big_dir = os.path.join(work, "corpus-big")
    sla_dir = os.path.join(work, "sla")
    out_dir = os.path.join(work, "rendered")
    for folder in (corpus_dir, big_dir, sla_dir):
        shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {plans:,} + {many:,} plans and {events:,} events in {work} ...", file=sys.stderr)
    paths = corpus.write_corpus(corpus_dir, plans)
    corpus.write_corpus(big_dir, many, seed=2)
    os.makedirs(sla_dir)
    sla_plan = big_ticket_plan(sla_dir, events)
    schema = os.path.join(work, "asplan.schema.json")
    subprocess.run([ASPLAN, "schema", "-o", schema], check=True)
    one = paths[0]

    rows: list[tuple[str, str, str, str]] = []
    check_t, _ = timed([ASPLAN, "check", corpus_dir, "--today", TODAY], args.repeat)
    if os.path.exists(CHECK_JSONSCHEMA):
        peer_t, _ = timed([CHECK_JSONSCHEMA, "--schemafile", schema, *paths], 1)
        ratio = check_t / peer_t
        rows.append((f"check {plans:,} plans vs check-jsonschema", f"{check_t:.2f} s vs {peer_t:.2f} s",
                     f"ratio {ratio:.3f}", "<= 0.25 " + ("OK" if ratio <= 0.25 else "MISSED")))
    else:
        rows.append((f"check {plans:,} plans", f"{check_t:.2f} s", "peer missing", "pip install '.[bench]'"))
    # Spec §7.8: without libyaml's C extension asplan still works, on ruamel's pure-Python parser.
    serial_t, _ = timed([ASPLAN, "check", corpus_dir, "--today", TODAY, "--jobs", "1"], args.repeat)
    pure_env = {**os.environ, "ASPLAN_YAML_PARSER": "python"}
    pure_t, _ = timed([ASPLAN, "check", corpus_dir, "--today", TODAY, "--jobs", "1"], 1, env=pure_env)
    rows.append((f"check --jobs 1 {plans:,} plans, pure-Python YAML", f"{pure_t:.2f} s vs {serial_t:.2f} s",
                 f"{pure_t / serial_t:.1f}x libyaml", "(reported)"))
    one_t, _ = timed([ASPLAN, "check", one, "--today", TODAY], max(args.repeat, 5))
    rows.append(("check one plan", f"{one_t * 1000:.0f} ms", "", "<= 250 ms " + ("OK" if one_t <= 0.25 else "MISSED")))
    ver_t, _ = timed([ASPLAN, "--version"], max(args.repeat, 5))
    rows.append(("asplan --version", f"{ver_t * 1000:.0f} ms", "", "<= 120 ms " + ("OK" if ver_t <= 0.12 else "MISSED")))
    render_ok = subprocess.run([ASPLAN, "render", "--help"], capture_output=True, check=False).returncode == 0
    if render_ok:
        shutil.rmtree(out_dir, ignore_errors=True)
        render_t, _ = timed([ASPLAN, "render", corpus_dir, "-f", "html", "-o", out_dir, "--today", TODAY],
                            args.repeat)
        ratio = render_t / check_t
        rows.append((f"render -f html {plans:,} plans", f"{render_t:.2f} s", f"{ratio:.2f}x check",
                     "<= 2x " + ("OK" if ratio <= 2 else "MISSED")))
    rss = peak_rss([ASPLAN, "check", big_dir, "--today", TODAY])
    rows.append((f"peak memory, check {many:,} plans", f"{rss / 1024:.0f} MB", "largest process",
                 "<= 150 MB " + ("OK" if rss <= 150 * 1024 else "MISSED")))
    sla_ok = subprocess.run([ASPLAN, "sla", "--help"], capture_output=True, check=False).returncode == 0
    if sla_ok:
        sla_t, _ = timed([ASPLAN, "sla", sla_plan, "--today", TODAY, "--format", "json"], 1)
        rows.append((f"sla on {events:,} events", f"{sla_t:.2f} s", "", "(reported)"))

    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
          f" {platform.system()} {platform.release()}")
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "asplan", "comparison", "target")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
