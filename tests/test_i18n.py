"""English is a full second language: the one project catalog (locale/en) is complete and
compiled, and real pages come out in English when the visitor asks for it."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _po_entries(path):
    """A tiny .po reader: yields (flags, msgid, msgstrs) per entry, header included.
    Entries are separated by blank lines, as makemessages writes them; obsolete (#~)
    lines are skipped. msgstrs maps "msgstr" or "msgstr[n]" to its text."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        flags, strings, field = set(), {}, None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#") or not line:
                continue
            elif line.startswith('"'):
                strings[field] += ast.literal_eval(line)
            else:
                field, _, rest = line.partition(" ")
                strings[field] = ast.literal_eval(rest)
        if "msgid" in strings:
            msgstrs = {k: v for k, v in strings.items() if k.startswith("msgstr")}
            yield flags, strings["msgid"], msgstrs


def test_one_project_catalog_and_it_is_compiled():
    assert settings.LOCALE_PATHS == [ROOT / "locale"]
    assert PO.exists() and MO.exists()
    # One mechanism: no app-level catalogs next to the project one.
    app_catalogs = [
        p for p in ROOT.glob("*/locale/*/LC_MESSAGES/*.po") if p.parent.parent.parent != ROOT
    ]
    assert app_catalogs == []


def test_committed_mo_matches_the_po():
    # Deployments and CI do not run compilemessages: the committed .mo must say what the
    # .po says. Every singular entry must come back from gettext exactly as in the .po.
    from django.utils import translation

    stale = []
    with translation.override("en"):
        for _, msgid, msgstrs in _po_entries(PO):
            if msgid and "msgstr" in msgstrs and translation.gettext(msgid) != msgstrs["msgstr"]:
                stale.append(msgid)
    assert stale == []


def test_catalog_has_no_untranslated_or_fuzzy_entries():
    entries = list(_po_entries(PO))
    header = [e for e in entries if e[1] == ""]
    assert len(header) == 1
    messages = [e for e in entries if e[1] != ""]
    assert len(messages) > 900
    untranslated = [msgid for _, msgid, msgstrs in messages if any(not s for s in msgstrs.values())]
    fuzzy = [msgid for flags, msgid, _ in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for _, msgid, msgstrs in _po_entries(PO):
        if not msgid:
            continue
        expected = sorted(placeholder.findall(msgid))
        for key, msgstr in msgstrs.items():
            if key == "msgstr[0]" and expected != sorted(placeholder.findall(msgstr)):
                # The singular of a plural may leave out the count, but not add new names.
                assert set(placeholder.findall(msgstr)) <= set(expected), (msgid, msgstr)
                continue
            if key in ("msgstr", "msgstr[1]"):
                assert expected == sorted(placeholder.findall(msgstr)), (msgid, msgstr)


NL_PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _drf_messages():
    """Every message Django REST framework translates: gettext calls in its code and
    {% trans %} in its templates (the browsable API)."""
    import re

    import rest_framework

    root = Path(rest_framework.__file__).parent
    calls = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
    messages = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) in calls
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                messages.add(node.args[0].value)
    for path in root.rglob("*.html"):
        messages |= set(re.findall(r'{% trans "([^"]+)"', path.read_text(encoding="utf-8")))
    return messages


def test_drf_speaks_dutch():
    """The API answers in Dutch by default: every message of DRF has a Dutch
    translation, its own or ours (locale/nl: the ones its catalog lacks)."""
    from django.utils.translation import trans_real

    messages = _drf_messages()
    assert len(messages) > 100
    # In a catalog: some are the same in Dutch ("Filters").
    dutch = trans_real.translation("nl")._catalog
    assert sorted(m for m in messages if not dutch.get(m)) == []


def test_dutch_catalog_is_complete_and_compiled():
    from django.utils import translation

    entries = [e for e in _po_entries(NL_PO) if e[1]]
    assert entries
    with translation.override("nl"):
        for flags, msgid, msgstrs in entries:
            assert "fuzzy" not in flags and msgstrs["msgstr"], msgid
            assert translation.gettext(msgid) == msgstrs["msgstr"], msgid


ENGLISH_PAGES = [
    # (url, English text that must appear, Dutch heading that must not)
    ("/", "Do you have an idea for your neighbourhood?", "Heeft u een idee voor uw buurt?"),
    ("/idee-indienen/", "Send your idea", "Uw idee insturen"),
    ("/ideeen/", "Ideas from the neighbourhood", "Ideeën uit de buurt"),
    ("/accounts/login/", "Staff login", "Inloggen voor medewerkers"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "english", "dutch"), ENGLISH_PAGES)
def test_pages_in_english_by_language_cookie(client, url, english, dutch):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert english in html
    assert dutch not in html
    # The shared header is English too.
    assert "Skip to content" in html


@pytest.mark.django_db
def test_dutch_stays_the_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Heeft u een idee voor uw buurt?" in html


@pytest.mark.django_db
def test_language_switch_sets_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/ideeen/"})
    assert response.status_code == 302
    html = client.get("/ideeen/").content.decode()
    assert "Ideas from the neighbourhood" in html


@pytest.mark.django_db
def test_broker_queue_in_english(client, broker):
    client.force_login(broker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/makelaar/").content.decode()
    assert "<h1>Queue</h1>" in html
    assert "Wachtrij</h1>" not in html


def test_english_writes_email_as_one_word():
    """One spelling across the English pages and messages (the walk of issue 21 saw
    "email" and "e-mail" side by side on the offer pages)."""
    mixed = [
        msgid
        for _flags, msgid, msgstrs in _po_entries(PO)
        if any("e-mail" in text.lower() for text in msgstrs.values())
    ]
    assert mixed == []
