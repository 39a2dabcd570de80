"""Keep the objects a process loads at start out of the garbage collector's full passes.

A web worker holds some 180,000 container objects once Django, the apps and their
libraries are imported (modules, classes, functions, URL patterns). CPython's full
collection walks every one of them, and a request that leaves a few thousand objects
behind in the older generations sets one off every few requests: measured on the broker's
queue at 100,000 cases, a pause of 100 to 250 ms on every fifth to tenth request, which
was the whole gap between its median and its p95. `gc.freeze()` moves what exists now
into a generation the collector never walks; objects made later are collected as before.
(The approach Instagram and others describe for forking servers.)

What the first requests load lazily (URL patterns, compiled templates, translations, the
queries and form markup kept per process) is made after that freeze: some 68,000 objects
on the broker's queue, and a full pass over them took 40 to 45 ms every few dozen requests
(the saved-view combinations' p95 in `make bench`). freeze_after_warm_up collects and
freezes again after a worker's 1st, 10th, 100th and 1,000th request, once each response has
gone out: what is loaded by then stays out of the full passes too."""

import gc
import threading

from django.core.signals import request_finished

# After these many requests a worker collects and freezes again (see above).
REFREEZE_AFTER = frozenset({1, 10, 100, 1000})
_served = 0
_lock = threading.Lock()


def freeze_loaded_objects() -> int:
    """Collect once, then freeze what is left. Returns the number of frozen objects."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def _refreeze(**kwargs) -> None:
    global _served
    with _lock:
        _served += 1
        due = _served in REFREEZE_AFTER
    if due:
        freeze_loaded_objects()


def freeze_after_warm_up() -> None:
    """Freeze what is loaded now, and again after the requests in REFREEZE_AFTER (a web
    worker after start: config/gunicorn.py; the benchmark as one)."""
    freeze_loaded_objects()
    request_finished.connect(_refreeze, dispatch_uid="config.memory.refreeze")
