"""Panels of the broker's case file contributed by other capabilities.

An app appends a CasePanel in its AppConfig.ready(); the case file view renders each
panel's template with the context its function returns (a bounded number of queries).
A panel that names its querysets (`querysets`) has them read with the case file's other
reads in one round trip (config.batch) and gets their rows as `rows=[...]`."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from config.batch import fetch_many


@dataclass(frozen=True)
class CasePanel:
    key: str
    template_name: str
    # (initiative, request) -> dict for the template; with `querysets`, also `rows=`
    get_context: Callable[..., dict]
    order: int = 100
    # (initiative, request) -> the querysets the panel reads (no prefetch_related), or
    # what a config.batch.ById gives for them
    querysets: Callable[[object, object], Sequence] | None = None


PANELS: list[CasePanel] = []


def panel_querysets(initiative, request) -> dict[str, list]:
    """The querysets of the panels that name theirs, by panel key."""
    return {
        panel.key: list(panel.querysets(initiative, request))
        for panel in PANELS
        if panel.querysets is not None
    }


def case_panels(initiative, request, rows: dict | None = None) -> list[tuple[CasePanel, dict]]:
    """Each panel with its context; `rows`: what panel_querysets read, by panel key
    (the case file reads them in its one round trip; without them they are read here,
    in one too)."""
    if rows is None:
        querysets = panel_querysets(initiative, request)
        read = iter(fetch_many([q for group in querysets.values() for q in group]))
        rows = {key: [next(read) for _q in group] for key, group in querysets.items()}
    return [
        (
            panel,
            panel.get_context(initiative, request, rows=rows[panel.key])
            if panel.key in rows
            else panel.get_context(initiative, request),
        )
        for panel in sorted(PANELS, key=lambda p: p.order)
    ]
