"""ASP505: no decision maker on the client side."""

from __future__ import annotations

from helpers import MINIMAL, lint


def test_client_without_decision_maker() -> None:
    text = (
        MINIMAL
        + "  - {id: carlos, name: Carlos Gómez, side: client}\n"
        + "  - {id: juan, name: Juan Pérez, side: provider, decision_maker: true}\n"
    )
    assert lint(text, "ASP505") == [("ASP505", 7, 1)]


def test_client_decision_maker_passes() -> None:
    text = MINIMAL + "  - {id: carlos, name: Carlos Gómez, side: client, decision_maker: true}\n"
    assert lint(text, "ASP505") == []
