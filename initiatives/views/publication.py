"""The broker's review of what of an idea is public: a panel on the case file
(initiatives.case_file.PANELS) and its own page, whose two forms post here and answer
through the one responder (initiatives.case_actions)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.guards import staff_required
from accounts.roles import is_broker
from config.forms import service_errors_on

from ..case_actions import case_action_response
from ..constants import PublicationStatus
from ..forms import PublishForm, UnpublishForm
from ..models import Initiative
from ..selectors import publication_of
from ..services import publication_prefill, publication_publish, publication_unpublish

PANEL = "initiatives/case_panel_publication.html"
PAGE = "initiatives/publication_review.html"


def publication_panel_context(initiative, request, *, forms=None, notice="", error="") -> dict:
    """What the panel shows: the status (with the reason when it is not public), what is
    public now, the original and the forms. No query of its own when the case was read
    with select_related("publication"), as the case file does; the history of every
    change is kept (PublicationStatusChange) for the admin and audits."""
    forms = forms or {}
    publication = publication_of(initiative)
    initiator = initiative.initiator
    publish_form = forms.get("publish")
    if publish_form is None:
        publish_form = PublishForm(prefix="publish", initial=publication_prefill(initiative))
        # What is saved, not text the broker typed: the case file's guard for unsaved
        # text (static/js/casefile.js) counts it only once changed.
        publish_form.fields["summary"].widget.attrs["data-saved"] = ""
    return {
        "initiative": initiative,
        "publication": publication,
        "consent": initiator.consent_publish_at is not None and initiator.anonymised_at is None,
        "publish_form": publish_form,
        "unpublish_form": forms.get("unpublish") or UnpublishForm(prefix="unpublish"),
        "panel_notice": notice,
        "panel_error": error,
        "statuses": PublicationStatus,
    }


def _case_or_404(request, reference: str) -> Initiative:
    initiative = (
        Initiative.objects.select_related("initiator", "publication")
        .filter(reference=reference)
        .first()
    )
    if initiative is None:
        raise Http404
    return initiative


@staff_required(is_broker)
@require_safe
def publication_review(request, reference: str):
    """The review on a page of its own (the queue's task links here too)."""
    initiative = _case_or_404(request, reference)
    return render(
        request,
        PAGE,
        {"initiative": initiative, "panel_context": publication_panel_context(initiative, request)},
    )


def _act(request, reference, *, key, form, perform, success):
    initiative = _case_or_404(request, reference)
    succeeded = False
    if form.is_valid():
        with service_errors_on(form):
            perform(initiative, form.cleaned_data)
            succeeded = True
    forms = None if succeeded else {key: form}

    def context(**messages):
        shown = _case_or_404(request, reference) if succeeded else initiative
        return {
            "initiative": shown,
            "panel_context": publication_panel_context(shown, request, forms=forms, **messages),
        }

    return case_action_response(
        request,
        succeeded=succeeded,
        message=success if succeeded else "",
        fragment=lambda **messages: render(request, PANEL, context(**messages)),
        page=lambda: render(request, PAGE, context(), status=400),
        back=reverse("brokers:case", args=[initiative.reference]) + "#panel-publication",
    )


@staff_required(is_broker)
@require_POST
def publication_publish_view(request, reference: str):
    return _act(
        request,
        reference,
        key="publish",
        form=PublishForm(request.POST, prefix="publish"),
        perform=lambda initiative, data: publication_publish(
            initiative=initiative, actor=request.user, **data
        ),
        success=_("Het idee is openbaar, met deze titel en samenvatting."),
    )


@staff_required(is_broker)
@require_POST
def publication_unpublish_view(request, reference: str):
    return _act(
        request,
        reference,
        key="unpublish",
        form=UnpublishForm(request.POST, prefix="unpublish"),
        perform=lambda initiative, data: publication_unpublish(
            initiative=initiative, actor=request.user, **data
        ),
        success=_("Het idee is niet (meer) openbaar."),
    )
