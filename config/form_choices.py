"""Model choices for the accessible forms (config.forms.AccessibleFormMixin)."""

from django import forms


class FetchedChoices(forms.models.ModelChoiceIterator):
    """A model choice field's options read with one plain query. Django's iterator
    reads them with queryset.iterator(), which on PostgreSQL is a server-side cursor:
    DECLARE, FETCH and CLOSE, three round trips for a list of twenty themes. A
    choices list is small by nature; the rows are few and read once per form."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


_fetched_iterators: dict[type, type] = {forms.models.ModelChoiceIterator: FetchedChoices}


def fetched_choices(iterator: type) -> type:
    """`iterator` (a ModelChoiceIterator subclass, such as django-filters' one with its
    null choice) with FetchedChoices' read underneath it."""
    if iterator not in _fetched_iterators:
        _fetched_iterators[iterator] = type(
            f"Fetched{iterator.__name__}", (iterator, FetchedChoices), {}
        )
    return _fetched_iterators[iterator]
