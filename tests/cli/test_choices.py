"""``asplan.cli.choices``: closed option values, with the wording users and scripts know."""

from __future__ import annotations

from enum import StrEnum

import pytest

from asplan.cli.choices import Listing, among, choice, optional, spelled
from asplan.cli.common import CommandExit


class Colour(StrEnum):
    red = "red"
    green = "green"
    blue = "blue"


def test_the_two_wordings() -> None:
    assert spelled(["text", "json"]) == "one of text, json"
    assert spelled(["html", "md", "pdf"], "or") == "html, md or pdf"
    assert spelled(["tier", "health"], "or") == "tier or health"
    assert spelled(["owner"], "or") == "owner"


def test_a_known_value_is_returned_as_the_member() -> None:
    assert choice("--colour", "green", Colour) is Colour.green
    assert among("--format", "md", ("html", "md", "pdf")) == "md"
    assert optional("--colour", None, Colour) is None
    assert optional("--colour", "blue", Colour) is Colour.blue


@pytest.mark.parametrize(
    ("listing", "line"),
    [
        ("one of", "asplan: error: --colour teal: expected one of red, green, blue\n"),
        ("or", "asplan: error: --colour teal: expected red, green or blue\n"),
    ],
)
def test_an_unknown_value_is_one_line_and_exit_2(
    listing: Listing, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(CommandExit) as stopped:
        choice("--colour", "teal", Colour, listing)
    assert stopped.value.exit_code == 2
    assert capsys.readouterr().err == line
