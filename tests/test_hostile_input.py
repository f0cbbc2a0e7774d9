"""Spec §5: nothing a plan contains may crash asplan, run code or take long.

Each hostile file goes through the real pipeline (``check_targets``) and must give
its one finding, quickly. The time bound is generous (a slow CI machine must not
flake); the measured times are a few milliseconds to well under a second. It bounds
the CPU time of this process, not the wall clock: a machine busy with other work
must not fail it, and a hang or a quadratic parse still does.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from asplan.checker import Target, check_targets
from asplan.config import Config
from asplan.findings import Finding
from asplan.yaml_document import MAX_ALIAS_CHARS, MAX_ALIAS_NODES, MAX_DEPTH, MAX_NODES
from asplan.yaml_parser import yaml_parser_name
from helpers import MINIMAL, MINIMAL_LINES, TODAY, check_text, triples

# Every test here runs under both YAML parsers (spec §7.8).
pytestmark = pytest.mark.usefixtures("yaml_parser")

# ruamel's pure-Python parser is about 15 times slower than libyaml's (58 vs 4 ms on
# examples/acme-logistica.yaml); its bound is still minutes below "hangs".
BOUND_SECONDS = {"libyaml": 5.0, "python": 40.0}


@contextmanager
def quickly() -> Iterator[None]:
    start = time.process_time()
    yield
    elapsed = time.process_time() - start
    bound = BOUND_SECONDS[yaml_parser_name()]
    assert elapsed < bound, f"took {elapsed:.2f} s"


def check(text: str | bytes, config: Config | None = None) -> list[Finding]:
    with quickly():
        return check_text(text, config=config)


def only(findings: list[Finding]) -> tuple[str, int, int, str]:
    assert len(findings) == 1, findings
    f = findings[0]
    return f.code, f.line, f.column, f.message


# -------------------------------------------------------------------------- expansion


def test_billion_laughs_is_refused() -> None:
    lines = ["asplan: 1", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    findings = check("\n".join(lines) + "\n")
    # a counts 11 values (the list and its 10 items), b 1 + 10 * 11 = 111, c 1111. Expanded so
    # far: 110 (b) + 1110 (c) = 1220; d's aliases add 1111 each, and the 8th passes 10,000.
    # It sits at column 8 + 7 * len("*c, ").
    assert only(findings) == (
        "ASP004",
        5,
        36,
        f"aliases expand to more than {MAX_ALIAS_NODES:,} values: refused as an alias bomb",
    )


def test_one_long_string_repeated_by_aliases_is_refused_by_size() -> None:
    # Issue 12: a 100 KB anchored string used 2,000 times is only 2,000 values, but 200 MB
    # of HTML once rendered. Each alias expands to 100,001 characters (the value and one
    # for the node): the 10th passes 1,000,000, on line 9 + 2 + 10.
    text = MINIMAL + 'x-big: &big "' + "x" * 100_000 + '"\nx-copies:\n' + "  - *big\n" * 2_000
    assert only(check(text)) == (
        "ASP004",
        MINIMAL_LINES + 2 + 10,
        5,
        f"aliases expand to more than {MAX_ALIAS_CHARS:,} characters: refused as an alias bomb",
    )


def test_a_one_megabyte_string_repeated_is_refused_within_bounds() -> None:
    # The 1 MB variant exhausted 3 GB before: now it stops at the second alias.
    text = MINIMAL + 'x-big: &big "' + "x" * 1_000_000 + '"\nx-copies: [' + ", ".join(["*big"] * 3_000) + "]\n"
    code, line, _, _ = only(check(text, Config(max_file_bytes=8 << 20)))
    assert (code, line) == ("ASP004", MINIMAL_LINES + 2)


def test_aliases_under_the_limit_are_fine() -> None:
    text = MINIMAL + "x-shared: &s {a: 1, b: [1, 2, 3]}\nx-copy1: *s\nx-copy2: *s\n"
    assert triples(check(text), "ASP004", "ASP001") == []


# ---------------------------------------------------------------------------- nesting


def test_flow_nesting_10000_deep() -> None:
    text = "asplan: 1\naccount: " + "[" * 10_000 + "]" * 10_000 + "\n"
    # The top-level mapping is level 1, so the 64th '[' opens level 65: column 10 + 63.
    assert only(check(text)) == ("ASP004", 2, 73, f"nesting deeper than {MAX_DEPTH} levels is refused")


def test_unclosed_flow_nesting_10000_deep() -> None:
    assert only(check("asplan: 1\naccount: " + "{a: " * 10_000 + "\n"))[:3] == ("ASP004", 2, 10 + 63 * 4)


def test_block_nesting_10000_deep() -> None:
    # Compact block sequences: "- - - ... a", each "- " one level deeper; the 64th is level 65.
    text = "asplan: 1\nx:\n" + "- " * 10_000 + "a\n"
    assert only(check(text))[:3] == ("ASP004", 3, 1 + 63 * 2)


def test_block_mapping_nesting_over_the_limit() -> None:
    text = "asplan: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(200))
    # The top-level mapping is level 1; k63's value, the mapping at line 66, column 65, is level 65.
    assert only(check(text))[:3] == ("ASP004", 66, 65)


def test_nesting_at_the_limit_is_fine() -> None:
    text = MINIMAL + "x-deep: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert triples(check(text), "ASP004", "ASP001") == []


# ------------------------------------------------------------------------------- size


def test_sparse_file_over_the_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: costs no disk and no time
    with quickly():
        report = check_targets([Target(str(path), explicit=True)], Config(), TODAY)
    assert [(f.code, f.line, f.column, f.message) for f in report.findings] == [
        (
            "ASP004",
            1,
            1,
            "file is 6,291,456 bytes, over the limit of 5,242,880"
            " (raise max_file_bytes in asplan.toml if it is really a plan)",
        )
    ]


def test_six_megabyte_plan_against_the_default_limit() -> None:
    text = MINIMAL + ("# " + "padding " * 127 + "\n") * 6144  # 6,291,456 + 8 lines of plan
    code, line, column, message = only(check(text))
    assert (code, line, column) == ("ASP004", 1, 1)
    assert f"file is {len(text.encode()):,} bytes, over the limit of 5,242,880" in message


def test_the_same_file_passes_when_the_limit_is_raised() -> None:
    text = MINIMAL + ("# " + "padding " * 127 + "\n") * 6144
    findings = check(text, Config(max_file_bytes=8 * 1024 * 1024, select=["ASP0", "ASP1", "ASP2"]))
    assert findings == []


def test_configured_limit_is_exact() -> None:
    size = len(MINIMAL.encode())
    assert triples(check(MINIMAL, Config(max_file_bytes=size, select=["ASP0"]))) == []
    assert triples(check(MINIMAL, Config(max_file_bytes=size - 1, select=["ASP0"]))) == [("ASP004", 1, 1)]


def test_one_megabyte_line() -> None:
    text = MINIMAL + "business:\n  overview: " + "a" * (1024 * 1024) + "\n"
    assert triples(check(text), "ASP001", "ASP004", "ASP101", "ASP102") == []


def test_list_of_100000_items_finishes() -> None:
    text = MINIMAL + "business:\n  markets:\n" + "".join(f"    - m{i}\n" for i in range(100_000))
    findings = check(text)
    assert triples(findings, "ASP001", "ASP004", "ASP101", "ASP102") == []


def test_list_of_100000_unknown_items_finishes() -> None:
    text = MINIMAL + "noise:\n" + "  - x\n" * 100_000
    assert triples(check(text), "ASP103") == [("ASP103", 9, 1)]


# ------------------------------------------------------------------------------ bytes


def test_binary_file() -> None:
    data = random.Random(20261123).randbytes(4096) + b"\x00" * 16
    code, _, _, message = only(check(data))
    assert code == "ASP001"
    assert message.startswith("not valid UTF-8 (byte 0x")


def test_utf8_text_with_nul_bytes() -> None:
    assert only(check(b"asplan: 1\naccount: \x00\x00\x00\n")) == (
        "ASP001",
        1,
        1,
        "file contains NUL bytes: it is binary, not YAML",
    )


def test_latin1_file_points_at_the_first_bad_byte() -> None:
    text = MINIMAL.replace("name: ACME Logística", "name: España").encode("latin-1")
    assert only(check(text)) == ("ASP001", 4, 13, "not valid UTF-8 (byte 0xf1): re-save the file as UTF-8")


def test_utf16_file() -> None:
    assert only(check(MINIMAL.encode("utf-16"))) == ("ASP001", 1, 1, "file is UTF-16, not UTF-8: re-save it as UTF-8")
    assert only(check(MINIMAL.encode("utf-32"))) == ("ASP001", 1, 1, "file is UTF-32, not UTF-8: re-save it as UTF-8")
    assert only(check(MINIMAL.encode("utf-32-be").join([b"\x00\x00\xfe\xff", b""]))) == (
        "ASP001",
        1,
        1,
        "file is UTF-32, not UTF-8: re-save it as UTF-8",
    )


def test_utf8_bom_is_accepted_and_positions_unchanged() -> None:
    text = b"\xef\xbb\xbf" + MINIMAL.replace("manager: maria", "manager: ghost").encode()
    assert triples(check(text), "ASP001", "ASP201") == [("ASP201", 6, 12)]


def test_crlf_line_ends_are_accepted_and_positions_right() -> None:
    text = MINIMAL.replace("tier: high", "tier: gold") + "actions:\n  - {id: A1, title: T, owner: ghost}\n"
    findings = check(text.replace("\n", "\r\n"))
    assert triples(findings, "ASP001", "ASP102", "ASP201") == [("ASP102", 5, 9), ("ASP201", 10, 31)]


def test_tabs_for_indentation() -> None:
    text = MINIMAL.replace("  name: ACME", "\tname: ACME")
    assert only(check(text)) == (
        "ASP001",
        4,
        1,
        "YAML syntax error: tabs are not allowed for indentation: use spaces",
    )


# ------------------------------------------------------------------------------- tags


def test_python_object_apply_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def system(*args: object) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(os, "system", system)
    target = tmp_path / "pwned-asplan"
    text = f'asplan: 1\naccount: !!python/object/apply:os.system ["touch {target}"]\n'
    assert only(check(text)) == (
        "ASP004",
        2,
        10,
        "tag '!!python/object/apply:os.system' is not allowed: plans use plain YAML values only",
    )
    assert not target.exists()
    assert calls == []


def test_python_object_apply_from_the_brief_creates_no_file() -> None:
    marker = Path("/tmp/pwned-asplan")
    existed = marker.exists()
    text = 'asplan: 1\nx: !!python/object/apply:os.system ["touch /tmp/pwned-asplan"]\n'
    assert only(check(text))[:3] == ("ASP004", 2, 4)
    assert marker.exists() == existed


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/object:collections.OrderedDict {}", "!!python/object:collections.OrderedDict"),
        ("!!python/tuple [1, 2]", "!!python/tuple"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!timestamp 2026-11-23", "!!timestamp"),
        ("!!set {a, b}", "!!set"),
        ("!foo bar", "!foo"),
        ("!foo {a: 1}", "!foo"),
        ("!<tag:example.com,2026:x> 1", "tag:example.com,2026:x"),
    ],
)
def test_tags_outside_the_core_schema_are_refused(value: str, tag: str) -> None:
    assert only(check(f"asplan: 1\nx: {value}\n")) == (
        "ASP004",
        2,
        4,
        f"tag '{tag}' is not allowed: plans use plain YAML values only",
    )


def test_tag_on_a_key_is_refused() -> None:
    assert only(check("asplan: 1\n!!python/name:os.system x: 1\n"))[:3] == ("ASP004", 2, 1)


# ------------------------------------------------------------------------------ shape


def test_duplicate_keys() -> None:
    text = MINIMAL.replace("  tier: high\n", "  tier: high\n  tier: low\n")
    assert triples(check(text), "ASP002") == [("ASP002", 6, 3)]


def test_multiple_documents() -> None:
    assert only(check(MINIMAL + "---\n" + MINIMAL)) == (
        "ASP001",
        9,
        1,
        "more than one YAML document: a plan file holds exactly one",
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing here\n", "just a scalar\n", "42\n", "- asplan: 1\n", "[]\n"])
def test_not_a_mapping(text: str) -> None:
    assert only(check(text)) == (
        "ASP003",
        1,
        1,
        "not a plan: the top-level mapping has no 'asplan' key (add 'asplan: 1')",
    )


def test_section_of_the_wrong_shape_everywhere() -> None:
    text = MINIMAL.replace("people:\n  - {id: maria, name: María López, side: provider}\n", "") + (
        "people: maria\nobjectives: {OBJ-1: x}\nactions: 3\nslas: [1, 2]\ncalendars: [x]\nevents: {a: b}\n"
    )
    findings = check(text)
    assert triples(findings, "ASP102") == [
        ("ASP102", 7, 9),
        ("ASP102", 8, 13),
        ("ASP102", 9, 10),
        ("ASP102", 10, 8),
        ("ASP102", 10, 11),
        ("ASP102", 11, 12),
        ("ASP102", 12, 9),
    ]


def test_too_many_values_are_refused_quickly() -> None:
    # 300,000 one-letter items: well under 5 MB, but a few seconds of parsing each time.
    text = "asplan: 1\nx: [" + "a," * 300_000 + "]\n"
    # Values counted: the top-level mapping, 'asplan', 1, 'x', the list: 5, so the
    # 249,996th item (column 5 + 2 * 249,995) crosses the limit.
    assert only(check(text)) == ("ASP004", 2, 499_995, f"more than {MAX_NODES:,} values: refused as too large")


# ------------------------------------------------------------------- memory bounds

MEMORY_LIMIT_MB = 400  # address space; a normal render of the largest example needs under 300


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_AS needs a POSIX child process")
@pytest.mark.parametrize(
    "body",
    [
        # 100 KB anchored, used 2,000 times: was 200 MB of HTML in 830 MB of memory.
        'x-big: &big "' + "x" * 100_000 + '"\nx-copies:\n' + "  - *big\n" * 2_000,
        # 1 MB anchored, used 3,000 times: exhausted 3 GB.
        'x-big: &big "' + "x" * 1_000_000 + '"\nx-copies: [' + ", ".join(["*big"] * 3_000) + "]\n",
    ],
    ids=["100KBx2000", "1MBx3000"],
)
def test_amplification_is_refused_within_a_memory_limit(tmp_path: Path, body: str) -> None:
    import resource
    import subprocess
    import sys

    plan = tmp_path / "acme.yaml"
    plan.write_text(MINIMAL + body, encoding="utf-8")
    (tmp_path / "asplan.toml").write_text("max_file_bytes = 8388608\n", encoding="utf-8")

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_MB << 20, MEMORY_LIMIT_MB << 20))

    for command in (["check"], ["render", "-o", "out.html"], ["sla"], ["due"], ["status"]):
        with quickly():
            result = subprocess.run(
                [sys.executable, "-m", "asplan", *command, str(plan), "--today", "2026-11-23"],
                capture_output=True,
                text=True,
                cwd=tmp_path,
                preexec_fn=limit_memory,
            )
        assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-500:]
        assert result.returncode in (1, 2), (command, result.returncode, result.stderr[-300:])
        assert "aliases expand to more than 1,000,000 characters" in result.stdout + result.stderr
