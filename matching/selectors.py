from django.db.models import Q

from .constants import SuggestionStatus
from .models import Introduction, MatchSuggestion
from .parties import party_may_be_asked, party_title


def suggestion_list_for_case(initiative):
    """Every suggestion touching this case, from either side, with what the panel shows
    (a fixed number of queries)."""
    return (
        MatchSuggestion.objects.filter(Q(initiative=initiative) | Q(other_initiative=initiative))
        .exclude(status=SuggestionStatus.DISMISSED)
        .select_related(
            "initiative__initiator",
            "initiative__neighbourhood",
            "other_initiative__initiator",
            "other_initiative__neighbourhood",
            "offer",
        )
        .prefetch_related("consents")
        .order_by("-score")[:20]
    )


def case_panel_context(initiative, request) -> dict:
    rows = []
    for suggestion in suggestion_list_for_case(initiative):
        if suggestion.offer_id:
            other, other_kind = suggestion.offer, "offer"
        elif suggestion.initiative_id == initiative.pk:
            other, other_kind = suggestion.other_initiative, "initiative"
        else:
            other, other_kind = suggestion.initiative, "initiative"
        parties = [suggestion.initiative, suggestion.other_initiative or suggestion.offer]
        blocked = [p for p in parties if not party_may_be_asked(p)]
        rows.append(
            {
                "suggestion": suggestion,
                "other": other,
                "other_kind": other_kind,
                # Shown before the broker clicks: who cannot be asked for consent.
                "cannot_ask": [party_title(p) for p in blocked],
            }
        )
    # Where the no-htmx form posts return to: the case file the broker is on.
    next_url = request.get_full_path() if request is not None else ""
    return {"suggestions": rows, "initiative": initiative, "next": next_url}


def introduction_count(*, start, end) -> int:
    """Introductions made in [start, end): for the yearly figures."""
    return Introduction.objects.filter(created_at__gte=start, created_at__lt=end).count()
