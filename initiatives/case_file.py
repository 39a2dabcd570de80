"""Panels of the broker's case file contributed by other capabilities.

An app appends a CasePanel in its AppConfig.ready(); the case file view renders each
panel's template with the context its function returns (a bounded number of queries)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CasePanel:
    key: str
    template_name: str
    # (initiative, request) -> dict for the template
    get_context: Callable[[object, object], dict]
    order: int = 100


PANELS: list[CasePanel] = []


def case_panels(initiative, request) -> list[tuple[CasePanel, dict]]:
    return [
        (panel, panel.get_context(initiative, request))
        for panel in sorted(PANELS, key=lambda p: p.order)
    ]
