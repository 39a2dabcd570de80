"""The API's OpenAPI schema (/api/schema/) says what the API does."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_operation_documents_its_refusals(client):
    """Security probe: 400, 403, 404 and 429 were undocumented, so a client could not
    know them."""
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
        "POST /api/v1/initiatives/": ["200", "201", "400", "413", "415", "429"],
        "GET /api/v1/themes/": ["200", "400", "403"],
    }
    too_many = paths["/api/v1/initiatives/"]["post"]["responses"]["429"]
    assert set(too_many["headers"]) == {"Retry-After"}
