"""Jinja templates shipped inside the wheel as ``asplan.templates`` (see ``setup.py``).

Not code: this file only makes the folder a regular package, so that an editable
install can map ``asplan.templates`` to the repository's ``templates/`` folder.
Load templates through :func:`asplan.templates_loader.template_environment`.
"""
