"""The rendered document's view model, one module per section group.

Each section builder takes the plan (and a :class:`~asplan.render.views.context.ViewContext`
with the audience, the language and the people's names) and returns its own frozen
view; :func:`asplan.render.view.build_view` composes them into the
:class:`~asplan.render.view.PlanView` a template receives as ``v``.
"""
