"""``CountedPaginator``: told the number of rows, it never counts them itself."""

from casework.common.pagination import CountedPaginator


class _Rows(list):
    """A list that refuses to be counted, as a queryset's ``COUNT(*)`` would be run."""

    def count(self):  # pragma: no cover - failing is the point
        raise AssertionError("the paginator counted the rows itself")

    def __len__(self):
        raise AssertionError("the paginator counted the rows itself")


def test_a_given_number_is_the_count():
    paginator = CountedPaginator(_Rows(range(60)), 25, count=60)
    page = paginator.get_page(3)
    assert (paginator.count, paginator.num_pages, page.number) == (60, 3, 3)
    assert list(page.object_list) == list(range(50, 60))


def test_a_counting_function_is_asked_once_and_only_when_needed():
    asked = []

    def count():
        asked.append(1)
        return 30

    paginator = CountedPaginator(_Rows(range(30)), 25, count=count)
    assert asked == []
    page = paginator.get_page("not a number")  # the first page, as Paginator.get_page does
    assert page.number == 1 and paginator.num_pages == 2
    assert paginator.count == 30
    assert asked == [1]


def test_an_empty_list_has_one_empty_page():
    page = CountedPaginator([], 25, count=0).get_page(4)
    assert page.number == 1 and list(page.object_list) == []
