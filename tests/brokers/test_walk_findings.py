"""Found by walking the platform as its users would (issues 16 and 19), checked without
a browser."""

import pytest

from brokers.models import StandardText
from brokers.services import standard_text_render
from demo.brokers import seed_standard_texts
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_standard_texts_without_their_own_greeting(admin_user):
    # Without any, a walkthrough of "close with a standard text" found nothing to pick;
    # with a "Beste {naam}" of its own, the initiator read two greetings.
    seed_standard_texts(staff={"admin@demo.local": admin_user})
    seed_standard_texts(staff={"admin@demo.local": admin_user})  # again: no duplicates
    texts = list(StandardText.objects.filter(is_active=True))
    assert {t.purpose for t in texts} == {"close", "update"}
    case = InitiativeFactory(title="Zomerbioscoop")
    for text in texts:
        words = standard_text_render(text=text, initiative=case)
        assert not words.lower().startswith(("beste", "geachte", "hallo"))
        assert "groet" not in words.lower()
        assert "{" not in words


@pytest.mark.parametrize(
    ("typed", "stored", "error"),
    [
        ("€ 1.500,-", 1500, None),
        ("1.500", 1500, None),
        ("2500", 2500, None),
        ("1.500,50", None, "Vul hele euro's in, zonder centen."),
        ("0", None, "Vul een bedrag van minstens € 1 in."),
        ("99999999999", None, "Dit bedrag is te hoog"),
        ("vijftig", None, "Vul een bedrag in euro's in"),
    ],
)
def test_a_plan_cost_is_typed_as_dutch_people_write_money(client, broker, typed, stored, error):
    # The cost was a number input: "€ 1.500,-" could not be typed, "1.500" was refused.
    from django.urls import reverse

    from tests.voting.factories import HeadingFactory
    from voting.models import Plan

    heading = HeadingFactory()
    initiative = InitiativeFactory(neighbourhood=heading.budget.neighbourhood)
    client.force_login(broker)
    response = client.post(
        reverse("voting:plan-add", args=[heading.round.pk]),
        {
            "reference": initiative.reference,
            "heading": heading.pk,
            "title": "Bankjes op het plein",
            "cost": typed,
            "summary": "Bankjes.",
        },
    )
    if error:
        assert response.status_code == 400
        page = response.content.decode()
        assert error in page.replace("&#x27;", "'")
        assert page.count('class="error-message"') == 1  # one message, next to the field
        assert not Plan.objects.exists()
    else:
        assert response.status_code == 302
        assert Plan.objects.get().cost == stored


def test_assisted_intake_speaks_to_the_broker_not_the_resident(client, broker):
    from django.urls import reverse

    client.force_login(broker)
    page = client.get(reverse("initiatives:intake")).content.decode()
    assert "Vertel de bewoner: wij gebruiken de gegevens alleen" in page
    assert "Vraag het de bewoner: die kiest zelf." in page
    # The resident's own words stay on the resident's form.
    assert "U kiest het zelf." not in page
    assert "Wij gebruiken uw gegevens alleen om u te helpen" not in page
    assert "U kiest het zelf." in client.get(reverse("initiatives:submit")).content.decode()


def test_moving_a_round_on_says_which_phase_it_is_in_now(client, coordinator):
    from django.urls import reverse

    from tests.voting.factories import HeadingFactory, PlanFactory
    from voting.constants import RoundStatus

    heading = HeadingFactory()
    PlanFactory(heading=heading)
    client.force_login(coordinator)
    response = client.post(
        reverse("voting:advance", args=[heading.round.pk]),
        {"to": RoundStatus.FEASIBILITY},
        follow=True,
    )
    # Before: "De stemronde is naar de volgende fase." (which one?)
    assert f"De stemronde staat nu in de fase ‘{RoundStatus.FEASIBILITY.label}’." in (
        response.content.decode()
    )


def test_the_figures_tables_name_their_first_column(client, civil_servant):
    # The table beside each chart said "Aantal | Aantal | Aandeel": the first column
    # (theme, neighbourhood, ...) carried the count's header.
    from django.utils import timezone

    from tests.initiatives.factories import InitiativeFactory

    InitiativeFactory()
    client.force_login(civil_servant)
    page = client.get(f"/cijfers/{timezone.localdate().year}/").content.decode()
    for first in ("Thema", "Wijk", "Soort initiatiefnemer", "Kanaal"):
        assert f'<thead><tr><th scope="col">{first}</th><th scope="col" class="num">Aantal' in page
    assert '<th scope="col">Aantal</th><th scope="col" class="num">Aantal' not in page


def test_the_queue_marks_unread_news_with_a_word_other_than_the_status(client, broker):
    # The unread mark said "Nieuw" right beside the status "Nieuw".
    from initiatives.services import initiative_information_add

    case = InitiativeFactory(in_conversation=True, broker=broker)
    initiative_information_add(initiative=case, text="Een tekening van de plek.", files=[])
    client.force_login(broker)
    page = client.get("/makelaar/?clear=1", follow=True).content.decode()
    assert '<span class="badge badge-unread">Nieuws<span class="visually-hidden">' in page
