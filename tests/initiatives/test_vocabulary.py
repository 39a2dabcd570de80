"""Compound splitting, index words in the stored documents, the brokers' thesaurus with
its history, the resumable rebuild, and the brokers' search over all of it."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from brokers.selectors import search_query
from config.errors import NotAllowed
from initiatives import tasks, vocabulary
from initiatives.models import DocumentRebuild, Initiative, SynonymGroup
from initiatives.services import (
    documents_rebuild_step,
    initiative_index,
    initiative_index_pending,
    synonym_group_check,
    synonym_group_save,
    synonym_groups_starter_load,
)
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("buurtbarbecue", ["buurt", "barbecue"]),
        ("fietsenstalling", ["fiets", "stalling"]),
        ("verkeersdrempel", ["verkeer", "drempel"]),  # the linking -s-
        ("geveltuin", ["gevel", "tuin"]),
        ("kinderen", []),  # an inflection, not a compound
        ("gesprekken", []),
        ("bibliotheek", []),
        ("onderhoud", []),  # a particle is no part
        ("tuin", []),
    ],
)
def test_compounds_split_by_word_frequency(word, parts):
    assert vocabulary.compound_parts(word) == parts


def test_a_word_longer_than_any_compound_is_not_split(monkeypatch):
    """Splitting costs time by the square of a word's length: a "word" of thousands of
    letters (pasted, or typed to probe) is not even tried, a long real compound still is."""
    long = "arbeidsongeschiktheidsverzekeringsmaatschappij"
    assert len(long) <= vocabulary.MAX_WORD and vocabulary.compound_parts(long)

    def tried(word):
        raise AssertionError(f"split tried on {len(word)} letters")

    monkeypatch.setattr("initiatives.vocabulary.words._best_split", tried)
    assert vocabulary.compound_parts("fietsenstalling" * 5) == []
    assert vocabulary.split_text("bloemenstraat" * 400 + " en-zo") == ["enzo"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # Inflections of a common word that does not split are no compounds...
        ("tomaten", []),
        ("oogsten", []),
        ("scheuren", []),
        ("tuinieren", []),
        ("walking", []),
        ("spelende", []),
        ("kunstenaar", []),
        # ...but a compound's inflection splits where its own parts meet.
        ("afvalbakken", ["afval", "bakken"]),
        ("voetballen", ["voet", "ballen"]),
        ("speeltuinen", ["speel", "tuinen"]),
    ],
)
def test_only_real_words_are_parts(word, parts):
    assert vocabulary.compound_parts(word) == parts


def test_which_stems_name_a_group():
    whole = {"hoogbejaard", "speeltuin", "veldj", "ruilbibliothek"}
    stems = whole | {"hoog", "bejaard", "spel", "tuin", "veld", "ruil", "bibliothek"}
    # A whole word, a diminutive's base, a long part, a head of five letters or more;
    # not a short part nor a first part.
    assert vocabulary.naming_stems(stems, whole) == whole | {"bejaard", "veld", "bibliothek"}
    # A compound that is a thesaurus word itself: its parts name nothing.
    named = vocabulary.naming_stems(stems, whole, thesaurus={"ruilbibliothek"})
    assert "bibliothek" not in named and "bejaard" in named


def _document(initiative) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(match_document), tsvector_to_array(search_document)"
            " FROM initiatives_initiative WHERE id = %s",
            [initiative.pk],
        )
        match, search = cursor.fetchone()
    assert set(match) <= set(search)
    return set(match)


def test_index_words_reach_both_documents_and_go_when_the_text_changes():
    initiative = InitiativeFactory(title="Geveltuinen", description="Een straat vol groen.")
    assert initiative.match_terms is None  # written without index words: pending
    assert initiative_index_pending() >= 1
    assert {"gevel", "tuin"} <= _document(initiative)
    # A bulk update (SQL, retention) of the text drops the words made for the old text...
    Initiative.objects.filter(pk=initiative.pk).update(description="Bankjes op het plein.")
    initiative.refresh_from_db()
    assert initiative.match_terms is None
    assert "gevel" not in _document(initiative)
    # ...and the next index run makes them for the new text.
    initiative_index(initiative_ids=[initiative.pk])
    assert {"gevel", "tuin", "plein"} <= _document(initiative)


def test_a_group_is_saved_with_stems_and_history_and_starts_a_rebuild(
    broker, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(
        "initiatives.services.vocabulary.current_app.send_task",
        lambda name, args: sent.append((name, args)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        group = synonym_group_save(actor=broker, words=["Fietsenmaker", "rijwielhersteller"])
    assert group.words == ["fietsenmaker", "rijwielhersteller"]
    assert group.stems and "rijwiel" not in group.stems
    rebuild = DocumentRebuild.objects.get()
    assert sent == [("initiatives.tasks.documents_rebuild", [rebuild.pk])]
    synonym_group_save(actor=broker, group=group, words=["fietsenmaker", "fietsmaker"])
    changes = list(group.changes.values_list("words_before", "words_after", "actor"))
    assert changes == [
        ([], ["fietsenmaker", "rijwielhersteller"], broker.pk),
        (["fietsenmaker", "rijwielhersteller"], ["fietsenmaker", "fietsmaker"], broker.pk),
    ]
    # The earlier rebuild is replaced by the new one: one runs at a time.
    assert DocumentRebuild.objects.filter(finished_at__isnull=True).count() == 1


def test_a_change_the_documents_do_not_depend_on_starts_no_rebuild(broker, monkeypatch):
    monkeypatch.setattr(
        "initiatives.services.vocabulary.current_app.send_task", lambda *a, **k: None
    )
    words = ["oppasopa", "oppasoma"]
    group = synonym_group_save(actor=broker, words=words)
    DocumentRebuild.objects.all().delete()
    # Who or where (setting) and the note are read as matching searches: no rebuild.
    synonym_group_save(actor=broker, group=group, words=words, setting=True)
    synonym_group_save(actor=broker, group=group, words=words, setting=True, note="wie")
    assert not DocumentRebuild.objects.exists()
    assert group.changes.count() == 3  # in the history all the same
    # Switched off, its token leaves the documents: rebuilt.
    synonym_group_save(actor=broker, group=group, words=words, note="wie", active=False)
    assert DocumentRebuild.objects.count() == 1


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["fietsenmaker"], "minstens twee"),
        (["fiets maker", "rijwiel"], "zonder spaties"),
        (["de", "fietsenmaker"], "te algemeen"),
    ],
)
def test_a_group_that_cannot_work_is_refused_in_dutch(words, message):
    with pytest.raises(ValidationError) as caught:
        synonym_group_check(words=words)
    assert message in " ".join(caught.value.messages)


def test_only_brokers_edit_the_thesaurus(django_user_model):
    resident = django_user_model.objects.create_user("someone", password="x")
    with pytest.raises(NotAllowed):
        synonym_group_save(actor=resident, words=["fietsenmaker", "rijwielhersteller"])


def test_the_rebuild_runs_in_batches_and_resumes_where_it_stopped(broker, monkeypatch):
    monkeypatch.setattr(
        "initiatives.services.vocabulary.current_app.send_task", lambda *a, **k: None
    )
    cases = [
        InitiativeFactory(description=f"Een rijwielhersteller in de straat {n}.") for n in "abc"
    ]
    initiative_index(initiative_ids=[c.pk for c in cases])
    group = synonym_group_save(actor=broker, words=["fietsenmaker", "rijwielhersteller"])
    rebuild = DocumentRebuild.objects.get(finished_at__isnull=True)
    assert documents_rebuild_step(rebuild_id=rebuild.pk, batch=2) is True  # a worker dies here
    rebuild.refresh_from_db()
    assert (rebuild.done, rebuild.last_id) == (2, sorted(c.pk for c in cases)[1])
    # Beat resumes it: the task runs the remaining batches.
    monkeypatch.setattr(tasks.documents_rebuild, "delay", tasks.documents_rebuild)
    assert tasks.documents_rebuild_resume() == 1
    rebuild.refresh_from_db()
    assert rebuild.finished_at is not None and rebuild.percent == 100
    for case in cases:
        assert vocabulary.token(group.pk) in _document(case)


def test_cases_submitted_or_deleted_during_a_rebuild_keep_its_progress_true(broker, monkeypatch):
    monkeypatch.setattr(
        "initiatives.services.vocabulary.current_app.send_task", lambda *a, **k: None
    )
    InitiativeFactory.create_batch(2)
    synonym_group_save(actor=broker, words=["fietsenmaker", "rijwielhersteller"])
    rebuild = DocumentRebuild.objects.get(finished_at__isnull=True)
    assert rebuild.total == 2
    documents_rebuild_step(rebuild_id=rebuild.pk, batch=1)
    InitiativeFactory.create_batch(3)  # submitted while it runs
    documents_rebuild_step(rebuild_id=rebuild.pk, batch=2)
    documents_rebuild_step(rebuild_id=rebuild.pk, batch=2)
    rebuild.refresh_from_db()
    assert rebuild.done <= rebuild.total and rebuild.done == 5
    assert rebuild.finished_at is None
    documents_rebuild_step(rebuild_id=rebuild.pk, batch=2)
    rebuild.refresh_from_db()
    assert (rebuild.done, rebuild.total, rebuild.percent) == (5, 5, 100)
    assert rebuild.finished_at is not None


def test_the_brokers_search_finds_compounds_parts_and_thesaurus_words(broker):
    synonym_groups_starter_load()
    honk = InitiativeFactory(title="Een honk voor de jeugd", description="Een eigen plek.")
    other = InitiativeFactory(title="Hangplek", description="Voor tieners bij het park.")
    InitiativeFactory(title="Bankjes", description="Zitten op het plein.")
    initiative_index(initiative_ids=list(Initiative.objects.values_list("pk", flat=True)))
    found = set(Initiative.objects.filter(search_document=search_query("jeugdhonk")))
    # "jeugdhonk" as its parts, and as "hangplek" (the starter thesaurus groups them).
    assert found == {honk, other}
    assert set(Initiative.objects.filter(search_document=search_query("koffie"))) == set()


def test_the_thesaurus_admin_saves_through_the_service_and_shows_errors(admin_client):
    url = reverse("admin:initiatives_synonymgroup_add")
    history = {f"changes-{key}": 0 for key in ("TOTAL_FORMS", "INITIAL_FORMS")}
    response = admin_client.post(
        url, {"words": "fietsenmaker", "note": "", "active": "on"} | history
    )
    assert response.status_code == 200
    assert "minstens twee" in response.content.decode()
    response = admin_client.post(
        url, {"words": "fietsenmaker\nrijwielhersteller", "note": "", "active": "on"} | history
    )
    assert response.status_code == 302
    group = SynonymGroup.objects.get(words__contains=["rijwielhersteller"])
    assert group.changes.count() == 1
    response = admin_client.get(reverse("admin:initiatives_documentrebuild_changelist"))
    assert "0 / " in response.content.decode() or "%" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        # A short part names no group, asked or stored: the library and the book cupboard
        # do not find each other (before, "bibliotheek" found "mini-bieb" through "bieb",
        # a word of its group, while "minibieb" did not find "bibliotheek").
        ("bibliotheek", {"De bibliotheek gaat dicht"}),
        ("minibieb", {"Een minibieb in de straat"}),
        # A long part names its group, asked (before, "buurtmoestuin" did not find
        # "schooltuin") or stored.
        ("buurtmoestuin", {"Buurtmoestuin achter de flat", "Een schooltuin bij school"}),
        ("schooltuin", {"Buurtmoestuin achter de flat", "Een schooltuin bij school"}),
    ],
)
def test_the_brokers_search_names_groups_by_the_rule_of_the_stored_documents(query, finds):
    synonym_groups_starter_load()
    titles = [
        "Een minibieb in de straat",
        "De bibliotheek gaat dicht",
        "Buurtmoestuin achter de flat",
        "Een schooltuin bij school",
    ]
    for title in titles:
        InitiativeFactory(title=title, description="Wie doet mee?")
    initiative_index(initiative_ids=list(Initiative.objects.values_list("pk", flat=True)))
    found = Initiative.objects.filter(search_document=search_query(query))
    assert {case.title for case in found} == finds


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("veldje", "veld"),
        ("tuintjes", "tuin"),
        ("balletje", "bal"),
        ("bloemenstrookjes", "bloemenstrook"),
        ("rondje", "rond"),
        ("oranje", ""),  # no diminutive
        ("tuin", ""),
    ],
)
def test_a_diminutive_is_read_with_its_base(word, base):
    assert vocabulary.diminutive_base(word) == base


def test_thesaurus_words_written_apart_are_read_as_one(broker):
    synonym_groups_starter_load()
    assert vocabulary.thesaurus_together(["Een repair café in de kerk", "Een café"]) == [
        ["repaircafé"],
        [],
    ]
    analysis = vocabulary.analyse("Een repair café in de kerk")
    group = SynonymGroup.objects.get(words__contains=["repaircafé"])
    assert group.pk in analysis.groups
    assert vocabulary.token(group.pk) in vocabulary.index_terms("Een repair café", "in de kerk")


def test_the_word_forms_migration_starts_a_rebuild_of_every_case():
    InitiativeFactory(title="Tomaten oogsten", description="In de buurttuin.")
    migration = import_module("initiatives.migrations.0035_documents_rebuild_word_forms")
    migration.forward(apps, None)
    rebuild = DocumentRebuild.objects.get(finished_at__isnull=True)
    assert rebuild.total == Initiative.objects.count()


def test_a_group_marked_who_or_where_keeps_the_mark_in_its_history(broker):
    group = synonym_group_save(actor=broker, words=["oppasopa", "oppasoma"])
    assert not group.setting
    group = synonym_group_save(
        actor=broker, words=["oppasopa", "oppasoma"], setting=True, group=group
    )
    assert group.setting
    # Saved again without saying: the mark stays, and an unchanged group writes no history.
    group = synonym_group_save(actor=broker, words=["oppasopa", "oppasoma"], group=group)
    assert group.setting
    assert [c.setting_after for c in group.changes.all()] == [False, True]


def test_beat_resumes_only_the_newest_rebuild_and_ends_the_ones_it_takes_over(monkeypatch):
    """An upgrade's migrations queue a rebuild each (0031, 0033, 0034, 0035) without
    ending the others; each rebuilds every case, so beat runs the newest only."""
    InitiativeFactory()
    queued = [DocumentRebuild.objects.create(reason=f"migratie {n}", total=1) for n in "abc"]
    started = []
    monkeypatch.setattr(tasks.documents_rebuild, "delay", started.append)
    assert tasks.documents_rebuild_resume() == 1
    assert started == [queued[-1].pk]
    assert list(DocumentRebuild.objects.filter(finished_at__isnull=True)) == [queued[-1]]


@pytest.mark.parametrize(
    ("title", "description", "names"),
    [
        (
            "Bankjes in de Merelstraat",
            "Bij buurthuis De Schakel zit niemand.",
            {"merelstraat", "de", "schakel"},
        ),
        ("Mevrouw Jansen belde", "Ze wil een AED in de Lindelaan.", {"jansen", "lindelaan"}),
        # A sentence's first word, Title Case and capitals are no names.
        ("Moestuin achter de flat", "Groente kweken. Tomaten en sla.", set()),
        ("Nieuwe Speeltuin In Het Park", "De GFT bak stinkt.", set()),
        ("ideetje", "", set()),
    ],
)
def test_names_in_a_text_are_the_capitalised_words_inside_a_sentence(title, description, names):
    assert vocabulary.proper_names(title, description) == names
