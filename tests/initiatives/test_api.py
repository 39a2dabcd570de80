import json
import uuid

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from initiatives.models import Initiative, InitiativeAttachment
from tests.initiatives.factories import theme
from tests.initiatives.files import PDF, PNG, upload
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/initiatives/"


@pytest.fixture(autouse=True)
def _setup():
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))


@pytest.fixture
def api():
    return APIClient()


def _json(**overrides):
    # JSON clients send real booleans.
    return submission_data(**({"consent_contact": True, "consent_publish": True} | overrides))


def test_json_submission_returns_reference(api):
    response = api.post(URL, _json(), format="json")

    assert response.status_code == 201
    initiative = Initiative.objects.get()
    assert response.json()["reference"] == initiative.reference
    assert response.json()["first_contact_due"] == initiative.first_contact_due.isoformat()
    assert initiative.neighbourhood.code == "WK019300"
    assert initiative.initiator.consent_publish_at is not None


def test_messages_are_dutch_unless_the_client_chose_english(api):
    api.post(URL, _json(), format="json")
    api.cookies["django_language"] = "en"
    api.post(URL, _json(title="Bankje bij de vijver"), format="json")
    languages = dict(Initiative.objects.values_list("title", "initiator__language"))
    assert languages == {"Buurtmoestuin achter de flat": "nl", "Bankje bij de vijver": "en"}


def test_a_client_states_the_language_of_the_messages(api):
    response = api.post(URL, _json(language="en"), format="json")
    assert response.status_code == 201
    assert Initiative.objects.get().initiator.language == "en"

    response = api.post(URL, _json(language="fr", title="Bankje"), format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["language"] == ["Kies een van de mogelijkheden."]


def test_multipart_submission_with_attachments(api):
    data = submission_data() | {"attachments": [upload(), upload("foto.png", PNG, "image/png")]}
    response = api.post(URL, data, format="multipart")

    assert response.status_code == 201, response.json()
    assert InitiativeAttachment.objects.count() == 2


def test_same_validation_as_the_form_with_json_errors(api):
    response = api.post(
        URL,
        _json(title="<b>Hoi</b>", theme="onbekend", email="", phone=""),
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "HTML" in errors["title"][0]
    assert "kennen wij niet" in errors["theme"][0]
    assert "telefoonnummer" in errors["email"][0]
    assert not Initiative.objects.exists()


def test_wrong_file_type_over_multipart_is_a_400(api):
    data = submission_data() | {"attachments": [upload("x.pdf", b"<html>nope</html>" * 20)]}
    response = api.post(URL, data, format="multipart")
    assert response.status_code == 400
    assert "geen PDF" in response.json()["errors"]["attachments"][0]


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "{not json", "null"])
def test_malformed_bodies_are_4xx_json(api, body):
    response = api.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()


def test_repeated_key_returns_the_first(api):
    key = str(uuid.uuid4())
    first = api.post(URL, _json(submission_key=key), format="json")
    second = api.post(URL, _json(submission_key=key), format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["reference"] == second.json()["reference"]
    assert second.json()["created"] is False
    assert Initiative.objects.count() == 1


def test_a_repeated_key_with_other_content_gets_nothing_of_the_first(api):
    """Another client that sends a key already used (copied, guessed from a log, a form
    left open): a 409 that says the idea was received, nothing of the first idea."""
    key = str(uuid.uuid4())
    first = api.post(
        URL,
        _json(submission_key=key, email="", phone="06 12345678", preferred_channel="phone"),
        format="json",
    )
    assert first.status_code == 201
    for other in (
        _json(submission_key=key, name="Iemand Anders", email="ander@example.nl"),
        _json(submission_key=key, email="", phone="06 12345678", preferred_channel="phone")
        | {"title": "Ander idee"},
    ):
        response = APIClient().post(URL, other, format="json")
        assert response.status_code == 409
        body = response.json()
        assert set(body) == {"errors"} and set(body["errors"]) == {"submission_key"}
        assert "al ontvangen" in body["errors"]["submission_key"][0]
        assert first.json()["reference"] not in response.content.decode()
        assert "Anna" not in response.content.decode()
    assert Initiative.objects.count() == 1


def test_a_repeat_while_redis_does_not_answer_gets_nothing_of_the_first(api, monkeypatch):
    import socket

    import redis

    from initiatives import throttles

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    nobody = redis.Redis(port=port, socket_connect_timeout=0.5).register_script("return 1")
    monkeypatch.setattr(throttles, "_script", nobody)
    data = _json()
    assert api.post(URL, data, format="json").status_code == 201
    assert api.post(URL, data, format="json").status_code == 409
    assert Initiative.objects.count() == 1


def test_throttled_per_address(api, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "2/hour"}
    }
    codes = [api.post(URL, _json(), format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert "detail" in api.post(URL, _json(), format="json").json()


def test_documented_in_openapi(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/initiatives/"]["post"]
    content = operation["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)
    assert {"200", "201", "400", "409", "429"} <= set(operation["responses"])
    assert api.get("/api/docs/").status_code == 200


@pytest.mark.parametrize("no", ["0", "no", "nee", "False", "off", 0, False])
def test_a_consent_is_only_a_plain_yes(api, no):
    """Django's checkbox reads any text as yes: "0" would have published the idea."""
    response = api.post(
        "/api/v1/initiatives/",
        _json(consent_publish=no, consent_matching=no),
        format="json",
    )
    assert response.status_code == 201, response.content
    initiator = Initiative.objects.get().initiator
    assert initiator.consent_publish_at is None and initiator.consent_matching_at is None
    # Contact is the service itself (public task), not a consent: the old field is ignored.
    kept = api.post(
        "/api/v1/initiatives/", _json(consent_contact=no), format="json", REMOTE_ADDR="10.0.0.9"
    )
    assert kept.status_code == 201, kept.content
    assert Initiative.objects.count() == 2


def test_a_consent_given_plainly_counts(api):
    for yes in (True, "on", "true"):
        response = api.post(
            "/api/v1/initiatives/",
            _json(consent_publish=yes),
            format="json",
            REMOTE_ADDR=f"10.0.0.{len(str(yes))}",
        )
        assert response.status_code == 201, response.content
    assert not Initiative.objects.filter(initiator__consent_publish_at__isnull=True).exists()


def test_lists_or_objects_where_one_value_belongs_are_a_400(api):
    """Audit finding: {"title": ["a", "b"]} was stored as the text "['a', 'b']"."""
    body = _json(title=["a", "b"], description={"a": 1}, name=["Anna"])
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"title", "description", "name"}
    assert "geen lijst" in errors["title"][0]
    assert not Initiative.objects.exists()
    # A list where a list belongs is fine.
    assert api.post(URL, _json(needs=["volunteers"]), format="json").status_code == 201


@pytest.mark.parametrize("field", ["title", "description", "name", "address"])
def test_a_lone_surrogate_is_refused_before_anything_is_spent(api, settings, field):
    """Security probe: "\\ud800" gave a 500 after taking a reference number, marking the
    submission_key as seen and counting against the address's limit."""
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "1/hour"}
    }
    good = _json(submission_key=str(uuid.uuid4()))
    # json.dumps writes the lone surrogate as the escape \ud800, as a client would.
    bad = json.dumps(good | {field: "Buurt\ud800tuin"})
    response = api.post(URL, bad, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            field: [
                "Deze tekst bevat een teken dat wij niet kunnen verwerken. Haal het weg, "
                "of typ de tekst opnieuw."
            ]
        }
    }
    # The same submission without it: not a repeat, not over the limit of one, and the
    # year's first reference.
    response = api.post(URL, good, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["created"] is True
    assert response.json()["reference"] == f"{timezone.localdate().year}-0001"


@pytest.mark.parametrize("value", [True, False, 12, 1.5])
def test_a_number_or_boolean_where_text_belongs_is_a_400(api, value):
    """Security probe: {"title": true} was stored as the title "True"."""
    body = _json(title=value, name=value, postcode=value, submission_key=value)
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    message = ["Geef hier tekst, geen getal of true/false."]
    assert response.json()["errors"] == dict.fromkeys(
        ["title", "name", "postcode", "submission_key"], message
    )
    assert not Initiative.objects.exists()
    # Consents take true/false, and null is "not given".
    body = _json(consent_matching=False, neighbourhood=None, email=None, phone="038 123 45 67")
    assert api.post(URL, body | {"preferred_channel": "phone"}, format="json").status_code == 201


def test_a_body_over_the_limit_is_a_413_in_json(api, settings):
    big = json.dumps(_json(description="x" * 3_000_000))
    response = api.post(URL, big, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {
        "detail": "Het verzoek is te groot. Zonder bijlagen mag het hoogstens 2,5\xa0MB zijn."
    }
    assert not Initiative.objects.exists()

    # Files do not count: a multipart submission with a larger file still goes in.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    data = submission_data() | {"attachments": [upload("plan.pdf", PDF + b"0" * 50_000)]}
    response = api.post(URL, data, format="multipart")
    assert response.status_code == 201, response.content
    # Too many fields is a 400 in JSON too, not Django's HTML page.
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = api.post(URL, submission_data() | {f"x{n}": "y" for n in range(20)})
    assert response.status_code == 400
    assert response.json() == {"detail": "Het verzoek heeft te veel velden."}


def test_malformed_json_is_refused_in_dutch(api):
    response = api.post(URL, '{"title": "Buurttuin",}', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Dit is geen geldige JSON (regel 1, teken 23)."}
    response = api.post(URL, b'{"title": "\xff"}', content_type="application/json")
    assert response.json() == {"detail": "De gegevens zijn geen geldige UTF-8-tekst."}
