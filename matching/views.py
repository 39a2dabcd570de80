import uuid
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker
from config.errors import REFUSALS, refusal_messages
from config.forms import service_errors_on
from config.http import private_page
from initiatives.case_actions import case_action_response
from initiatives.constants import Need
from initiatives.selectors import initiative_get_for_staff, initiative_public_get
from initiatives.throttles import RATE_LIMITED, submission_allowed

from . import services
from .constants import DismissReason, SuggestionStatus
from .forms import ConsentAnswerForm, HelpOfferForm, OfferForm
from .models import MatchSuggestion
from .parties import party_summary, party_title
from .selectors import case_panel_context, consent_get_for_viewer, suggestion_get_for_viewer


def _posted_pk(request, name) -> int | None:
    """A row id the page posted back, or None when it is not a number."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def _decide(request, suggestion: MatchSuggestion, act, *, done: str):
    """Run a broker's decision on a suggestion (act raises ValidationError to refuse),
    then show the case file's panel again through the one responder
    (initiatives/case_actions.py): refreshed in place for htmx, else after a redirect
    back, saying `done` (what follows from it) or why it was refused."""
    error = ""
    try:
        act()
    except REFUSALS as exc:
        # Not possible now, or not this broker's to do (a colleague's case, a side that
        # answers itself): say why in the panel.
        error = " ".join(refusal_messages(exc))

    def panel(*, notice, error):
        # The refreshed panel of the case the broker is looking at.
        initiative = initiative_get_for_staff(
            viewer=request.user, pk=_posted_pk(request, "initiative") or suggestion.initiative_id
        )
        if initiative is None:
            raise Http404
        context = case_panel_context(initiative, request) | {
            "panel_error": error,
            # Announced by screen readers (role=status): the panel was replaced.
            "panel_notice": notice,
        }
        return render(request, "matching/_case_panel.html", {"panel_context": context})

    def case_file():
        case = initiative_get_for_staff(viewer=request.user, pk=_posted_pk(request, "initiative"))
        return reverse("brokers:case", args=[case.reference]) if case else "/makelaar/"

    return case_action_response(
        request,
        succeeded=not error,
        message=error or done,
        fragment=panel,
        back=case_file,
        next_url=request.POST.get("next") or request.headers.get("Referer", ""),
    )


def _decide_suggestion(request, pk: int, service, *, done: str):
    """Accept or dismiss: service(suggestion=..., actor=...) from matching.services."""
    suggestion = suggestion_get_for_viewer(viewer=request.user, pk=pk)
    if suggestion is None:
        raise Http404
    act = partial(service, suggestion=suggestion, actor=request.user)
    return _decide(request, suggestion, act, done=done)


@staff_required(is_broker)
@require_POST
def accept(request, pk: int):
    return _decide_suggestion(
        request,
        pk,
        services.match_accept,
        done=_(
            "Beide kanten krijgen de vraag of ze kennis willen maken. Hun gegevens worden pas "
            "gedeeld als allebei ja zeggen."
        ),
    )


@staff_required(is_broker)
@require_POST
def dismiss(request, pk: int):
    reason = request.POST.get("reason") or DismissReason.OTHER_SUBJECT
    return _decide_suggestion(
        request,
        pk,
        partial(services.match_dismiss, reason=reason),
        done=_("Afgewezen: dit voorstel komt niet meer terug."),
    )


@staff_required(is_broker)
@require_POST
def record_answer(request, pk: int):
    """The broker records a party's answer to the consent question, given by phone, by
    letter or in person (people without e-mail answer this way)."""
    consent = consent_get_for_viewer(viewer=request.user, pk=pk)
    if consent is None:
        raise Http404
    answer = request.POST.get("answer")

    def act():
        if answer not in ("yes", "no"):
            raise ValidationError(_("Kies ja of nee."))
        services.match_consent_record(consent=consent, agreed=answer == "yes", actor=request.user)

    return _decide(request, consent.suggestion, act, done=_("Antwoord vastgelegd."))


def consent(request, token: str):
    """The question to one side: may we share your details with the other? Shows only
    what the other side's idea or offer is about, never who they are."""
    consent = services.consent_get_by_token(token)
    if consent is None:
        raise Http404
    other = services.consent_other_party(consent)
    closed = (
        consent.answered_at is not None
        or consent.expires_at < timezone.now()
        or consent.suggestion.status != SuggestionStatus.ACCEPTED
    )
    form = ConsentAnswerForm(request.POST if request.method == "POST" and not closed else None)
    if form.is_valid():
        agreed = form.cleaned_data["answer"] == "yes"
        try:
            services.match_consent_answer(consent=consent, agreed=agreed)
            return private_page(render(request, "matching/consent_done.html", {"agreed": agreed}))
        except services.ConsentClosed:
            closed = True
    response = render(
        request,
        "matching/consent.html",
        {
            "title": party_title(other),
            "summary": party_summary(other),
            "closed": closed,
            # Closed because both said yes: the page must not say nothing was shared.
            "introduced": consent.suggestion.status == SuggestionStatus.INTRODUCED,
            "form": form,
            "consent": consent,
        },
    )
    return private_page(response)


@never_cache  # asks for name, e-mail and phone: never kept in a browser's cache
def offer_new(request):
    form = OfferForm(request.POST or None, initial={"submission_key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid() and not submission_allowed(request):
        form.add_error(None, RATE_LIMITED)
    elif request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.offer_submit(actor=None, **form.offer_kwargs(request.LANGUAGE_CODE))
            return redirect("matching:offer_thanks")
    return render(request, "matching/offer_form.html", {"form": form})


def offer_thanks(request):
    # No form here: the offer was sent, and a second one starts from "Iets aanbieden".
    return render(request, "matching/offer_thanks.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def offer_mine(request, token: str):
    """The helper's own page (the link in their confirmation): what they offered, its
    state, and withdrawing it."""
    offer = services.offer_get_by_token(token)
    if offer is None:
        raise Http404
    if request.method == "POST":
        services.offer_withdraw(offer=offer)
        messages.success(request, _("Uw aanbod is ingetrokken. Wij doen er niets meer mee."))
        return redirect("matching:offer_mine", token=token)
    return private_page(render(request, "matching/offer_mine.html", {"offer": offer}))


# --- A public idea and "Ik wil helpen" (the gallery's detail page) ----------------------


@never_cache  # the "Ik wil helpen" form
@require_http_methods(["GET", "POST"])
def gallery_detail(request, reference: str):
    initiative = initiative_public_get(reference=reference)
    if initiative is None:
        raise Http404
    form = HelpOfferForm(request.POST or None, initial={"submission_key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid() and not submission_allowed(request):
        form.add_error(None, RATE_LIMITED)
    elif request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.offer_submit(
                actor=None, initiative=initiative, **form.offer_kwargs(request.LANGUAGE_CODE)
            )
            # The thanks page, not this idea's form again (empty, as if nothing was sent).
            return redirect("matching:offer_thanks")
    needs = [Need(need).label for need in initiative.needs if need in Need.values]
    return render(
        request,
        "matching/gallery_detail.html",
        {"initiative": initiative, "form": form, "needs_display": needs},
    )
