from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_broker
from config.batch import prefetched_in_place
from initiatives.timeline import actor_name
from messaging.constants import MessageChannel

from .constants import DismissReason, SuggestionStatus
from .models import Introduction, MatchConsent, MatchSuggestion
from .parties import RECORDED_CHANNELS, answer_recordable_by, party_may_be_asked, party_title


def suggestion_get_for_viewer(*, viewer, pk: int) -> MatchSuggestion | None:
    """One suggestion, for brokers (and coordinators) only."""
    if not is_broker(viewer):
        return None
    return MatchSuggestion.objects.filter(pk=pk).first()


def consent_get_for_viewer(*, viewer, pk: int) -> MatchConsent | None:
    """One side's consent with its suggestion, for brokers (and coordinators) only."""
    if not is_broker(viewer):
        return None
    return MatchConsent.objects.select_related("suggestion").filter(pk=pk).first()


def _consents():
    """The consents as the case panel shows them (with who recorded an answer)."""
    return MatchConsent.objects.select_related("recorded_by__broker_profile").order_by("pk")


def suggestion_list_for_case(initiative):
    """Every suggestion touching this case, from either side, with what the panel shows
    (a fixed number of queries)."""
    return (
        MatchSuggestion.objects.filter(Q(initiative=initiative) | Q(other_initiative=initiative))
        .exclude(status=SuggestionStatus.DISMISSED)
        .select_related(
            "initiative__initiator",
            "initiative__neighbourhood",
            "initiative__broker__broker_profile",
            "other_initiative__initiator",
            "other_initiative__neighbourhood",
            "other_initiative__broker__broker_profile",
            "offer",
        )
        .prefetch_related(
            Prefetch(
                "consents",
                queryset=_consents(),
            )
        )
        .order_by("-score")[:20]
    )


_ASKED_BY = {
    MessageChannel.EMAIL: _("per e-mail"),
    MessageChannel.PHONE_TASK: _("per telefoon"),
    MessageChannel.LETTER_TASK: _("per brief"),
}


def case_panel_querysets(initiative, request) -> list:
    """What the panel reads, for the case file's one round trip (config.batch; the
    CasePanel's `querysets`): the suggestions and the consents of those suggestions."""
    suggestions = suggestion_list_for_case(initiative).prefetch_related(None)
    return [
        suggestions,
        _consents().filter(suggestion__in=suggestions.values("pk")),
    ]


def case_panel_context(initiative, request, *, rows=None) -> dict:
    """The context of templates/matching/_case_panel.html: two queries, or none with
    `rows` (case_panel_querysets, read by the case file)."""
    now = timezone.now()
    viewer = getattr(request, "user", None)
    if rows is not None:
        suggestions = prefetched_in_place(list(rows[0]), rows[1], "consents")
    else:
        suggestions = suggestion_list_for_case(initiative)
    rows = []
    for suggestion in suggestions:
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
                # After: each side's answer, or the buttons to record one given by phone.
                "consents": [
                    _consent_row(consent, suggestion, initiative=initiative, viewer=viewer, now=now)
                    for consent in suggestion.consents.all()
                ],
            }
        )
    # Where the no-htmx form posts return to: the case file the broker is on.
    next_url = request.get_full_path() if request is not None else ""
    return {
        "suggestions": rows,
        "initiative": initiative,
        "next": next_url,
        "dismiss_reasons": DismissReason.choices,
    }


def _consent_row(consent, suggestion, *, initiative, viewer, now) -> dict:
    party = suggestion.party(suggestion.side_of(consent))
    # Still to answer: the broker may record an answer given by phone or letter.
    still_open = (
        consent.answered_at is None
        and consent.expires_at >= now
        and suggestion.status == SuggestionStatus.ACCEPTED
    )
    recordable = answer_recordable_by(party=party, channel=consent.channel, actor=viewer)
    return {
        "consent": consent,
        "title": party_title(party),
        "this_case": consent.offer_id is None and consent.initiative_id == initiative.pk,
        "asked_by": _ASKED_BY.get(consent.channel, ""),
        "expired": consent.answered_at is None and consent.expires_at < now,
        # The buttons only for whoever may use them (the service checks again).
        "open": still_open and recordable,
        # A call or letter on a colleague's case: the page says who records the answer.
        "recorder": actor_name(party.broker)
        if still_open
        and not recordable
        and consent.channel in RECORDED_CHANNELS
        and consent.offer_id is None
        and party.broker_id is not None
        else "",
    }


def introduction_count(*, start, end) -> int:
    """Introductions made in [start, end): for the yearly figures."""
    return Introduction.objects.filter(created_at__gte=start, created_at__lt=end).count()
