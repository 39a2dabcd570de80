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
