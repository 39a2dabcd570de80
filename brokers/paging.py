"""The queue's pages: counted only as far as anyone reads the figure, and sorted in
memory when the view is known to be small."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from config.batch import count_many

from .selectors import order_in_memory

# A view is counted up to here: past it the page says "meer dan 10.000". Counting the
# 100,000 cases of every status, or the 40,000 closed ones, exactly cost more than the
# rest of the page's queries together, for a figure no broker reads; bulk actions take
# at most MAX_BULK cases (brokers.workbench.services), so nothing needs more.
COUNT_CAP = 10_000
# A view of at most this many cases is sorted in memory (selectors.order_in_memory).
# Measured per saved-view combination at 100,000 cases: sorting costs some 6-9 us a case
# (3-9 ms at 1,000), reading the order index costs about 50 / (share of cases matching)
# entries, unless the filters are correlated (then up to all 100,000: 70-180 ms). Below
# ~1,000 matches sorting won or tied in every combination, above it reading mostly won.
SORT_IN_MEMORY_MAX = 1_000
# The furthest page a view may name (the queue, a case file's previous/next): a link is
# typed or edited by hand, and a page past what PostgreSQL's LIMIT and OFFSET take
# (bigint) would be a 500. Far beyond any real queue.
MAX_PAGE = 1_000_000


class QueuePaginator(Paginator):
    """Pages of the marked rows, counted without the marks (a subquery per case), and
    only as far as needed: up to COUNT_CAP, or up to the page asked for when that lies
    beyond (so every page can be reached, and says whether there is a next one)."""

    def __init__(self, object_list, per_page, *, count_queryset, number=None):
        super().__init__(object_list, per_page)
        self.count_queryset = count_queryset
        try:
            # A page past every case shows the last one (get_page): a number of any
            # size must not reach the SQL (LIMIT is a bigint).
            asked = min(max(1, int(number)), MAX_PAGE)
        except (TypeError, ValueError):
            asked = 1
        self.cap = max(COUNT_CAP, asked * per_page)

    @cached_property
    def count(self) -> int:
        """The exact number of cases in the view, or cap + 1 when there are more."""
        return count_many([self.count_queryset[: self.cap + 1]])[0]

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def known_pages(self) -> int:
        """When capped: the pages known to be full ("Pagina 3 van meer dan 200")."""
        return self.cap // self.per_page

    def page(self, number):
        # The count is known by now: a small view is sorted in memory.
        if self.count <= SORT_IN_MEMORY_MAX:
            self.object_list = order_in_memory(self.object_list)
        return super().page(number)
