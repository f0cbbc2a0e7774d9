"""The versions asplan puts in its cache keys are the installed packages' own."""

from __future__ import annotations

from importlib.metadata import distributions

import pytest

from asplan.user_cache import installed_version


def test_every_installed_distribution_reads_as_importlib_metadata_reads_it() -> None:
    """The quick ``.dist-info`` lookup agrees with ``importlib.metadata`` on this whole environment."""
    seen = 0
    for dist in distributions():
        name = dist.metadata["Name"]
        assert installed_version(name) == dist.version, name
        seen += 1
    assert seen > 20  # the test environment: asplan's dependencies and the dev tools


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [("ruamel.yaml.clib", "ruamel_yaml_clib"), ("Pydantic-Core", "pydantic_core"), ("Jinja2", "jinja2")],
)
def test_a_name_is_found_however_it_is_spelt(spelling: str, canonical: str) -> None:
    assert installed_version(spelling) is not None
    assert installed_version(spelling) == installed_version(canonical)


def test_a_package_that_is_not_installed_has_no_version() -> None:
    assert installed_version("asplan-no-such-package") is None
