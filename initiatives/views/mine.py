"""'Mijn idee' behind the private link: the page, its actions, files, and the lost-link
form."""

import logging
from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from config.errors import TransitionNotAllowed
from config.forms import service_errors_on
from config.http import private_page
from messaging.constants import MessageChannel

from ..attachments import MAX_COUNT as MAX_ATTACHMENTS
from ..constants import OPEN_STATUSES, PublicationStatus, Status
from ..forms import (
    ErasureForm,
    InformationForm,
    NewLinkForm,
    PreferencesForm,
    WithdrawForm,
)
from ..links import private_token
from ..pending_uploads import pending_discard, pending_read_all
from ..selectors import (
    attachment_get_for_initiative,
    attachment_list,
    initiative_get_by_token,
    publication_of,
)
from ..services import (
    initiative_information_add,
    initiative_link_renew,
    initiative_links_send,
    initiative_withdraw,
    initiator_erasure_request,
    initiator_preferences_change,
    initiator_publication_withdraw,
    message_channel_for,
)
from ..throttles import (
    submission_allowed,
)
from ..timeline import initiative_timeline
from .files import attachment_download, files_kept

logger = logging.getLogger(__name__)


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
        "publication": _publication_shown(initiative),
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


def _publication_shown(initiative):
    """What the page says about publication: "public" (with what exactly is public),
    "to_review", or None (nothing of the idea is public)."""
    publication = publication_of(initiative)
    if publication is None or initiative.initiator.consent_publish_at is None:
        return None
    # A withdrawn idea never becomes public (publication_publish refuses it): no review
    # to promise, nothing to take off.
    if initiative.status == Status.WITHDRAWN:
        return None
    if publication.status == PublicationStatus.PUBLISHED:
        return {"state": "public", "title": publication.title, "summary": publication.summary}
    if publication.status == PublicationStatus.TO_REVIEW:
        return {"state": "to_review"}
    return None


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
        with service_errors_on(form):
            initiative_information_add(
                initiative=initiative,
                text=form.cleaned_data["text"],
                files=form.all_attachments(),
            )
            pending_discard(form.kept)
            messages.success(request, _("Dank u wel. Uw ideeënmakelaar ziet wat u toevoegde."))
            return redirect("initiatives:mine", token=token)
    kept = files_kept(request, form, room=MAX_ATTACHMENTS - attachment_count)
    return _mine_page(request, token, initiative, information_form=form, kept=kept)


@_mine_action
def mine_preferences(request, token: str):
    initiative = _initiative_or_404(token)
    form = PreferencesForm(
        request.POST, auto_id="pref_%s", has_address=bool(initiative.initiator.address)
    )
    if form.is_valid():
        with service_errors_on(form):
            update = initiator_preferences_change(initiative=initiative, **form.cleaned_data)
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
def mine_unpublish(request, token: str):
    """The initiator takes their idea off the public pages: at once, no questions."""
    initiative = _initiative_or_404(token)
    initiator_publication_withdraw(initiative=initiative)
    messages.success(
        request,
        _("Uw idee staat niet meer openbaar op de website. U kunt dit altijd weer veranderen."),
    )
    return redirect("initiatives:mine", token=token)


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
    return private_page(attachment_download(attachment))


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
