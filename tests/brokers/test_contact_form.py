"""The contact moment form (walkthrough, issue 16): every mistake at once, in words
about the field."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from brokers.models import ContactMoment
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _post(client, case, **fields):
    data = {
        "contact-happened_on": timezone.localdate().isoformat(),
        "contact-channel": "phone",
        "contact-duration_minutes": "15",
        "contact-intervention": "meeting",
        "contact-summary": "Gebeld over de plek.",
    }
    data |= {f"contact-{name}": value for name, value in fields.items()}
    return client.post(reverse("brokers:case-contact", args=[case.reference]), data)


def test_a_future_date_is_reported_together_with_the_other_mistakes(client, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = _post(client, case, happened_on=future, duration_minutes="-5", summary="  ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "De datum kan niet in de toekomst liggen." in page
    assert "Vul een duur van minstens 1 minuut in." in page
    assert "Schrijf kort op wat er besproken is." in page
    assert "Zorg ervoor" not in page and "Dit veld is vereist" not in page
    # Nothing typed is lost.
    assert f'value="{future}"' in page
    assert not ContactMoment.objects.filter(initiative=case).exists()


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("duration_minutes", "", "Vul een duur van minstens 1 minuut in."),
        ("duration_minutes", "0", "Vul een duur van minstens 1 minuut in."),
        ("duration_minutes", "kwartier", "Vul de duur in hele minuten in, zoals 15."),
        ("duration_minutes", "481", "Vul een duur van hoogstens 480 minuten in."),
        ("happened_on", "", "Vul de datum van het contact in."),
        ("summary", "", "Schrijf kort op wat er besproken is."),
        ("channel", "fax", "Kies hoe het contact was."),
        ("intervention", "", "Kies wat u heeft gedaan."),
    ],
)
def test_each_field_says_what_to_do(client, broker, field, value, error):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    page = _post(client, case, **{field: value}).content.decode()
    assert error in page


def test_a_date_before_the_idea_came_in_is_reported_with_the_rest(client, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    before = (timezone.localdate(case.submitted_at) - timedelta(days=3)).isoformat()
    page = _post(client, case, happened_on=before, summary="").content.decode()
    assert "De datum ligt voor de dag waarop het idee binnenkwam." in page
    assert "Schrijf kort op wat er besproken is." in page


def test_a_good_contact_is_saved(client, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    assert _post(client, case).status_code == 302
    assert ContactMoment.objects.filter(initiative=case).count() == 1
