"""A paginator told how many rows there are, instead of asking ``COUNT(*)`` itself."""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """``Paginator`` with the number of rows given: a number, or a function that counts.

    For lists whose own ``COUNT(*)`` would be wasteful: a query with a dozen
    annotations (counted by a leaner query with the same rows), rows already
    counted with the page (``COUNT(*) OVER ()``), or several lists counted in one
    query. The count is asked for only when the paginator needs it, once.
    """

    def __init__(self, object_list, per_page, *, count: int | Callable[[], int], **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._given_count = count

    @cached_property
    def count(self) -> int:
        given = self._given_count
        return given() if callable(given) else given
