"""One way to get a Jinja environment over asplan's templates, for every command that renders text.

The templates live in the repository's ``templates/`` folder and ship in the wheel as
the package ``asplan.templates`` (see ``setup.py``), one subfolder per kind:
``templates/scaffold/`` (``init``, ``new``) and ``templates/render/`` (``render``).
Reading them through :mod:`importlib.resources` works for a wheel, a zip and an
editable install alike.

Rules every caller gets for free:

* ``StrictUndefined``: a misspelt variable is an error, never an empty string in a
  file sent to a client or committed to a repository.
* An *override folder* (``render --template-dir``) is searched first, so a user can
  replace any single template and keep the others.
* ``autoescape`` is the caller's choice: on for HTML, off for YAML and Markdown,
  which escape in their own way.
* ``keep_trailing_newline``: generated files end with a newline, as editors and
  pre-commit's ``end-of-file-fixer`` expect.
* ``trim_blocks`` and ``lstrip_blocks``: a line holding only a ``{% ... %}`` tag leaves
  no blank line or indentation behind, which whitespace-sensitive YAML and Markdown need.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import jinja2

TemplateKind = Literal["scaffold", "render"]

# Source checkout without a (re)installed package: templates/ two levels above src/asplan/.
_CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def packaged_templates_dir(kind: TemplateKind) -> Path:
    """The folder holding the shipped templates of ``kind``."""
    try:
        root = resources.files("asplan.templates")
    except ModuleNotFoundError:
        return _CHECKOUT_TEMPLATES / kind
    # Installed as a wheel or editable, ``asplan.templates`` is a real folder on disk.
    return Path(str(root)) / kind


def template_environment(
    kind: TemplateKind,
    override_dir: Path | None = None,
    autoescape: bool = False,
    environment_class: type[jinja2.Environment] | None = None,
) -> jinja2.Environment:
    """A Jinja environment over ``templates/<kind>/``, with ``override_dir`` searched first.

    Template names are relative to the kind's folder: ``env.get_template("plan.en.yaml.j2")``.
    Raises ``jinja2.TemplateNotFound`` for a name found in neither folder.
    ``environment_class``, when given, is a subclass of Jinja's to build with the same
    rules (``render``'s compiles its output faster, :mod:`asplan.render.environment`).
    """
    import jinja2  # here, not at the top: check only asks this module where the templates are

    if environment_class is None:
        environment_class = jinja2.Environment

    folders = [str(packaged_templates_dir(kind))]
    if override_dir is not None:
        folders.insert(0, str(override_dir))
    return environment_class(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
