"""The thesaurus admin as a broker or administrator types into it (walk of issue 21):
a word another group already holds is refused with a message that says where it is,
blank lines are no words, and a long word gets a message about its length."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.models import SynonymGroup
from initiatives.services import synonym_group_check, synonym_group_save

pytestmark = pytest.mark.django_db

HISTORY = {f"changes-{key}": 0 for key in ("TOTAL_FORMS", "INITIAL_FORMS")}


@pytest.fixture(autouse=True)
def _no_rebuild_task(monkeypatch):
    monkeypatch.setattr(
        "initiatives.services.vocabulary.current_app.send_task", lambda *a, **k: None
    )


@pytest.fixture
def litter():
    """The starter thesaurus's group (the migrations load it)."""
    return SynonymGroup.objects.get(words__contains=["zwerfafval"])


@pytest.fixture
def bikes(broker):
    return synonym_group_save(actor=broker, words=["fietsenmaker", "rijwielhersteller"])


def _add(admin_client, words: str, **extra):
    data = {"words": words, "note": "", "active": "on"} | extra | HISTORY
    return admin_client.post(reverse("admin:initiatives_synonymgroup_add"), data)


def test_a_word_of_another_group_is_refused_and_named(admin_client, litter):
    # A stem names one group (the first): "zwerfafval" would never have joined this one.
    response = _add(admin_client, "zwerfafval\nvuilnisprikken")
    assert response.status_code == 200
    page = response.content.decode()
    assert "&#x27;zwerfafval&#x27; staat al in een andere woordgroep" in page
    assert "(zwerfafval, zwerfvuil, prikactie, opruimactie, …)" in page
    assert "vuilnisprikken" in page  # what was typed stays in the field
    assert not SynonymGroup.objects.filter(words__contains=["vuilnisprikken"]).exists()
    # The same word in another form (the same stem) is the same word.
    with pytest.raises(ValidationError, match="opruimdagen"):
        synonym_group_check(words=["opruimdagen", "vuilnisprikken"])
    # In English too.
    admin_client.cookies["django_language"] = "en"
    response = _add(admin_client, "zwerfafval\nvuilnisprikken")
    assert "&#x27;zwerfafval&#x27; is already in another word group" in response.content.decode()


def test_a_group_keeps_its_own_words_and_a_group_switched_off_is_no_clash(
    admin_client, broker, bikes
):
    url = reverse("admin:initiatives_synonymgroup_change", args=[bikes.pk])
    data = {"words": "fietsenmaker\nrijwielhersteller\nfietsmaker", "note": "", "active": "on"}
    assert admin_client.post(url, data | HISTORY).status_code == 302
    bikes.refresh_from_db()
    assert bikes.words == ["fietsenmaker", "rijwielhersteller", "fietsmaker"]
    # A group that is off names nothing: the word may go elsewhere, and the group that
    # is off may not come back on while it shares it.
    synonym_group_save(actor=broker, group=bikes, words=bikes.words, active=False)
    other = synonym_group_save(actor=broker, words=["fietsenmaker", "fietsenhersteller"])
    with pytest.raises(ValidationError, match="fietsenmaker"):
        synonym_group_save(actor=broker, group=bikes, words=bikes.words, active=True)
    assert SynonymGroup.objects.get(pk=other.pk).active


def test_blank_lines_are_no_words(admin_client):
    response = _add(admin_client, "\nfietsenmaker\n\n  \nrijwielhersteller\n")
    assert response.status_code == 302
    group = SynonymGroup.objects.get(words__contains=["fietsenmaker"])
    assert group.words == ["fietsenmaker", "rijwielhersteller"]
    # Only blank lines: the field is empty.
    response = _add(admin_client, "\n  \n")
    assert response.status_code == 200
    assert "matrix" not in response.content.decode()


def test_a_long_word_is_refused_by_its_length_and_not_printed_whole(admin_client):
    long = "b" * 5000
    response = _add(admin_client, f"{long}\nfiets")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Een woord is hoogstens 60 letters lang: " + "b" * 30 + "…" in page
    assert "matrix" not in page and "b" * 31 + "…" not in page
    assert not SynonymGroup.objects.filter(words__contains=["fiets"]).exists()


def test_the_history_of_a_group_reads_in_the_readers_language(admin_client, bikes):
    """Its columns were the fields' English names in the Dutch admin ("words before")."""
    url = reverse("admin:initiatives_synonymgroup_change", args=[bikes.pk])
    page = admin_client.get(url).content.decode().lower()
    heads = {
        "created_at": "tijdstip",
        "actor": "door",
        "words_before": "woorden ervoor",
        "words_after": "woorden erna",
        "active_after": "in gebruik",
    }
    for column, head in heads.items():
        assert f'<th class="column-{column}">{head}' in page, head
    for english in ("created at", "words before", "words after", "active after", "updated at"):
        assert english not in page
    admin_client.cookies["django_language"] = "en"
    page = admin_client.get(url).content.decode().lower()
    assert "words before" in page and "woorden ervoor" not in page
    listing = admin_client.get(reverse("admin:initiatives_synonymgroup_changelist"))
    assert "updated at" not in listing.content.decode().lower()


def test_a_rebuild_starts_from_a_button_above_the_list_also_when_it_is_empty(admin_client):
    from initiatives.models import DocumentRebuild

    DocumentRebuild.objects.all().delete()
    changelist = admin_client.get("/admin/initiatives/documentrebuild/").content.decode()
    start = reverse("admin:initiatives_documentrebuild_start")
    assert f'action="{start}"' in changelist
    assert "Alle zoekdocumenten opnieuw opbouwen" in changelist
    assert admin_client.get(start).status_code == 405  # a change: POST only
    response = admin_client.post(start)
    assert response.status_code == 302
    assert DocumentRebuild.objects.filter(reason="Met de hand gestart").exists()
    assert "op de achtergrond opnieuw opgebouwd" in admin_client.get(response.url).content.decode()


def test_only_who_may_see_the_rebuilds_starts_one(client, django_user_model):
    from initiatives.models import DocumentRebuild

    user = django_user_model.objects.create_user("medewerker", password="x", is_staff=True)
    client.force_login(user)
    response = client.post(reverse("admin:initiatives_documentrebuild_start"))
    assert response.status_code == 403
    assert not DocumentRebuild.objects.exists()
