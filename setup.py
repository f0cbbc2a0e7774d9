"""Packaging glue that ``pyproject.toml`` cannot express on its own.

The Jinja templates live at the repository root (``templates/``), where authors of
``--template-dir`` overrides find them, yet they must ship inside the wheel. They are
mapped to the package ``asplan.templates``; listing the packages here, rather than
with ``[tool.setuptools.packages.find]``, lets one list hold both ``src/`` packages
(discovered, so new subpackages need no edit) and that mapped folder. The same
mapping serves editable installs. Everything else is configured in ``pyproject.toml``.
"""

from setuptools import find_namespace_packages, find_packages, setup

setup(
    packages=[
        *find_packages("src"),
        "asplan.templates",
        *(f"asplan.templates.{name}" for name in find_namespace_packages("templates")),
    ],
    package_dir={"": "src", "asplan.templates": "templates"},
)
