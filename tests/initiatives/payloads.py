import uuid


def submission_data(**overrides) -> dict:
    """A valid web-form / API submission."""
    data = {
        "submission_key": str(uuid.uuid4()),
        "title": "Buurtmoestuin achter de flat",
        "description": "Met buren groente kweken op het grasveld. Voor iedereen in de straat.",
        "theme": "groen-leefomgeving",
        "neighbourhood": "",
        "postcode": "8011 AB",
        "needs": ["volunteers", "funding"],
        "initiator_kind": "resident",
        "name": "Anna de Vries",
        "email": "anna@example.nl",
        "phone": "",
        "address": "",
        "preferred_channel": "email",
        "consent_contact": "on",
        "consent_publish": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
