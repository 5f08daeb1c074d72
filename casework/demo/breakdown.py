"""Where one request's time goes: SQL, template rendering, form rendering, other Python.

``make bench`` runs each page once more in-process inside ``Breakdown()``. Timers
wrap the places the time is spent, and each part is counted *exclusive* of the
parts inside it, so the four add up to the request's wall time:

- **sql**: every statement, through ``connection.execute_wrapper`` (all of it,
  also statements run lazily while a template renders or a download streams);
- **forms**: Django's form and widget rendering (the form renderer's ``render``)
  and crispy-forms' ``{% crispy %}`` tag and ``|crispy``/``|as_crispy_field``
  filters, including the templates they render;
- **template**: page templates (``django.template.backends.django.Template.render``),
  less the SQL and forms inside them;
- **other**: the rest: middleware, views, Python between queries, Django's test request machinery.

Only for measuring: the wrappers are put in place the first time (in the bench
process or a test) and do nothing while no ``Breakdown`` is open.
"""

from __future__ import annotations

import time
from collections import defaultdict
from contextlib import ExitStack

from django.db import connection

SQL, TEMPLATE, FORMS, OTHER = "sql", "template", "forms", "other"
PARTS = (SQL, TEMPLATE, FORMS, OTHER)


_current: Breakdown | None = None  # the breakdown being measured, if any
_installed = False


def _timed(part: str, func):
    """``func``, timed as ``part`` while a ``Breakdown`` is open (untouched otherwise)."""

    def wrapper(*args, **kwargs):
        breakdown = _current
        if breakdown is None:
            return func(*args, **kwargs)
        breakdown._enter(part)
        try:
            return func(*args, **kwargs)
        finally:
            breakdown._leave()

    wrapper.__wrapped__ = func
    return wrapper


def _install() -> None:
    """Put the timers in place once per process (they do nothing while none is open).

    crispy's filters are looked up by name when a template is parsed, so the cached
    template loaders are emptied once here: every template is parsed again with them.
    """
    global _installed
    if _installed:
        return
    from django.forms.renderers import BaseRenderer
    from django.template import engines
    from django.template.backends.django import Template

    Template.render = _timed(TEMPLATE, Template.render)
    BaseRenderer.render = _timed(FORMS, BaseRenderer.render)
    try:
        from crispy_forms.templatetags import crispy_forms_filters, crispy_forms_tags
    except ImportError:  # pragma: no cover - crispy is a dependency today
        pass
    else:
        node = crispy_forms_tags.CrispyFormNode
        node.render = _timed(FORMS, node.render)
        filters = crispy_forms_filters.register.filters
        for name in ("crispy", "as_crispy_field", "as_crispy_errors"):
            filters[name] = _timed(FORMS, filters[name])
    for engine in engines.all():
        for loader in getattr(getattr(engine, "engine", None), "template_loaders", ()):
            if hasattr(loader, "reset"):
                loader.reset()
    _installed = True


class Breakdown:
    """``with Breakdown() as b: ...`` then ``b.summary()`` (part -> ms) and ``b.queries``."""

    def __init__(self):
        self.ms: dict[str, float] = defaultdict(float)
        self.queries = 0
        self.total_ms = 0.0
        self._stack: list[list] = []  # [part, started, time spent in children]
        self._exit = ExitStack()
        self._started = 0.0

    def _enter(self, part: str) -> None:
        # Templates rendered by a form renderer or crispy are form rendering.
        if part == TEMPLATE and any(frame[0] == FORMS for frame in self._stack):
            part = FORMS
        self._stack.append([part, time.perf_counter(), 0.0])

    def _leave(self) -> None:
        part, started, children = self._stack.pop()
        elapsed = time.perf_counter() - started
        self.ms[part] += (elapsed - children) * 1000
        if self._stack:
            self._stack[-1][2] += elapsed

    def _sql(self, execute, sql, params, many, context):
        self.queries += 1
        self._enter(SQL)
        try:
            return execute(sql, params, many, context)
        finally:
            self._leave()

    def __enter__(self) -> Breakdown:
        global _current
        _install()
        self._exit.enter_context(connection.execute_wrapper(self._sql))
        _current = self
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        global _current
        self.total_ms = (time.perf_counter() - self._started) * 1000
        _current = None
        self._exit.close()
        self.ms[OTHER] = max(0.0, self.total_ms - sum(self.ms[p] for p in (SQL, TEMPLATE, FORMS)))
        return False

    def summary(self) -> dict[str, float]:
        return {part: round(self.ms.get(part, 0.0), 2) for part in PARTS}
