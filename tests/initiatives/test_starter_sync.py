"""The migrations that extend the starter thesaurus (0026, 0028, 0029, 0031, 0033, 0034,
0037, 0038, 0039) run initiatives.starter_thesaurus.starter_groups_sync: what it adds, updates and
leaves."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from initiatives.models import DocumentRebuild, SynonymGroup, SynonymGroupChange
from initiatives.starter_thesaurus import STARTER, starter_groups_sync
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _sync():
    return starter_groups_sync(
        apps, SimpleNamespace(connection=connection), reason="Startthesaurus uitgebreid (test)"
    )


def test_new_groups_come_in_untouched_ones_follow_and_a_brokers_group_stays():
    InitiativeFactory()
    SynonymGroup.objects.all().delete()
    first, second = (line.split() for line in STARTER[:2])
    old = SynonymGroup.objects.create(words=first[:2], stems=[], note="startset")
    edited = SynonymGroup.objects.create(words=second[:2], stems=[], note="startset")
    SynonymGroupChange.objects.create(group=edited, words_before=second[:3], words_after=second[:2])

    assert _sync() == len(STARTER) - 1

    old.refresh_from_db()
    edited.refresh_from_db()
    assert old.words == first and old.stems  # stems from PostgreSQL's Dutch stemmer
    assert edited.words == second[:2]  # as the broker left it
    assert SynonymGroup.objects.count() == len(STARTER)
    rebuild = DocumentRebuild.objects.get()
    assert rebuild.reason == "Startthesaurus uitgebreid (test)" and rebuild.total == 1

    assert _sync() == 0  # a second run changes nothing and queues no rebuild
    assert DocumentRebuild.objects.count() == 1


def test_a_withdrawn_starter_group_is_deactivated_unless_a_broker_changed_it():
    from initiatives.starter_thesaurus import WITHDRAWN

    SynonymGroup.objects.filter(words__0__in=WITHDRAWN).delete()
    taken_back = SynonymGroup.objects.create(words=[WITHDRAWN[0], "x"], stems=[], note="startset")
    kept = SynonymGroup.objects.create(words=[WITHDRAWN[1], "y"], stems=[], note="startset")
    SynonymGroupChange.objects.create(group=kept, words_before=[], words_after=kept.words)
    _sync()
    taken_back.refresh_from_db()
    kept.refresh_from_db()
    assert not taken_back.active
    assert kept.active


def test_a_starter_group_whose_first_word_a_broker_moved_is_not_added_again():
    # A broker reordered a starter group (its first word now last) and took a word of
    # another one into a group of their own: both lines are found by their other words.
    SynonymGroup.objects.all().delete()
    first, second = (line.split() for line in STARTER[:2])
    reordered = SynonymGroup.objects.create(words=first[1:] + first[:1], stems=[], note="startset")
    SynonymGroupChange.objects.create(group=reordered, words_before=first, words_after=first[1:])
    own = SynonymGroup.objects.create(words=["eigenwoord", second[0]], stems=[], note="")

    _sync()

    assert SynonymGroup.objects.filter(words__overlap=first).count() == 1
    assert SynonymGroup.objects.filter(words__overlap=second).get() == own
    assert SynonymGroup.objects.count() == len(STARTER)


def test_a_change_the_sync_makes_is_in_the_history_and_no_brokers_edit():
    SynonymGroup.objects.all().delete()
    first = STARTER[0].split()
    old = SynonymGroup.objects.create(words=first[:2], stems=[], note="startset")

    _sync()

    change = old.changes.get()
    assert (change.words_before, change.words_after) == (first[:2], first)
    assert change.reason == "Startthesaurus uitgebreid (test)" and change.actor is None
    # A later sync still treats the group as the starter's: it takes new words.
    SynonymGroup.objects.filter(pk=old.pk).update(words=first[:3])
    _sync()
    old.refresh_from_db()
    assert old.words == first and old.changes.count() == 2


def test_a_stem_names_one_starter_group_and_a_group_lists_a_word_once():
    """A word whose stem is in two groups would join them (and the admin refuses such a
    group); the widened starter set keeps the rule."""
    from initiatives.services.vocabulary import _stems

    owner, doubles = {}, []
    for line in STARTER:
        words = line.split()
        assert len(words) == len(set(words)), words[0]
        for word in words:
            for stem in _stems([word]):
                if owner.setdefault(stem, words[0]) != words[0]:
                    doubles.append((word, stem, owner[stem], words[0]))
    assert doubles == []


def test_the_words_a_module_adds_to_a_group_name_an_existing_group():
    """A module's EXTRA words join a subjects.py group by its first word: a key naming no
    group would drop its words without a sound."""
    from initiatives.starter_thesaurus import EXTRAS, SUBJECTS

    firsts = {line.split()[0] for line in SUBJECTS}
    assert [key for extra in EXTRAS for key in extra if key not in firsts] == []
