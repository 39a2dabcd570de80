from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_broker
from config.batch import ById, fetch_many, prefetched_in_place
from initiatives.models import Initiative
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


# Columns of a case the panel never shows: the search documents (and a neighbourhood's
# outline) are the bulk of a row, read and turned into objects for nothing.
_UNSHOWN = ("search_document", "match_document", "match_terms", "match_terms_of")


def _other_side(relation: str) -> tuple[list, list]:
    """select_related and defer for the initiative on the side `relation`."""
    related = [f"{relation}__{name}" for name in ("initiator", "neighbourhood", "broker")]
    related.append(f"{relation}__broker__broker_profile")
    unshown = [f"{relation}__{name}" for name in (*_UNSHOWN, "neighbourhood__shape")]
    return related, unshown


def _suggestions_where(pk: int, side: str, other: str):
    """The suggestions with case `pk` on `side`, with what the panel shows of the `other`
    side. Only the other side is joined: a query that joined both (twelve tables) took
    PostgreSQL longer to plan than the whole rest of the case file's reads."""
    related, unshown = _other_side(other)
    return (
        MatchSuggestion.objects.filter(**{f"{side}_id": pk})
        .exclude(status=SuggestionStatus.DISMISSED)
        .select_related(*related, *(["offer"] if other == "other_initiative" else []))
        .defer(*unshown)
        .order_by("-score", "pk")[:SUGGESTIONS_SHOWN]
    )


# The most suggestions the panel lists (the best scores).
SUGGESTIONS_SHOWN = 20

# What the panel reads of case `pk`, its SQL compiled once (config.batch.ById): the
# suggestions with the case on either side, their consents, and the case itself with
# its initiator and broker (each side of a suggestion is asked about).
_panel_reads = ById(
    lambda pk: [
        _suggestions_where(pk, "initiative", "other_initiative"),
        _suggestions_where(pk, "other_initiative", "initiative"),
        _consents().filter(Q(suggestion__initiative_id=pk) | Q(suggestion__other_initiative_id=pk)),
        Initiative.objects.filter(pk=pk)
        .select_related("initiator", "broker__broker_profile")
        .defer(*_UNSHOWN),
    ]
)


def case_panel_querysets(initiative, request) -> list:
    """What the panel reads, for the case file's one round trip (config.batch; the
    CasePanel's `querysets`): see _panel_reads."""
    return _panel_reads(initiative.pk)


def suggestion_list_for_case(initiative, rows=None) -> list[MatchSuggestion]:
    """Every suggestion touching this case, from either side (the best first), with what
    the panel shows and their consents in place: `rows` are what case_panel_querysets
    read (the case file's round trip), else they are read here in one."""
    if rows is None:
        rows = fetch_many(case_panel_querysets(initiative, None))
    as_first, as_other, consents, (case,) = rows
    for suggestion in as_first:
        suggestion.initiative = case
    for suggestion in as_other:
        suggestion.other_initiative = case
    best = sorted([*as_first, *as_other], key=lambda s: (-s.score, s.pk))
    return prefetched_in_place(best[:SUGGESTIONS_SHOWN], consents, "consents")


_ASKED_BY = {
    MessageChannel.EMAIL: _("per e-mail"),
    MessageChannel.PHONE_TASK: _("per telefoon"),
    MessageChannel.LETTER_TASK: _("per brief"),
}


def case_panel_context(initiative, request, *, rows=None) -> dict:
    """The context of templates/matching/_case_panel.html: one query, or none with
    `rows` (case_panel_querysets, read by the case file)."""
    now = timezone.now()
    viewer = getattr(request, "user", None)
    suggestions = suggestion_list_for_case(initiative, rows)
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
    return {
        "suggestions": rows,
        "initiative": initiative,
        "next": _back_to(initiative, request),
        "dismiss_reasons": DismissReason.choices,
    }


def _back_to(initiative, request) -> str:
    """Where the no-htmx form posts return to: the case file the broker is on (with its
    queue view). After a decision the panel comes back from a POST to the decision's own
    URL, which only takes POSTs: then the case file the form said, or plainly the case's."""
    if request is None:
        return ""
    if request.method == "GET":
        return request.get_full_path()
    case_url = reverse("brokers:case", args=[initiative.reference])
    posted = request.POST.get("next", "")
    return posted if posted.split("?")[0] == case_url else case_url


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
