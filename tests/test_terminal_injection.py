"""Issue 12, spec §7.7: no command sends a control character from a plan to the terminal.

A title holding ``ESC ] 52`` (write the clipboard) or ``ESC [ 1A ESC [ 2K`` (erase the
line above, hiding an overdue item), a right-to-left override, rich markup, a CSV
ticket id with an escape sequence, a file name with a newline that would forge a
GitHub annotation: every text output shows them spelled out. With colour on, the
only escape sequences are asplan's own colours (SGR, ``ESC [ ... m``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.printable import one_line, printable

CLIPBOARD = "\\e]52;c;ZWNobyBoYWNrZWQ=\\a"  # YAML double-quoted escapes: ESC ] 52 ... BEL
ERASE_LINE_ABOVE = "\\e[1A\\e[2K"
RLO = "\\u202e"

PLAN = f"""\
asplan: 1
account:
  id: evil
  name: "Evil {CLIPBOARD} Corp"
  tier: high
  manager: "m"
  timezone: Europe/Madrid
  contract: {{fee: {{amount: 1000, currency: EUR, per: month}}}}
people:
  - {{id: m, name: "Mallory {ERASE_LINE_ABOVE}", side: provider, executive: true}}
  - {{id: c, name: Client, side: client, decision_maker: true}}
actions:
  - {{id: A1, title: "Pay {ERASE_LINE_ABOVE}{RLO} [bold red]now[/]", owner: m, due: 2026-11-01, status: planned}}
slas:
  - id: S1
    name: "Response {CLIPBOARD}"
    where: {{priority: P1}}
    stop: first_response
    target: "<= 30m"
    period: monthly
    penalty: credit
    credit: {{percent: 1}}
events: [tickets.csv]
reviews: {{every: quarterly, history: [{{date: 2026-06-01, attendees: [m]}}]}}
"""

TICKETS = (
    "id,created,priority,first_response\n"
    "T\x1b[2K1,2026-11-02T09:00,P1,2026-11-02T10:00\n"
    "T2\x1b]52;c;eA==\x07,2026-11-03T09:00,P1,\n"
)

OWN_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "asplan.toml").write_text("", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "evil.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plans" / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def raw_controls(text: str) -> list[str]:
    """Control and bidi characters in ``text`` other than newline and tab, and asplan's own colours."""
    stripped = OWN_COLOURS.sub("", text)
    return [c for c in stripped if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or c == "\u202e"]


COMMANDS = [
    ["due", "--today", "2026-11-23"],
    ["due", "--today", "2026-11-23", "--group-by", "owner"],
    ["status", "--today", "2026-11-23"],
    ["sla", "--today", "2026-11-23"],
    ["sla", "--today", "2026-12-05", "--set", "S1.target=<= 45m"],
    ["credits", "--today", "2026-12-05"],
    ["credits", "--today", "2026-12-05", "--format", "csv"],
    ["check", "--today", "2026-11-23"],
    ["check", "--today", "2026-11-23", "--show-source"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:1] + c[3:]))
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_no_control_character_reaches_the_terminal(
    repo: Path, command: list[str], colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    result = CliRunner().invoke(app, command)
    assert result.exit_code in (0, 1), result.output
    assert raw_controls(result.stdout) == []
    assert raw_controls(result.stderr) == []


def test_the_hostile_text_is_shown_spelled_out(repo: Path) -> None:
    due = CliRunner().invoke(app, ["due", "--today", "2026-11-23"]).stdout
    assert "A1  Pay \\x1b[1A\\x1b[2K\\u202e [bold red]now[/]" in due  # markup shown, not applied
    sla = CliRunner().invoke(app, ["sla", "--today", "2026-11-23"]).stdout
    assert "T\\x1b[2K1" in sla
    status = CliRunner().invoke(app, ["status", "--today", "2026-11-23"]).stdout
    assert "Evil \\x1b]52;c;ZWNobyBoYWNrZWQ=\\x07 Corp" in status


@pytest.mark.usefixtures("yaml_parser")
def test_source_lines_shown_by_check_spell_out_control_characters(repo: Path) -> None:
    # Raw in the file this time (not YAML escapes): a right-to-left override is valid
    # YAML (ASP005 warns), an ESC is not (ASP001 at it); both lines are shown.
    (repo / "plans" / "raw.yaml").write_text(
        "asplan: 1\naccount: {id: raw, name: \"R\u202eaw\", tier: low, manager: m}\n", encoding="utf-8"
    )
    (repo / "plans" / "esc.yaml").write_text("asplan: 1\nx: \"a\x1b[2Kb\"\n", encoding="utf-8")
    for name, shown in (("raw.yaml", '2 | account: {id: raw, name: "R\\u202eaw"'), ("esc.yaml", '2 | x: "a\\x1b[2Kb"')):
        result = CliRunner().invoke(app, ["check", "--today", "2026-11-23", "--show-source", f"plans/{name}"])
        assert raw_controls(result.stdout) == []
        assert any(line.startswith(shown) for line in result.stdout.splitlines()), result.stdout


def test_the_credit_statement_spells_out_plan_text(repo: Path) -> None:
    # November is closed on 2026-12-05: T1's 60-minute response breached S1.
    text = CliRunner().invoke(app, ["credits", "--today", "2026-12-05"]).stdout
    assert "Response \\x1b]52;c;ZWNobyBoYWNrZWQ=\\x07" in text
    csv = CliRunner().invoke(app, ["credits", "--today", "2026-12-05", "--format", "csv"]).stdout
    assert ",S1,Response \\x1b]52;c;ZWNobyBoYWNrZWQ=\\x07,2026-11," in csv
    what_if = CliRunner().invoke(app, ["sla", "--today", "2026-12-05", "--set", "S1.target=<= 45m"]).stdout
    assert "  S1 target: <= 30m -> <= 45m" in what_if


def test_a_newline_in_a_file_name_cannot_forge_an_annotation(repo: Path) -> None:
    name = "x\n::error file=evil.yaml,line=1::forged.yaml"
    (repo / "plans" / name).write_text("asplan: 1\naccount: {id: x}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--today", "2026-11-23", "plans"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("::")]
    assert any("x\\x0a::error file=evil.yaml,line=1::forged.yaml:" in line for line in lines)


def test_printable_keeps_line_breaks_and_one_line_does_not() -> None:
    text = "a\tb\nc\x1b[2K\x9b\u202e\u2066d\x7f"
    assert printable(text) == "a\tb\nc\\x1b[2K\\x9b\\u202e\\u2066d\\x7f"
    assert one_line(text) == "a\\x09b\\x0ac\\x1b[2K\\x9b\\u202e\\u2066d\\x7f"
    assert one_line("Logística 李小龍 👩‍💻") == "Logística 李小龍 👩‍💻"
