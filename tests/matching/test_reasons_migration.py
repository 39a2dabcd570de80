"""Migrations 0009-0011: the reasons stored as sentences (in Dutch, or in English where
the engine ran in English) become their codes; a sentence not recognised is kept as
text. Backwards, each code is written as its Dutch sentence again."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCES = [
    "Gaat ook over: zwerfafval ≈ prikactie, plein",
    "Lijkt op dezelfde titel",
    "Zelfde thema",
    "Same neighbourhood",
    "Zoeken allebei: meedenken over mijn idee, vrijwilligers",
    "Both looking for: finding money",
    "Biedt ruimte of een plek, en daar wordt om gevraagd",
    "Aangeboden voor dit idee",
    "Zoeken allebei: vrijwilligers, iets onbekends",
    "Iets anders",
]
CODES = [
    {"code": "words", "words": "zwerfafval ≈ prikactie, plein"},
    {"code": "title"},
    {"code": "theme"},
    {"code": "neighbourhood"},
    {"code": "needs", "needs": ["thinking_along", "volunteers"]},
    {"code": "needs", "needs": ["funding"]},
    {"code": "offer_kind", "kind": "space"},
    {"code": "offered"},
    {"code": "text", "text": "Zoeken allebei: vrijwilligers, iets onbekends"},
    {"code": "text", "text": "Iets anders"},
]


def _targets(matching: str):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    return [(app, matching if app == "matching" else name) for app, name in leaves]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _pair(apps):
    Theme = apps.get_model("initiatives", "Theme")
    Initiator = apps.get_model("initiatives", "Initiator")
    Initiative = apps.get_model("initiatives", "Initiative")
    subject = Theme.objects.get_or_create(slug="migratie", defaults={"name": "Migratie"})[0]

    def idea(reference):
        return Initiative.objects.create(
            reference=reference,
            title="Idee",
            description="Tekst",
            theme=subject,
            initiator=Initiator.objects.create(kind="resident", name="Anna"),
            status="new",
            channel="web",
            submitted_at=timezone.now(),
            first_contact_due=date.today(),
        )

    return idea("R-1"), idea("R-2")


def test_stored_sentences_become_codes_and_back():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(_targets("0008_term_frequency"))
        a, b = _pair(old)
        suggestion = old.get_model("matching", "MatchSuggestion").objects.create(
            initiative_id=a.pk, other_initiative_id=b.pk, score=0.5, reasons=SENTENCES
        )
        _migrate(latest)

        from matching.models import MatchSuggestion
        from matching.reasons import reasons_shown

        reasons = MatchSuggestion.objects.get(pk=suggestion.pk).reasons
        assert reasons == CODES
        with translation.override("en"):
            shown = reasons_shown(reasons)
        assert shown[0] == "Also about: zwerfafval ≈ prikactie, plein"
        assert shown[4] == "Both looking for: thinking along about the idea, volunteers"
        assert shown[-2:] == SENTENCES[-2:]  # not recognised: as stored

        back = _migrate(_targets("0008_term_frequency"))
        stored = back.get_model("matching", "MatchSuggestion").objects.get(pk=suggestion.pk)
        assert stored.reasons == [
            "Gaat ook over: zwerfafval ≈ prikactie, plein",
            "Lijkt op dezelfde titel",
            "Zelfde thema",
            "Zelfde wijk",
            "Zoeken allebei: meedenken over het idee, vrijwilligers",
            "Zoeken allebei: geld zoeken",
            "Biedt ruimte of een plek, en daar wordt om gevraagd",
            "Aangeboden voor dit idee",
            "Zoeken allebei: vrijwilligers, iets onbekends",
            "Iets anders",
        ]
    finally:
        _migrate(latest)
