"""The case file's body is written in Python (brokers/case_body.py,
brokers/case_body_actions.py): through the views it prints what its template printed
(kept beside this file as case_body_as_it_was.html), for a new case without a broker,
one of the viewer's own with everything filled in, one of a colleague, closed ones
(for a broker and a coordinator), an anonymised initiator, open tasks, referrals,
failed forms, a preview and a notice, in both languages."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from initiatives.constants import Status
from tests.accounts.factories import StaffFactory
from tests.brokers.factories import ReferralFactory
from tests.initiatives.factories import InitiativeFactory
from tests.messaging.factories import OutboundMessageFactory

pytestmark = pytest.mark.django_db

AS_IT_WAS = (Path(__file__).parent / "case_body_as_it_was.html").read_text()
HX = {"HTTP_HX_REQUEST": "true"}
# Not a visit (the case stays unread): both renders see the same news.
PREFETCH = {"HTTP_SEC_PURPOSE": "prefetch"}
_VARYING = [
    (re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"'), r'\1"CSRF"'),
    (re.compile(r'(name="message-key" value=")[^"]*'), r"\1KEY"),
]


@pytest.fixture
def as_it_was(settings, tmp_path):
    """Switch the case body's template back to the one as it was (first in DIRS)."""
    folder = tmp_path / "as_it_was" / "brokers"
    folder.mkdir(parents=True)
    (folder / "_case_body.html").write_text(AS_IT_WAS)
    normal = settings.TEMPLATES

    def switch(on: bool):
        if on:
            first = dict(normal[0], DIRS=[tmp_path / "as_it_was", *normal[0]["DIRS"]])
            settings.TEMPLATES = [first, *normal[1:]]
        else:
            settings.TEMPLATES = normal

    return switch


def _normal(html: str) -> str:
    for pattern, replacement in _VARYING:
        html = pattern.sub(replacement, html)
    return html


def _same(client, as_it_was, method: str, url: str, data=None, **headers) -> str:
    pages = []
    for old in (True, False):
        as_it_was(old)
        response = getattr(client, method)(url, data or {}, **headers)
        assert response.status_code in (200, 400), response.status_code
        pages.append(_normal(response.content.decode()))
    as_it_was(False)
    assert pages[1] == pages[0]
    assert 'id="case-body"' in pages[1]
    return pages[1]


def _case_url(case, view="status=new&a=<b>"):
    return reverse("brokers:case", args=[case.reference]) + "?" + f"view={view}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_kind_of_case_prints_what_the_template_printed(
    client, as_it_was, broker, coordinator, language
):
    colleague = StaffFactory(role="broker")
    new = InitiativeFactory()
    own = InitiativeFactory(
        in_conversation=True,
        broker=broker,
        outcome_message="Klaar <b>\nen nu",
        waiting_since=timezone.localdate(),
        waiting_reason="Begroting & plan",
        needs=["thinking_along", "volunteers"],
        initiator__phone="+31 6 1234 5678",
        initiator__address="Straat 1",
        initiator__postcode="",
        registered_by=broker,
    )
    OutboundMessageFactory(initiative=own, task=True, subject="Bel <even>", body="Hallo")
    OutboundMessageFactory(initiative=own, letter=True)
    ReferralFactory(initiative=own, broker=broker)
    ReferralFactory(initiative=own, broker=broker, helped=True)
    theirs = InitiativeFactory(broker=colleague)
    in_talk = InitiativeFactory(in_conversation=True, broker=colleague)
    closed = InitiativeFactory(realised=True, broker=broker)
    gone = InitiativeFactory(in_conversation=True, broker=broker)
    gone.initiator.anonymised_at = timezone.now()
    gone.initiator.save()
    client.cookies.load({"django_language": language})
    with translation.override(language):
        client.force_login(broker)
        for case in (new, own, theirs, in_talk, closed, gone):
            _same(client, as_it_was, "get", _case_url(case), **PREFETCH)
            _same(client, as_it_was, "get", _case_url(case), **PREFETCH, **HX)
        client.force_login(coordinator)
        for case in (closed, in_talk):
            _same(client, as_it_was, "get", _case_url(case), **PREFETCH)


def test_failed_forms_a_preview_and_a_notice_print_what_the_template_printed(
    client, as_it_was, broker
):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    base = f"/makelaar/ideeen/{case.reference}"
    for action, data in [
        ("contact", {"contact-happened_on": "morgen", "contact-summary": ""}),
        ("notitie", {"note-text": ""}),
        ("wachten", {"waiting-reason": ""}),
        ("doorverwijzen", {"referral-organisation": "", "referral-reason": ""}),
        ("toewijzen", {"assign-broker": ""}),
        ("bericht", {"message-message": ""}),
        ("bericht", {"message-message": "Hallo <daar>", "preview": "1"}),
        ("status", {"transition-to_status": "onzin"}),
    ]:
        html = _same(client, as_it_was, "post", f"{base}/{action}/?view=status%3Dnew", data)
        assert "error-summary" in html or "message-preview" in html
        _same(client, as_it_was, "post", f"{base}/{action}/", data, **HX)
    # A notice after an action (htmx: the body comes back with it).
    as_it_was(True)
    was = client.post(f"{base}/notitie/", {"note-text": "Eerste"}, **HX).content.decode()
    as_it_was(False)
    now = client.post(f"{base}/notitie/", {"note-text": "Eerste"}, **HX).content.decode()
    assert 'id="case-flash"' in now
    # The second note is a second timeline entry: compare all but the timeline.
    cut = '<section aria-labelledby="timeline-heading"'
    assert _normal(now).split(cut)[0] == _normal(was).split(cut)[0]


def test_a_colleagues_case_with_failed_forms_prints_what_the_template_printed(
    client, as_it_was, broker
):
    case = InitiativeFactory(in_conversation=True, broker=StaffFactory(role="broker"))
    client.force_login(broker)
    base = f"/makelaar/ideeen/{case.reference}"
    for action, data in [
        ("bericht", {"message-message": "Hallo"}),
        ("status", {"transition-to_status": Status.IN_PROGRESS}),
    ]:
        _same(client, as_it_was, "post", f"{base}/{action}/", data)
