"""asplan's rules, one module each, its docstring its documentation.

The list of every rule is :mod:`asplan.rules.registry`; this package module imports
nothing, so that the cross-plan rules (:mod:`asplan.rules.portfolio`) can be imported
without the plan rules and the models they read (a warm ``check`` runs only those).
"""
