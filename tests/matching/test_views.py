import pytest
from django.urls import reverse

from accounts.roles import Role
from matching import services
from matching.constants import SuggestionStatus
from matching.models import MatchConsent, MatchSuggestion, Offer
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme

pytestmark = pytest.mark.django_db


def _suggestion():
    a = InitiativeFactory(
        title="Repair café",
        description="Kapotte spullen repareren met vrijwilligers.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    b = InitiativeFactory(
        title="Fietsen repareren",
        description="Kapotte fietsen repareren met jongeren.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    services.match_find(initiative_id=a.pk)
    return a, b, MatchSuggestion.objects.get()


def _panel_html(rf, broker, initiative) -> str:
    """The matching panel of a case file, as the broker sees it."""
    from django.template.loader import render_to_string

    from initiatives.case_file import PANELS

    panel = next(p for p in PANELS if p.key == "matching")
    request = rf.get("/")
    request.user = broker
    return render_to_string(
        panel.template_name, {"panel_context": panel.get_context(initiative, request)}, request
    )


def test_case_panel_lists_suggestions_with_bounded_queries(
    rf, broker, django_assert_max_num_queries
):
    a, b, suggestion = _suggestion()
    with django_assert_max_num_queries(4):
        html = _panel_html(rf, broker, b)
    assert a.title in html and "Voorstellen aan elkaar" in html


def test_accept_without_htmx_redirects_back(client, broker):
    a, b, suggestion = _suggestion()
    client.force_login(broker)
    response = client.post(
        reverse("matching:accept", args=[suggestion.pk]),
        {"initiative": a.pk},
        HTTP_REFERER="http://testserver/makelaar/ideeen/1/",
    )
    assert (
        response.status_code == 302
        and response["Location"] == "http://testserver/makelaar/ideeen/1/"
    )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED


def test_dismiss_with_htmx_returns_the_panel(client, broker):
    a, b, suggestion = _suggestion()
    client.force_login(broker)
    response = client.post(
        reverse("matching:dismiss", args=[suggestion.pk]),
        {"initiative": a.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="koppelingen"' in response.content.decode()
    # Says what follows from it, not only that something was saved.
    assert "Afgewezen: dit voorstel komt niet meer terug." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED


def test_after_a_decision_the_panel_still_returns_to_the_case_file(client, broker):
    """The refreshed panel's forms must not send a no-htmx post back to the decision's
    own URL (POST only: a 405), but to the case file, with its queue view."""
    from tests.matching.factories import MatchSuggestionFactory

    a = InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True))
    client.force_login(broker)
    case = reverse("brokers:case", args=[a.reference])
    for posted, back in ((f"{case}?view=3", f"{case}?view=3"), ("/elders/", case), ("", case)):
        decided, still_open = MatchSuggestionFactory.create_batch(2, initiative=a)
        response = client.post(
            reverse("matching:dismiss", args=[decided.pk]),
            {"initiative": a.pk, "next": posted},
            HTTP_HX_REQUEST="true",
        )
        content = response.content.decode()
        assert f'id="koppeling-{still_open.pk}"' in content  # its forms carry `next`
        assert f'name="next" value="{back.replace("&", "&amp;")}"' in content
        assert 'name="next" value="/makelaar/koppelingen/' not in content
        still_open.delete()


def test_decisions_need_a_broker(client, civil_servant):
    _a, _b, suggestion = _suggestion()
    client.force_login(civil_servant)
    assert client.post(reverse("matching:accept", args=[suggestion.pk])).status_code == 403


def test_consent_page_shows_no_person_and_records_the_answer(client, broker):
    a, b, suggestion = _suggestion()
    services.match_accept(suggestion=suggestion, actor=broker)
    consent = MatchConsent.objects.get(initiative=a)
    url = reverse("matching:consent", args=[services.consent_token(consent)])
    content = client.get(url).content.decode()
    assert b.title in content
    assert b.initiator.name not in content and b.initiator.email not in content
    response = client.post(url, {})
    html = response.content.decode()
    assert "Kies ja of nee." in html
    # The shared form mechanism: a summary the page focuses, linked to the question.
    assert 'id="error-summary"' in html and 'href="#id_answer_0"' in html
    assert "<title>Fout:" in html
    client.post(url, {"answer": "yes"})
    consent.refresh_from_db()
    assert consent.agreed is True


def test_offer_form_errors_keep_input_then_saves(client):
    url = reverse("matching:offer_new")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "space", "description": "Onze kantine", "name": "Bakkerij"}
    )
    content = response.content.decode()
    assert "Vul een e-mailadres of een telefoonnummer in (of allebei)." in content
    assert "toestemming" not in content.split("privacy-notice")[0]  # contact is no consent
    assert 'href="#id_email"' in content  # the summary links to the field
    assert "Onze kantine" in content
    response = client.post(
        url,
        {
            "kind": "space",
            "description": "Onze kantine",
            "name": "Bakkerij",
            "email": "b@x.nl",
            "in_return": "Naamsbekendheid",
            "consent_contact": "on",
            "consent_matching": "on",
        },
    )
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.consent_matching_at is not None and offer.in_return == "Naamsbekendheid"


@pytest.mark.parametrize("where", ["offer_new", "gallery_detail"])
def test_an_offer_sent_twice_is_one_offer_with_one_confirmation(client, where):
    """A double click or the form sent again (back, then send) makes one offer, as an
    idea's form does; another form (another key) is another offer."""
    import re

    from messaging.models import OutboundMessage

    if where == "offer_new":
        url = reverse("matching:offer_new")
    else:
        idea = InitiativeFactory(published=True, initiator=InitiatorFactory(public=True))
        url = reverse("matching:gallery_detail", args=[idea.reference])
    page = client.get(url).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page).group(1)
    data = {"kind": "time", "description": "Ik help op zaterdag", "name": "Bea", "email": "b@x.nl"}
    for _twice in range(2):
        response = client.post(url, data | {"submission_key": key})
        assert response.status_code == 302
        assert response["Location"] == reverse("matching:offer_thanks")
    assert Offer.objects.count() == 1
    assert OutboundMessage.objects.filter(to_email="b@x.nl").count() == 1
    page = client.get(url).content.decode()
    other = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page).group(1)
    assert other != key
    client.post(url, data | {"submission_key": other})
    assert Offer.objects.count() == 2


def test_offer_form_has_the_honeypot_and_the_limit(client, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "1/hour"}
    }
    url = reverse("matching:offer_new")
    data = {
        "kind": "time",
        "description": "Klussen",
        "name": "Jan",
        "email": "jan@example.nl",
        "consent_contact": "on",
    }
    assert client.post(url, data | {"website": "spam"}).status_code == 200
    assert not Offer.objects.exists()
    assert client.post(url, data).status_code == 302
    refused = client.post(url, data | {"description": "Nog meer klussen"})
    assert "Probeer het over een uur opnieuw" in refused.content.decode()
    assert "Nog meer klussen" in refused.content.decode()
    assert Offer.objects.count() == 1


def test_an_offer_made_in_english_gets_english_messages(client, broker):
    from django.conf import settings

    from matching import services
    from matching.models import MatchSuggestion
    from messaging.constants import MessageKind
    from messaging.models import OutboundMessage
    from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    idea = InitiativeFactory(needs=["location"], initiator=InitiatorFactory(matching_allowed=True))
    data = {"kind": "space", "description": "Our canteen", "name": "Bakery", "email": "b@x.nl"}
    consents = {"consent_contact": "on", "consent_matching": "on"}
    client.post(reverse("matching:offer_new"), data | consents)
    offer = Offer.objects.get()
    assert offer.language == "en"

    offer.neighbourhood = idea.neighbourhood
    offer.save(update_fields=["neighbourhood"])
    services.match_find(initiative_id=idea.pk)
    services.match_accept(suggestion=MatchSuggestion.objects.get(offer=offer), actor=broker)
    ask = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, to_email="b@x.nl")
    assert ask.subject == "Would you like to meet someone with a similar idea?"


def test_panel_says_when_a_side_cannot_be_asked(rf, broker):
    a = InitiativeFactory(
        title="Repair café",
        description="Kapotte spullen repareren met vrijwilligers.",
        initiator=InitiatorFactory(),  # no consent to share details
    )
    InitiativeFactory(
        title="Fietsen repareren",
        description="Kapotte fietsen repareren met jongeren.",
        initiator=InitiatorFactory(matching_allowed=True),
    )
    services.match_find(initiative_id=a.pk)
    html = _panel_html(rf, broker, a)
    assert "Voorstellen aan elkaar kan niet" in html and "Repair café" in html
    assert "(toestemming vragen)" not in html


def test_without_htmx_and_referrer_back_to_the_case_file(client, broker):
    a, _b, suggestion = _suggestion()
    client.force_login(broker)
    response = client.post(reverse("matching:dismiss", args=[suggestion.pk]), {"initiative": a.pk})
    assert response["Location"] == reverse("brokers:case", args=[a.reference])


def test_case_file_shows_the_matching_panel(client, broker):
    a, b, _suggestion_ = _suggestion()
    client.force_login(broker)
    response = client.get(reverse("brokers:case", args=[a.reference]))
    content = response.content.decode()
    assert 'id="koppelingen"' in content and b.title in content
    assert f'name="next" value="{reverse("brokers:case", args=[a.reference])}"' in content
    # The other idea opens from the panel, to read before introducing anyone.
    other = reverse("brokers:case", args=[b.reference])
    assert f'<a href="{other}"><strong>{b.reference}</strong> {b.title}</a>' in content


def test_broker_records_a_phone_answer_in_the_case_file_panel(
    client, broker, civil_servant, rf, django_assert_max_num_queries
):
    a, b, suggestion = _suggestion()
    b.initiator.email = ""
    b.initiator.phone = "038 421 00 00"
    b.initiator.save()
    services.match_accept(suggestion=suggestion, actor=broker)
    consent_b = MatchConsent.objects.get(initiative=b)
    url = reverse("matching:record_answer", args=[consent_b.pk])

    # The panel shows how each side was asked, and the buttons for the phone side.
    with django_assert_max_num_queries(4):
        html = _panel_html(rf, broker, a)
    assert "gevraagd per telefoon" in html and url in html

    client.force_login(civil_servant)
    assert client.post(url, {"answer": "yes"}).status_code == 403

    client.force_login(broker)
    response = client.post(url, {"initiative": a.pk}, HTTP_HX_REQUEST="true")
    assert "Kies ja of nee." in response.content.decode()

    response = client.post(url, {"initiative": a.pk, "answer": "no"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200 and 'id="koppelingen"' in content
    assert "vastgelegd door" in content and url not in content
    assert 'role="status" tabindex="-1" data-outcome>Antwoord vastgelegd.' in content
    consent_b.refresh_from_db()
    assert consent_b.agreed is False and consent_b.recorded_by == broker

    # Recording again (a second tab) is refused with a message, not an error page.
    response = client.post(url, {"initiative": a.pk, "answer": "yes"}, HTTP_HX_REQUEST="true")
    assert "al beantwoord" in response.content.decode()


def test_case_file_reads_the_matching_panel_in_its_one_round_trip(client, broker, rf):
    """The panel names its querysets (CasePanel.querysets): the case file reads the
    suggestions and their consents with its other reads, and shows what the panel shows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a, b, suggestion = _suggestion()
    b.initiator.email = ""
    b.initiator.phone = "038 421 00 00"
    b.initiator.save()
    services.match_accept(suggestion=suggestion, actor=broker)
    consent_b = MatchConsent.objects.get(initiative=b)
    client.force_login(broker)
    url = reverse("brokers:case", args=[a.reference])
    with CaptureQueriesContext(connection) as queries:
        content = client.get(url).content.decode()
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT "matching_')]
    on_its_own = _panel_html(rf, broker, a)
    record = reverse("matching:record_answer", args=[consent_b.pk])
    # What the panel shows on its own (its htmx refresh): the other case, how each side
    # was asked, the buttons to record the phone answer.
    for text in (b.title, "gevraagd per telefoon", record, f'id="koppeling-{suggestion.pk}"'):
        assert text in on_its_own and text in content


def test_an_expired_question_shows_no_buttons(rf, broker):
    from datetime import timedelta

    from django.utils import timezone

    a, b, suggestion = _suggestion()
    b.initiator.email = ""
    b.initiator.phone = "038 421 00 00"
    b.initiator.save()
    services.match_accept(suggestion=suggestion, actor=broker)
    MatchConsent.objects.update(expires_at=timezone.now() - timedelta(days=1))
    html = _panel_html(rf, broker, a)
    assert "geen antwoord, verlopen" in html
    assert "/vastleggen/" not in html


@pytest.mark.parametrize("initiative", ["abc", "-1", "9" * 30, ""])
def test_a_decision_with_a_garbled_case_id_is_not_a_500(client, broker, initiative):
    _a, _b, suggestion = _suggestion()
    client.force_login(broker)
    client.raise_request_exception = False
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = client.post(
            reverse("matching:dismiss", args=[suggestion.pk]),
            {"initiative": initiative},
            **headers,
        )
        assert response.status_code in (200, 302), headers


# --- Who may record an answer (issue 14, item 4) -----------------------------------------


def _asked_by_phone(*, b_broker):
    """a asked by e-mail, b (no e-mail) by a call task on b_broker's case."""
    a, b, suggestion = _suggestion()
    b.initiator.email = ""
    b.initiator.phone = "038 421 00 00"
    b.initiator.save()
    b.broker = b_broker
    b.save(update_fields=["broker"])
    services.match_accept(suggestion=suggestion, actor=b_broker)
    return a, b, MatchConsent.objects.get(initiative=a), MatchConsent.objects.get(initiative=b)


def _record_url(consent):
    return reverse("matching:record_answer", args=[consent.pk])


def test_a_colleague_sees_no_buttons_and_is_refused_with_a_message(client, broker, rf):
    colleague = StaffFactory(role=Role.BROKER, display_name="Karin Colleega")
    a, b, consent_a, consent_b = _asked_by_phone(b_broker=colleague)

    html = _panel_html(rf, broker, b)
    assert "gevraagd per telefoon" in html and "/vastleggen/" not in html
    assert "Karin Colleega" in html  # who records it instead

    client.force_login(broker)
    url = _record_url(consent_b)
    response = client.post(url, {"initiative": b.pk, "answer": "yes"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200 and 'id="koppelingen"' in content
    assert 'role="alert"' in content and "Alleen die makelaar of een coördinator" in content

    next_url = reverse("brokers:case", args=[b.reference])
    response = client.post(url, {"initiative": b.pk, "answer": "yes", "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    page = client.get(next_url).content.decode()
    assert "Dit idee is van Karin Colleega." in page

    consent_b.refresh_from_db()
    assert consent_b.answered_at is None and consent_b.recorded_by is None


def test_no_buttons_and_a_message_for_a_side_asked_by_email(client, broker, coordinator, rf):
    a, b, consent_a, consent_b = _asked_by_phone(b_broker=broker)
    a.broker = broker
    a.save(update_fields=["broker"])

    for viewer in (broker, coordinator):
        html = _panel_html(rf, viewer, a)
        assert "gevraagd per e-mail" in html
        assert _record_url(consent_a) not in html
        assert _record_url(consent_b) in html  # the phone side: theirs to record

    client.force_login(coordinator)
    url = _record_url(consent_a)
    response = client.post(url, {"initiative": a.pk, "answer": "yes"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "per e-mail gevraagd" in response.content.decode()
    response = client.post(url, {"initiative": a.pk, "answer": "yes"}, follow=True)
    assert response.status_code == 200 and "per e-mail gevraagd" in response.content.decode()
    consent_a.refresh_from_db()
    assert consent_a.answered_at is None


def test_a_coordinator_records_on_a_colleagues_case_in_the_panel(client, broker, coordinator, rf):
    a, b, consent_a, consent_b = _asked_by_phone(b_broker=broker)
    assert _record_url(consent_b) in _panel_html(rf, coordinator, b)

    client.force_login(coordinator)
    response = client.post(
        _record_url(consent_b), {"initiative": b.pk, "answer": "no"}, HTTP_HX_REQUEST="true"
    )
    assert "Antwoord vastgelegd." in response.content.decode()
    consent_b.refresh_from_db()
    assert consent_b.agreed is False and consent_b.recorded_by == coordinator
