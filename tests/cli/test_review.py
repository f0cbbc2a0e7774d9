"""`asplan review`: the new history entry, cleared `next`, refusals, byte-identical lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.loading import parse_yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HEAD = """asplan: 1
account: {id: acme, name: ACME, tier: low, manager: ana}
people:
  - {id: ana, name: Ana, side: provider}   # our side
  - {id: bo, name: Bo, side: client}
"""


def review(path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["review", str(path), "--today", "2026-11-23", *args])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_bytes(text.encode("utf-8"))
    return path


def assert_kept(old: str, new: str, removed: tuple[str, ...] = ()) -> None:
    """Every old line (but the removed ones) is in the new file, unchanged and in order."""
    new_lines = iter(new.splitlines(keepends=True))
    for line in old.splitlines(keepends=True):
        if line in removed:
            continue
        assert any(candidate == line for candidate in new_lines), line


def test_block_history_gets_a_block_entry(tmp_path: Path) -> None:
    text = HEAD + (
        "reviews:\n"
        "  every: quarterly   # agreed with Bo\n"
        "  history:\n"
        "    - date: 2026-08-20\n"
        "      attendees: [ana, bo]\n"
        "      decisions:\n"
        "        - Keep going.\n"
        "\n"
        "# --- risks ---\n"
        "risks: []\n"
    )
    path = write(tmp_path, text)
    code, out, err = review(path, "-a", "ana", "-a", "bo", "--summary", "All good", "-d", "Renew", "-d", "a: b")
    assert (code, err) == (0, "")
    assert out == "Recorded the review of 2026-11-23 in " + str(path) + ".\nNext review: 2027-02-23 (in 92 days).\n"
    assert path.read_text() == text.replace(
        "        - Keep going.\n",
        "        - Keep going.\n"
        "    - date: 2026-11-23\n"
        "      attendees: [ana, bo]\n"
        "      decisions:\n"
        "        - Renew\n"
        '        - "a: b"\n'
        "      summary: All good\n",
    )


def test_flow_entries_and_fulfilled_next_is_cleared(tmp_path: Path) -> None:
    text = HEAD + (
        "reviews:\n"
        "  every: monthly\n"
        "  next: 2026-12-01   # booked\n"
        "  history:\n"
        "    - {date: 2026-10-30, attendees: [ana], summary: First}\n"
    )
    path = write(tmp_path, text)
    code, out, _ = review(path, "--date", "2026-11-20", "-a", "bo", "--summary", "Second, shorter")
    assert code == 0
    assert "Removed reviews.next (2026-12-01): this review fulfils it.\n" in out
    assert "Next review: 2026-12-20 (in 27 days)." in out  # 2026-11-20 + monthly
    new = path.read_text()
    assert new == text.replace("  next: 2026-12-01   # booked\n", "") + (
        '    - {date: 2026-11-20, attendees: [bo], summary: "Second, shorter"}\n'
    )


def test_early_review_leaves_next_standing(tmp_path: Path) -> None:
    # next - warn_days (14) = 2026-11-16: a review on 2026-11-15 does not fulfil it
    text = HEAD + "reviews:\n  every: monthly\n  next: 2026-11-30\n"
    path = write(tmp_path, text)
    code, out, _ = review(path, "--date", "2026-11-15")
    assert code == 0 and "Next review: 2026-11-30 (in 7 days)." in out
    assert path.read_text() == text + "  history:\n    - date: 2026-11-15\n"


def test_flow_reviews_mapping(tmp_path: Path) -> None:
    text = HEAD + "reviews: {every: quarterly, next: 2026-11-25, history: []}  # flow\nrisks: []\n"
    path = write(tmp_path, text)
    assert review(path, "-a", "ana")[0] == 0
    assert path.read_text() == HEAD + (
        "reviews: {every: quarterly, history: [{date: 2026-11-23, attendees: [ana]}]}  # flow\nrisks: []\n"
    )


def test_example_plan_keeps_every_line(tmp_path: Path) -> None:
    path = tmp_path / "acme-logistica.yaml"
    shutil.copy(EXAMPLES / "acme-logistica.yaml", path)
    old = path.read_text()
    code, out, _ = review(path, "-a", "maria.lopez", "-a", "carlos.gomez", "-s", "Campaña sin caídas")
    assert code == 0 and out.endswith("Next review: 2027-02-23 (in 92 days).\n")
    new = path.read_text()
    assert_kept(old, new)
    assert len(new.splitlines()) == len(old.splitlines()) + 3
    assert (
        "    - date: 2026-11-23\n      attendees: [maria.lopez, carlos.gomez]\n      summary: Campaña sin caídas\n"
        in new
    )


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        (
            HEAD + "reviews: {every: quarterly}\n",
            ("-a", "ann"),
            "--attendee ann is not a person of the plan: did you mean 'ana'?",
        ),
        (HEAD, (), "the plan has no `reviews` section"),
        (HEAD + "reviews: {every: quarterly}\n", ("--date", "2026-11-24"), "is after today (2026-11-23)"),
        (HEAD + "reviews: {every: quarterly, history: [{date: 2026-11-23}]}\n", (), "already recorded"),
        (HEAD + "reviews: {every: sometimes}\n", (), ":6: ASP102"),
        (HEAD + "reviews: {every: quarterly}\nrisks: [\n", (), ":8: ASP001"),
    ],
)
def test_refusals_leave_the_file_untouched(tmp_path: Path, text: str, args: tuple[str, ...], message: str) -> None:
    path = write(tmp_path, text)
    code, _, err = review(path, *args)
    assert code == 2
    assert message in err and err.startswith("asplan: error: ") and err.count("\n") == 1
    assert path.read_bytes() == text.encode("utf-8")
    assert list(tmp_path.iterdir()) == [path]


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    text = (HEAD + "reviews:\n  every: quarterly\n  history:\n    - date: 2026-08-20\n").replace("\n", "\r\n")
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert review(path)[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + (text + "    - date: 2026-11-23\r\n").encode("utf-8")


def test_missing_file_and_bad_date(tmp_path: Path) -> None:
    assert review(tmp_path / "nope.yaml")[0] == 2
    path = write(tmp_path, HEAD + "reviews: {every: quarterly}\n")
    code, _, err = review(path, "--date", "2026-02-30")
    assert code == 2 and "--date" in err


@pytest.mark.parametrize("decision", ["0?", "a, b", "[x]", "yes", "2026-11-23", "#tag", "- dash"])
def test_awkward_decisions_in_a_flow_entry_read_back_as_written(tmp_path: Path, decision: str) -> None:
    """Found by the property test: ``[0?]`` is not valid flow YAML, so such text is quoted."""
    old = HEAD + "reviews:\n  every: monthly\n  history:\n    - {date: 2026-11-22, summary: Fine}"
    path = write(tmp_path, old)
    code, _, err = review(path, "--date", "2026-11-23", "--decision", decision)
    assert (code, err) == (0, "")
    data = parse_yaml(path.read_text(encoding="utf-8")).data
    assert data["reviews"]["history"][-1] == {"date": "2026-11-23", "decisions": [decision]}
