"""The shareable document: view model, Markdown text, charts and the Jinja pipeline.

A regular package (not a namespace one) so that every packaging tool ships it; see
``asplan.sla`` and ``tests/test_packaging.py``.
"""
