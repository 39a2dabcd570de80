"""Reference data: rows administrators change a few times a year and every submission
reads (themes, neighbourhoods and their postcode ranges, custom message texts).

Each process loads such a set in one query and keeps it for `seconds`. Saving or
deleting a row of one of its models clears this process's copy at once; other processes
(the other web workers, the Celery worker) follow within `seconds`. Changes that send no
signal (bulk_create, queryset.update) also show within `seconds`."""

import time
from collections.abc import Callable

from django.db import transaction
from django.db.models.signals import post_delete, post_save

_ALL: list["ReferenceData"] = []


class ReferenceData:
    def __init__(self, load: Callable[[], object], *, models: list[str], seconds: float = 60):
        self._load = load
        self.seconds = seconds
        self._value = None
        self._until = 0.0
        self._version = 0
        for model in models:  # "app_label.ModelName", connected once the model is loaded
            for signal in (post_save, post_delete):
                signal.connect(self._changed, sender=model, weak=False)
        _ALL.append(self)

    def get(self):
        now = time.monotonic()
        if now >= self._until:
            # A change that lands while this loads (another thread's admin save) wins:
            # the load is used for this call but not kept.
            version = self._version
            value = self._load()
            if version == self._version:
                self._value, self._until = value, now + self.seconds
            return value
        return self._value

    def forget(self) -> None:
        self._version += 1
        self._until = 0.0

    def _changed(self, **_signal_kwargs) -> None:
        # The signal comes inside the change's transaction: forget once it has committed,
        # or another thread could load (and keep) the old rows in between.
        transaction.on_commit(self.forget)


def reference_data_forget() -> None:
    """Forget every set in this process (tests: a rollback sends no signals)."""
    for data in _ALL:
        data.forget()
