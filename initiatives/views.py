"""The resident's pages: home, submitting an idea, the confirmation, "Mijn idee" behind
the private link and its actions, the public gallery, and staff's assisted intake."""

import logging
import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.guards import staff_required
from accounts.roles import is_broker
from accounts.selectors import broker_profile_public_list
from config.errors import TransitionNotAllowed
from config.http import private_page
from messaging.constants import MessageChannel
from neighbourhoods.selectors import neighbourhood_list

from .attachments import MAX_COUNT as MAX_ATTACHMENTS
from .attachments import file_response
from .constants import OPEN_STATUSES, Status
from .forms import (
    CheckInForm,
    ErasureForm,
    InformationForm,
    IntakeForm,
    NewLinkForm,
    PreferencesForm,
    SubmissionForm,
    SurveyForm,
    WithdrawForm,
)
from .links import confirmation_token, private_token, private_url
from .pending_uploads import pending_discard, pending_read_all, pending_store
from .selectors import (
    GALLERY_PAGE_SIZE,
    attachment_get_for_initiative,
    attachment_get_for_staff,
    attachment_list,
    initiative_get_by_confirmation,
    initiative_get_by_token,
    initiative_public_list,
    initiative_similar,
    theme_list,
)
from .services import (
    followups,
    initiative_information_add,
    initiative_intake,
    initiative_link_renew,
    initiative_links_send,
    initiative_withdraw,
    initiator_erasure_request,
    initiator_preferences_change,
    message_channel_for,
)
from .throttles import (
    RATE_LIMITED,
    Admission,
    browser_sender,
    kept_files_allowed,
    remembers_browser,
    submission_admit,
    submission_allowed,
)
from .timeline import initiative_timeline

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    brokers = broker_profile_public_list()
    return render(
        request,
        "initiatives/home.html",
        {
            "brokers": brokers,
            "walk_in_hours": settings.WALK_IN_HOURS,
            "walk_in_hours_en": settings.WALK_IN_HOURS_EN,
        },
    )


def _submission_page(request, form, *, status=200, intake=False):
    """The form page. After errors, the files that passed the checks are kept (and shown
    as "already chosen"), so nobody has to choose them again."""
    template = "initiatives/intake.html" if intake else "initiatives/submit.html"
    return render(
        request, template, {"form": form, "kept": _files_kept(request, form)}, status=status
    )


def _files_kept(request, form, *, room=MAX_ATTACHMENTS) -> list:
    """A form that comes back with errors: its kept files, plus the files just chosen
    that pass the checks (pending_uploads), up to `room` and the per-address limit."""
    kept = list(form.kept)
    if not form.is_bound:
        return kept
    uploads = request.FILES.getlist("attachments")[: max(room - len(kept), 0)]
    if uploads and kept_files_allowed(request, len(uploads)):
        kept += [p for upload in uploads if (p := pending_store(upload)) is not None]
    return kept


def _submission_form(request, form_class):
    kept = pending_read_all(request.POST.getlist("kept_attachments"))
    return form_class(request.POST, request.FILES, kept=kept)


def _intake_done(form):
    # The kept files now live on the idea (or belonged to a repeat): drop the copies.
    pending_discard(form.kept)


# Pages with a form that asks for personal data are never stored (never_cache: no-store),
# so on a shared computer the next visitor cannot get one back from the browser's cache.
@never_cache
@remembers_browser
@require_http_methods(["GET", "POST"])
def submit(request):
    if request.method == "GET":
        return _submission_page(request, SubmissionForm(initial={"submission_key": uuid.uuid4()}))
    form = _submission_form(request, SubmissionForm)
    if not form.is_valid():
        return _submission_page(request, form)
    key = form.cleaned_data.get("submission_key")
    admission = submission_admit(request, key, sender=browser_sender(request))
    if admission is Admission.LIMITED:
        form.add_error(None, RATE_LIMITED)
        return _submission_page(request, form, status=429)
    # A repeated key (double click, resubmitted form) is not a new submission: the
    # service returns the first one.
    try:
        initiative, created = initiative_intake(
            actor=None,
            submission_key_is_new=admission is Admission.NEW,
            **form.submission_kwargs(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _submission_page(request, form)
    _intake_done(form)
    if not created and admission is not Admission.REPEAT:
        # Not this browser's idea, or nobody can tell (Redis did not answer): never the
        # first idea's page, which can show its private link.
        return redirect("initiatives:already_received")
    return redirect("initiatives:submitted", token=confirmation_token(initiative))


@require_safe
def already_received(request):
    """A repeated submission_key from another browser: no reference, nothing of the
    idea; where the link comes from instead."""
    return render(request, "initiatives/already_received.html")


@require_safe
def submitted(request, token: str):
    initiative = initiative_get_by_confirmation(token)
    if initiative is None:
        raise Http404
    has_email = initiative.initiator.can_receive_email
    response = render(
        request,
        "initiatives/submitted.html",
        {
            "initiative": initiative,
            "has_email": has_email,
            # Without e-mail the resident has no other way to get the private link.
            "private_url": None if has_email else private_url(initiative),
        },
    )
    return private_page(response)


@require_POST
def similar(request):
    """htmx: public ideas like the one being typed ("maybe join forces?")."""
    ideas = initiative_similar(
        title=request.POST.get("title", "")[:200],
        description=request.POST.get("description", "")[:1000],
    )
    return render(request, "initiatives/_similar.html", {"ideas": ideas})


# --- "Mijn idee" behind the private link ---


def _initiative_or_404(token):
    initiative = initiative_get_by_token(token)
    if initiative is None:
        raise Http404
    return initiative


def _mine_page(request, token, initiative, *, status=200, kept=(), **forms):
    initiator = initiative.initiator
    forms.setdefault(
        "information_form",
        InformationForm(auto_id="info_%s", attachment_count=initiative.attachments.count()),
    )
    forms.setdefault(
        "preferences_form",
        PreferencesForm(
            auto_id="pref_%s",
            initial={
                "preferred_channel": initiator.preferred_channel,
                "email": initiator.email,
                "phone": initiator.phone,
                "consent_matching": initiator.consent_matching_at is not None,
                "consent_publish": initiator.consent_publish_at is not None,
                "language": initiator.language,
            },
        ),
    )
    forms.setdefault("withdraw_form", WithdrawForm(auto_id="withdraw_%s"))
    forms.setdefault("erasure_form", ErasureForm(auto_id="erasure_%s"))
    broker = getattr(initiative.broker, "broker_profile", None) if initiative.broker_id else None
    timeline = initiative_timeline(initiative, for_initiator=True)
    # The outcome message came with the change that closed the case: the initiator's own
    # withdrawal wrote it in their language, a broker in staff's.
    closing = next((entry for entry in reversed(timeline) if entry.kind == "status"), None)
    context = {
        "token": token,
        "initiative": initiative,
        "initiator": initiator,
        "broker": broker,
        "is_open": initiative.status in OPEN_STATUSES,
        "can_withdraw": initiative.status in OPEN_STATUSES,
        "attachments": attachment_list(initiative=initiative),
        "timeline": timeline,
        "outcome_in_initiator_language": closing is not None and closing.in_initiator_language,
        "status_help": STATUS_HELP.get(initiative.status, ""),
        "has_errors": any(form.is_bound and form.errors for form in forms.values()),
        "kept": kept,
        **forms,
    }
    return private_page(render(request, "initiatives/mine.html", context, status=status))


STATUS_HELP = {
    Status.NEW: gettext_lazy(
        "Wij hebben uw idee ontvangen. Een ideeënmakelaar neemt contact met u op."
    ),
    Status.IN_CONVERSATION: gettext_lazy("Uw ideeënmakelaar is met u in gesprek over uw idee."),
    Status.IN_PROGRESS: gettext_lazy("Uw ideeënmakelaar helpt u om uw idee te laten lukken."),
    Status.REALISED: gettext_lazy("Uw idee is gelukt."),
    Status.NO_DEMAND: gettext_lazy("U heeft het geprobeerd, maar er was (nog) geen vraag naar."),
    Status.STOPPED: gettext_lazy("Uw idee is gestopt."),
    Status.WITHDRAWN: gettext_lazy("U heeft uw idee ingetrokken."),
    Status.REFERRED: gettext_lazy(
        "Uw vraag is doorgegeven aan een organisatie die u verder helpt."
    ),
}


@require_safe
def mine(request, token: str):
    return _mine_page(request, token, _initiative_or_404(token))


def _mine_action(view):
    """A form on the resident's page posts here. After errors the page is shown at this
    address, so a reload or the language switch asks for it with GET: that shows the
    page itself again (not an empty 405)."""

    @wraps(view)
    def action(request, token: str):
        if request.method != "POST":
            return redirect("initiatives:mine", token=token)
        return view(request, token)

    return require_http_methods(["GET", "HEAD", "POST"])(action)


@_mine_action
def mine_information(request, token: str):
    initiative = _initiative_or_404(token)
    attachment_count = initiative.attachments.count()
    form = InformationForm(
        request.POST,
        request.FILES,
        auto_id="info_%s",
        attachment_count=attachment_count,
        kept=pending_read_all(request.POST.getlist("kept_attachments")),
    )
    if form.is_valid():
        try:
            initiative_information_add(
                initiative=initiative,
                text=form.cleaned_data["text"],
                files=form.all_attachments(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            pending_discard(form.kept)
            messages.success(request, _("Dank u wel. Uw ideeënmakelaar ziet wat u toevoegde."))
            return redirect("initiatives:mine", token=token)
    kept = _files_kept(request, form, room=MAX_ATTACHMENTS - attachment_count)
    return _mine_page(request, token, initiative, information_form=form, kept=kept)


@_mine_action
def mine_preferences(request, token: str):
    initiative = _initiative_or_404(token)
    form = PreferencesForm(
        request.POST, auto_id="pref_%s", has_address=bool(initiative.initiator.address)
    )
    if form.is_valid():
        try:
            update = initiator_preferences_change(initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Uw keuzes zijn opgeslagen.") if update else _("U veranderde niets."),
            )
            return redirect("initiatives:mine", token=token)
    return _mine_page(request, token, initiative, preferences_form=form)


@_mine_action
def mine_withdraw(request, token: str):
    initiative = _initiative_or_404(token)
    form = WithdrawForm(request.POST, auto_id="withdraw_%s")
    if form.is_valid():
        try:
            initiative_withdraw(initiative=initiative, reason=form.cleaned_data["reason"])
        except TransitionNotAllowed:
            messages.error(request, _("Dit idee is al afgesloten. Intrekken kan niet meer."))
        else:
            messages.success(request, _("Uw idee is ingetrokken."))
        return redirect("initiatives:mine", token=token)
    return _mine_page(request, token, initiative, withdraw_form=form)


@_mine_action
def mine_new_link(request, token: str):
    initiative = _initiative_or_404(token)
    initiative = initiative_link_renew(initiative=initiative)
    if message_channel_for(initiative.initiator) != MessageChannel.EMAIL:
        # No e-mail to send it to: the resident just showed they hold the old link, so
        # they go to their page at the new one (a letter with it follows, if they chose
        # letters).
        messages.success(
            request,
            _(
                "De oude link werkt niet meer. U bent nu op uw pagina met de nieuwe link. "
                "Bewaar het adres van deze pagina goed, bijvoorbeeld als bladwijzer, en "
                "deel het niet."
            ),
        )
        return redirect("initiatives:mine", token=private_token(initiative))
    # This page's link no longer works: go to a page that says where the new one is.
    return redirect(reverse("initiatives:link_sent") + "?via=mine")


@_mine_action
def mine_erasure(request, token: str):
    initiative = _initiative_or_404(token)
    form = ErasureForm(request.POST, auto_id="erasure_%s")
    if not form.is_valid():
        return _mine_page(request, token, initiative, erasure_form=form)
    initiator_erasure_request(initiative=initiative)
    messages.success(
        request,
        _(
            "Wij verwijderen uw naam en contactgegevens. Uw idee blijft bewaard zonder "
            "uw gegevens, alleen voor de cijfers."
        ),
    )
    return redirect("initiatives:mine", token=token)


@require_safe
def mine_attachment(request, token: str, pk: int):
    initiative = _initiative_or_404(token)
    attachment = attachment_get_for_initiative(initiative=initiative, pk=pk)
    if attachment is None:
        raise Http404
    return private_page(_file_response(attachment))


def _file_response(attachment):
    return file_response(
        attachment.file,
        content_type=attachment.content_type,
        filename=f"{attachment.initiative.reference}-{attachment.pk}{attachment.extension}",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def new_link(request):
    """Ask for a new private link by e-mail. The answer is always the same, so nobody
    learns whether an address is known."""
    form = NewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submission_allowed(request):
            initiative_links_send(email=form.cleaned_data["email"])
        else:
            logger.info("event=new_link_rate_limited")
        return redirect("initiatives:link_sent")
    return render(request, "initiatives/new_link.html", {"form": form})


@require_safe
def link_sent(request):
    return render(request, "initiatives/link_sent.html", {"via_mine": "via" in request.GET})


# --- The public gallery ---


@require_safe
def gallery(request):
    neighbourhood_code = request.GET.get("wijk", "")[:20]
    theme_slug = request.GET.get("thema", "")[:50]
    page = Paginator(
        initiative_public_list(neighbourhood_code=neighbourhood_code, theme_slug=theme_slug),
        GALLERY_PAGE_SIZE,
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "initiatives/gallery.html",
        {
            "page": page,
            "neighbourhoods": neighbourhood_list(),
            "themes": theme_list(),
            "selected_neighbourhood": neighbourhood_code,
            "selected_theme": theme_slug,
        },
    )


# --- Staff: assisted intake and file downloads ---


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(is_broker)
def intake(request):
    """A broker registers an idea on a resident's behalf (phone, walk-in, letter ...)."""
    if request.method == "GET":
        form = IntakeForm(initial={"submission_key": uuid.uuid4()})
        return _submission_page(request, form, intake=True)
    form = _submission_form(request, IntakeForm)
    if not form.is_valid():
        return _submission_page(request, form, intake=True)
    try:
        initiative, _created = initiative_intake(actor=request.user, **form.submission_kwargs())
    except ValidationError as error:
        form.add_error(None, error)
        return _submission_page(request, form, intake=True)
    _intake_done(form)
    acknowledgement = initiative.messages.order_by("pk").first()
    messages.success(
        request,
        _("Idee %(reference)s is geregistreerd. De ontvangstbevestiging gaat via: %(channel)s.")
        % {
            "reference": initiative.reference,
            "channel": acknowledgement.get_channel_display() if acknowledgement else "-",
        },
    )
    return redirect("initiatives:intake")


@require_safe
@staff_required(is_broker)
def staff_attachment(request, pk: int):
    attachment = attachment_get_for_staff(viewer=request.user, pk=pk)
    if attachment is None:
        raise Http404
    return private_page(_file_response(attachment))


# --- The initiator's answer to a survey or a check-in (a private link in a message) ---


def _answer_page(request, item, *, name: str, form_class, answer):
    """A resident's answer behind a private link (survey, check-in): once, before the
    link expires; `answer(item, cleaned_data)` stores it."""
    if item is None:
        raise Http404
    closed = item.answered_at is not None or item.expires_at < timezone.now()
    form = form_class(request.POST or None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            answer(item, form.cleaned_data)
            return private_page(render(request, "initiatives/answer_thanks.html", {}))
        except followups.AnswerClosed:
            closed = True
    context = {"form": form, "closed": closed, name: item}
    return private_page(render(request, f"initiatives/{name}.html", context))


def survey(request, token: str):
    return _answer_page(
        request,
        followups.survey_get_by_token(token),
        name="survey",
        form_class=SurveyForm,
        answer=lambda survey, data: followups.survey_answer(
            survey=survey, score=data["score"], comment=data["comment"]
        ),
    )


def check_in(request, token: str):
    return _answer_page(
        request,
        followups.check_in_get_by_token(token),
        name="check_in",
        form_class=CheckInForm,
        answer=lambda check_in, data: followups.check_in_answer(
            check_in=check_in, answer=data["answer"], needs_help=data["needs_help"]
        ),
    )
