"""Security and privacy probe of the new parts (publication, voting, ops endpoints):
malformed input never a 500, nothing of an unpublished idea public."""

import pytest
from django.urls import reverse

from tests.initiatives.factories import InitiativeFactory
from tests.voting.factories import HeadingFactory, PlanFactory

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.mark.parametrize(
    "query",
    [{"wijk": NUL}, {"thema": NUL}, {"pagina": NUL}, {"wijk": "x" * 5000}, {"pagina": "-1"}],
)
def test_gallery_filters_with_bad_values_are_no_500(client, query):
    response = client.get(reverse("initiatives:gallery"), query)
    assert response.status_code in (200, 400)


def test_similar_with_nul_bytes(client):
    InitiativeFactory(published=True, title="Moestuin")
    response = client.post(
        reverse("initiatives:similar"), {"title": f"moes{NUL}tuin", "description": NUL * 10}
    )
    assert response.status_code == 200


def test_similar_never_suggests_an_unpublished_idea(client):
    InitiativeFactory(title="Geheime moestuin plan")
    response = client.post(reverse("initiatives:similar"), {"title": "Geheime moestuin"})
    assert "Geheime" not in response.content.decode()


@pytest.fixture
def heading(db):
    heading = HeadingFactory(round__ballot_open=True)
    for number, cost in ((1, 6000), (2, 3000)):
        PlanFactory(heading=heading, number=number, cost=cost, feasible=True)
    return heading


def _ballot_url(heading):
    return reverse("voting:ballot", args=[heading.round.public_id, heading.pk])


@pytest.mark.parametrize(
    "data",
    [
        {"code": NUL, "plans": []},
        {"code": "ABCD" * 100, "plans": []},
        {"code": "KD7M-2QXR-9HTA", "plans": ["abc"]},
        {"code": "KD7M-2QXR-9HTA", "plans": ["99999999999999999999"]},
        {"code": "KD7M-2QXR-9HTA", "plans": [NUL]},
        {},
    ],
)
def test_malformed_ballots_are_refused_with_a_message(client, heading, data):
    response = client.post(_ballot_url(heading), data)
    assert 400 <= response.status_code < 500
    assert 'class="error' in response.content.decode() or "error" in response.content.decode()


def test_ballot_of_unknown_heading_is_404(client, heading):
    response = client.get(reverse("voting:ballot", args=[heading.round.public_id, 2**40]))
    assert response.status_code == 404


def test_pabulib_before_results_is_404(client, heading):
    response = client.get(reverse("voting:pabulib", args=[heading.round.public_id, heading.pk]))
    assert response.status_code == 404


def test_healthz_ready_says_only_yes_or_no(client):
    body = client.get("/healthz/ready").json()
    assert set(body) == {"status", "checks"}
    assert all(isinstance(value, bool) for value in body["checks"].values())


def test_metrics_without_token_is_refused(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    settings.METRICS_ALLOWED_NETWORKS = []
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-tokenx").status_code == 401
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert ok.status_code == 200


def test_a_plan_without_title_never_shows_the_initiators_own_words(broker):
    """The ballot is public: an idea nobody published has no title to borrow, and a
    published one lends its reviewed public title."""
    from django.core.exceptions import ValidationError

    from voting.services import plan_add

    heading = HeadingFactory()
    hood = heading.budget.neighbourhood
    private = InitiativeFactory(neighbourhood=hood, title="Moestuin bij Jan de Vries")
    with pytest.raises(ValidationError) as refused:
        plan_add(actor=broker, heading=heading, initiative=private, cost=100, summary="Tuin.")
    assert "title" in refused.value.message_dict
    public = InitiativeFactory(neighbourhood=hood, title="Eigen woorden", published=True)
    public.publication.title = "Samen een moestuin"
    public.publication.save()
    plan = plan_add(actor=broker, heading=heading, initiative=public, cost=100, summary="Tuin.")
    assert plan.title == "Samen een moestuin"
