"""The case file's "news" panel: whether the initiator (or someone offering help) did
something since this broker's previous visit. Rendering it marks the case read for
them, which clears the queue's unread mark (the case file view stays unaware of it:
the panel plugs in through initiatives.case_file.PANELS)."""

from .services import case_read_mark


def news_panel_context(initiative, request) -> dict:
    previous = case_read_mark(initiative=initiative, actor=request.user)
    activity = initiative.last_activity_at
    return {
        "last_activity_at": activity,
        "previous_visit": previous,
        "is_news": activity is not None and (previous is None or previous < activity),
    }
