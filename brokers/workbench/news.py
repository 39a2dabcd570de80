"""The case file's "news" panel: whether the initiator (or someone offering help) did
something since this broker's previous visit. The panel only reads (its read mark comes
with the case file's other reads, initiatives.case_file.PANELS); the case file view
records the visit (brokers.views.case_file.case_detail), which clears the queue's unread
mark."""

from .selectors import case_read_for_viewer


def news_panel_querysets(initiative, request) -> list:
    return [case_read_for_viewer(viewer=request.user, initiative=initiative)]


def news_panel_context(initiative, request, *, rows) -> dict:
    (reads,) = rows
    previous = reads[0].read_at if reads else None
    activity = initiative.last_activity_at
    return {
        "last_activity_at": activity,
        "previous_visit": previous,
        "is_news": activity is not None and (previous is None or previous < activity),
    }
