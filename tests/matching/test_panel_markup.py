"""The matching panel is written in Python (matching/markup.py): it prints what its
template printed, in every state a suggestion and its consents can be in. The template
as it was is kept beside this file (case_panel_as_it_was.html, its include inlined);
both are rendered for each state."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.roles import Role
from matching import services
from matching.models import MatchConsent
from matching.selectors import case_panel_context
from tests.accounts.factories import StaffFactory
from tests.matching.factories import MatchConsentFactory, MatchSuggestionFactory, OfferFactory
from tests.matching.test_views import _asked_by_phone, _suggestion

pytestmark = pytest.mark.django_db

TEMPLATE_AS_IT_WAS = (Path(__file__).parent / "case_panel_as_it_was.html").read_text()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _both(rf, viewer, initiative, **extra):
    request = rf.get("/makelaar/ideeen/x/?view=status%3Dnew&a=<b>")
    request.user = viewer
    context = {"panel_context": case_panel_context(initiative, request) | extra}
    before = engines["django"].from_string(TEMPLATE_AS_IT_WAS).render(context, request)
    now = render_to_string("matching/_case_panel.html", context, request)
    return _CSRF.sub("CSRF", before), _CSRF.sub("CSRF", now)


def _same(rf, viewer, initiative, **extra):
    before, now = _both(rf, viewer, initiative, **extra)
    assert now == before
    return now


def test_no_suggestions(rf, broker):
    from tests.initiatives.factories import InitiativeFactory

    html = _same(rf, broker, InitiativeFactory())
    assert "Nog geen koppelingen gevonden." in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_suggested_with_a_notice_or_an_error(rf, broker, language):
    a, b, _suggestion_ = _suggestion()
    with translation.override(language):
        _same(rf, broker, a)
        assert "data-outcome>Klaar &amp; &lt;b&gt;" in _same(
            rf, broker, b, panel_notice="Klaar & <b>"
        )
        _same(rf, broker, b, panel_error="Mis <i>")


def test_a_side_that_cannot_be_asked_and_an_offer(rf, broker):
    a, b, suggestion = _suggestion()
    b.initiator.consent_matching_at = None
    b.initiator.save()
    MatchSuggestionFactory(
        initiative=a,
        with_offer=True,
        offer=OfferFactory(description=" ".join(["woord"] * 40) + " <script>"),
    )
    html = _same(rf, broker, a)
    assert "Voorstellen aan elkaar kan niet" in html and "Aanbod" in html


def test_accepted_asked_by_phone_with_buttons_a_colleague_and_answers(rf, broker, coordinator):
    colleague = StaffFactory(role=Role.BROKER, display_name="Karin <Colleega>")
    a, b, consent_a, consent_b = _asked_by_phone(b_broker=colleague)
    shown = "".join(
        _same(rf, viewer, case) for viewer in (broker, coordinator, colleague) for case in (a, b)
    )
    assert 'class="consent-record"' in shown and "Antwoord van deze initiatiefnemer" in shown
    assert "Het antwoord legt Karin &lt;Colleega&gt; vast" in shown
    # Answered: yes recorded by a broker without a profile name, no, expired.
    recorder = StaffFactory(role=Role.BROKER, display_name="")
    MatchConsent.objects.filter(pk=consent_b.pk).update(
        agreed=True, answered_at=timezone.now(), recorded_by=recorder
    )
    MatchConsent.objects.filter(pk=consent_a.pk).update(agreed=False, answered_at=timezone.now())
    html = _same(rf, broker, a)
    assert "vastgelegd door" in html
    MatchConsentFactory(
        suggestion=MatchSuggestionFactory(initiative=a, accepted=True),
        expires_at=timezone.now() - timedelta(days=1),
    )
    MatchSuggestionFactory(initiative=a, introduced=True)
    MatchSuggestionFactory(initiative=a, dismissed=True)
    html = _same(rf, broker, a)
    assert "geen antwoord, verlopen" in html


def test_the_panel_after_a_decision_is_the_same_as_in_the_case_file(client, broker):
    a, b, suggestion = _suggestion()
    services.match_accept(suggestion=suggestion, actor=broker)
    client.force_login(broker)
    from django.urls import reverse

    page = client.get(reverse("brokers:case", args=[a.reference])).content.decode()
    assert 'id="koppelingen"' in page and b.title in page
