"""Service levels: measured indicators per period, timers over ticket events, and credits.

A regular package (not a namespace one) so that every packaging tool ships it: a
folder of modules without ``__init__.py`` is silently left out of a wheel built with
``find_packages``, which is how the first release lost this package.
``tests/test_packaging.py`` fails on any such folder under ``src/asplan``.
"""
