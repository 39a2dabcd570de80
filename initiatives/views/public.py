"""The public pages: home, submitting an idea (and staff's assisted intake, the same
form), the confirmation, similar ideas while typing, the gallery."""

import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.guards import staff_required
from accounts.roles import is_broker
from accounts.selectors import broker_profile_public_list
from config.forms import service_errors_on
from config.http import private_page
from messaging.constants import MessageChannel
from neighbourhoods.selectors import neighbourhood_list

from ..forms import (
    IntakeForm,
    SubmissionForm,
)
from ..gallery_map import gallery_map
from ..links import confirmation_token, private_url
from ..pending_uploads import pending_discard, pending_read_all
from ..selectors import (
    GALLERY_PAGE_SIZE,
    ConfirmationOfAnotherBrowser,
    attachment_get_for_staff,
    initiative_get_by_confirmation,
    initiative_public_list,
    initiative_similar,
    theme_list,
)
from ..services import (
    acknowledgement_given_in_call,
    initiative_intake,
    intake_take_on,
    message_channel_for,
)
from ..throttles import (
    RATE_LIMITED,
    Admission,
    browser_sender,
    remembers_browser,
    submission_admit,
)
from .files import attachment_download, files_kept

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
        request, template, {"form": form, "kept": files_kept(request, form)}, status=status
    )


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
    with service_errors_on(form):
        initiative, created = initiative_intake(
            actor=None,
            submission_key_is_new=admission is Admission.NEW,
            **form.submission_kwargs(),
        )
    if form.errors:
        return _submission_page(request, form)
    _intake_done(form)
    if not created and admission is not Admission.REPEAT:
        # Not this browser's idea, or nobody can tell (Redis did not answer): never the
        # first idea's page, which can show its private link.
        return redirect("initiatives:already_received")
    return redirect(
        "initiatives:submitted",
        token=confirmation_token(initiative, browser=browser_sender(request)),
    )


@require_safe
def already_received(request):
    """A repeated submission_key from another browser: no reference, nothing of the
    idea; where the link comes from instead."""
    return render(request, "initiatives/already_received.html")


@require_safe
def submitted(request, token: str):
    try:
        initiative = initiative_get_by_confirmation(token, browser=browser_sender(request))
    except ConfirmationOfAnotherBrowser:
        # Never the first idea's page, which can show its private link.
        return redirect("initiatives:already_received")
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
            "gallery_map": gallery_map(theme_slug=theme_slug, selected=neighbourhood_code),
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
    with service_errors_on(form):
        initiative, _created = initiative_intake(actor=request.user, **form.submission_kwargs())
    if form.errors:
        return _submission_page(request, form, intake=True)
    _intake_done(form)
    if form.cleaned_data.get("confirmed_in_call"):
        acknowledgement_given_in_call(initiative=initiative, actor=request.user)
        told = _("De bevestiging die u in het gesprek gaf, is vastgelegd.")
    else:
        told = _("De bewoner krijgt een ontvangstbevestiging via: %(channel)s.") % {
            "channel": MessageChannel(message_channel_for(initiative.initiator)).label
        }
    if form.cleaned_data.get("take_on"):
        with service_errors_on(form):
            intake_take_on(
                initiative=initiative,
                actor=request.user,
                told_in_call=bool(form.cleaned_data.get("confirmed_in_call")),
            )
        if form.errors:
            # Registered all the same: the case file says it has no broker yet, and why.
            messages.warning(request, " ".join(form.non_field_errors()))
        else:
            told += " " + _("U bent de ideeënmakelaar van dit idee.")
    messages.success(
        request,
        _("Idee %(reference)s is geregistreerd.") % {"reference": initiative.reference}
        + " "
        + told,
    )
    # On to the new case file: the broker usually goes on working it.
    return redirect(reverse("brokers:case", args=[initiative.reference]))


@require_safe
@staff_required(is_broker)
def staff_attachment(request, pk: int):
    attachment = attachment_get_for_staff(viewer=request.user, pk=pk)
    if attachment is None:
        raise Http404
    return private_page(attachment_download(attachment))
