"""The API does what its OpenAPI schema (/api/schema/) says. Schemathesis generates
requests for every operation of the public and the staff API from the schema, sends them
in-process through Django's WSGI handler on the test database, and checks every answer:
no 500, a documented status code and content type, headers and a body that fit the
schema. Staff operations go with a broker's token (the figures with a civil servant's).
Some requests reach a real case, referral and year, some submissions start out valid, and
some JSON bodies get odd text in one field: lone surrogates and the rest of Unicode,
which schemathesis's own UTF-8 strings leave out."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from brokers.services import referral_create
from initiatives.services import initiative_assign
from tests.brokers.factories import OrganisationFactory
from tests.initiatives.factories import InitiativeFactory, theme
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

# What the schema promises. Left out: whether schema-valid data is accepted (a valid
# broker id or status may still not exist, or not be allowed for this case) and whether
# invalid data is refused (DRF reads "1" as true, as its documentation says).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

SUBMIT = "/api/v1/initiatives/"

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {
            "max-examples": 15,
            # No example database: a run does not depend on earlier ones.
            "database": "none",
            # Every request carries the token below; the refusals without one are in
            # tests/brokers/test_api.py.
            "with-security-parameters": False,
        },
        "phases": {"stateful": {"enabled": False}},
        "operations": [
            {
                # The coverage phase's requests would all name made-up cases (404):
                # these get more fuzzed requests instead, half of them on a real case.
                "include-path-regex": r"\{reference\}",
                "phases": {"coverage": {"enabled": False}},
                "generation": {"max-examples": 25},
            },
            {
                # Half of its fuzzed JSON requests start out as a valid idea.
                "include-path": SUBMIT,
                "generation": {"max-examples": 40},
            },
        ],
    }
)

# Loaded through the app itself: the schema the API serves is the one tested.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", get_wsgi_application(), config=CONFIG
)

# Any text around a lone surrogate (U+D800..U+DFFF: half a character).
ODD_TEXT = st.builds(
    "{}{}{}".format, st.text(max_size=10), st.integers(0xD800, 0xDFFF).map(chr), st.text()
)

# The case, referral and year of the test at hand, for the hook below.
KNOWN = {}
# Odd text drawn for a case (by its id), sent as its JSON body: schemathesis checks a
# case's own body against the schema again when it changes before sending, and its
# validator cannot read lone surrogates.
ODD_BODIES = {}


@pytest.fixture(autouse=True)
def _in_process(db, settings):
    # As Django's test client does: a request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Hundreds of submissions from one address: the limit itself is tested elsewhere.
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "100000/hour"}
    }
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _known(broker):
    """A case of the broker's with a referral, and what a valid submission needs."""
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300"))
    initiative = InitiativeFactory(neighbourhood=None)
    initiative_assign(initiative=initiative, broker=broker, actor=broker)
    referral = referral_create(
        initiative=initiative, organisation=OrganisationFactory(), actor=broker, reason="Hulp"
    )
    KNOWN.update(
        reference=initiative.reference,
        referral_id=str(referral.pk),
        year=timezone.localdate().year,
    )
    yield
    KNOWN.clear()
    ODD_BODIES.clear()


@st.composite
def _varied(draw, case):
    # New containers, never changes in place: a generated value may be shared with the
    # next case (an example from the schema, say).
    known = {name: value for name, value in KNOWN.items() if name in case.path_parameters}
    picked = {name: value for name, value in known.items() if draw(st.booleans())}
    if picked:
        case.path_parameters = case.path_parameters | picked
    if case.media_type != "application/json" or not isinstance(case.body, dict):
        return case
    if case.operation.path == SUBMIT and draw(st.booleans()):
        case.body = submission_data(consent_contact=True)
    if case.body and draw(st.booleans()):
        field = draw(st.sampled_from(sorted(case.body)))
        ODD_BODIES[case.id] = case.body | {field: draw(ODD_TEXT)}
    return case


@schema.hook
def flatmap_case(context, case):
    return _varied(case)


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None, database=None)
def test_api_does_what_its_schema_says(case, broker, civil_servant):
    user = civil_servant if case.path.startswith("/api/v1/figures/") else broker
    token, _ = Token.objects.get_or_create(user=user)
    odd = ODD_BODIES.pop(case.id, None)
    headers = {"Authorization": f"Token {token.key}"}
    # json.dumps writes a lone surrogate as its escape (\ud800), as a client would.
    response = case.call(headers=headers, **({} if odd is None else {"data": json.dumps(odd)}))
    if odd is not None:
        # What was sent, for a failure's "Reproduce with" (the case's metadata is settled
        # once it has been sent, so this is not checked against the schema again).
        case.body = odd
    case.validate_response(response, checks=CHECKS, headers=headers)


def test_every_operation_documents_its_refusals(client):
    """Security probe: 400, 403, 404 and 429 were undocumented (a client could not know
    them, and schemathesis above counts an undocumented status as a failure)."""
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    documented = {
        f"{method.upper()} {path}": sorted(operation["responses"])
        for path, item in paths.items()
        for method, operation in item.items()
    }
    case_post = ["400", "403", "404", "413", "415"]
    assert documented == {
        "GET /api/v1/cases/": ["200", "400", "403", "404"],
        "GET /api/v1/cases/{reference}/": ["200", "400", "403", "404"],
        "POST /api/v1/cases/{reference}/assign/": ["200", *case_post],
        "POST /api/v1/cases/{reference}/contact-moments/": ["201", *case_post],
        "POST /api/v1/cases/{reference}/notes/": ["201", *case_post],
        "POST /api/v1/cases/{reference}/referrals/": ["201", *case_post],
        "POST /api/v1/cases/{reference}/referrals/{referral_id}/outcome/": ["200", *case_post],
        "POST /api/v1/cases/{reference}/transition/": ["200", *case_post],
        "POST /api/v1/cases/{reference}/waiting/": ["200", *case_post],
        "GET /api/v1/figures/{year}/": ["200", "400", "403", "404"],
        "POST /api/v1/initiatives/": ["200", "201", "400", "409", "413", "415", "429"],
        "GET /api/v1/themes/": ["200", "400", "403"],
    }
    too_many = paths["/api/v1/initiatives/"]["post"]["responses"]["429"]
    assert set(too_many["headers"]) == {"Retry-After"}
