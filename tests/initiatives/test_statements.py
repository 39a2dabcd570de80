"""The privacy page says what the settings say (and changes with them); every form that
asks for personal data has the short notice and the link; contact is the service, not a
consent; the accessibility statement follows the model statement and is kept in the
admin through its service."""

import pytest
from django.urls import reverse

from initiatives.models import AccessibilityStatement
from initiatives.statements import accessibility_statement_get
from tests.initiatives.factories import AccessibilityStatementFactory
from tests.initiatives.test_views import _form_pages

pytestmark = pytest.mark.django_db

PRIVACY = "/privacy/"


def test_privacy_page_changes_when_retention_months_changes(client, settings):
    settings.RETENTION_MONTHS = 24
    assert "24 maanden nadat uw idee is afgesloten" in client.get(PRIVACY).content.decode()
    settings.RETENTION_MONTHS = 7
    html = client.get(PRIVACY).content.decode()
    assert "7 maanden nadat uw idee is afgesloten" in html
    assert "24 maanden" not in html


def test_privacy_page_states_the_real_settings(client, settings):
    settings.FIRST_CONTACT_WORKING_DAYS = 3
    settings.PRIVACY_CONTACT_EMAIL = "fg@zwolle.example"
    settings.PRIVACY_FILES_LOCATION = "in het datacentrum van de gemeente in Zwolle."
    html = client.get(PRIVACY).content.decode()
    assert "binnen 3 werkdagen" in html
    assert "fg@zwolle.example" in html
    assert "in het datacentrum van de gemeente in Zwolle." in html
    assert "publieke taak" in html or "taak van algemeen belang" in html
    settings.PRIVACY_FILES_LOCATION = ""
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "storages.backends.s3.S3Storage"}
    }
    assert "S3Storage" in client.get(PRIVACY).content.decode()


def test_privacy_page_in_english(client):
    client.cookies["django_language"] = "en"
    html = client.get(PRIVACY).content.decode()
    assert "months after your idea was closed" in html


def test_every_form_asking_personal_data_has_the_notice(client, broker):
    for name, response in _form_pages(client, broker):
        html = response.content.decode()
        assert 'class="privacy-notice"' in html, name
        assert f'href="{PRIVACY}"' in html, name
        # Contact is part of the service: no checkbox asks for it.
        assert 'name="consent_contact"' not in html, name


def test_footer_links_on_every_page(client):
    html = client.get("/").content.decode()
    assert f'href="{PRIVACY}"' in html and 'href="/toegankelijkheid/"' in html
    assert 'href="tel:14038"' in html


def test_accessibility_statement_in_the_model_format(client):
    AccessibilityStatement.objects.all().delete()
    statement = AccessibilityStatementFactory(known_gaps="Kaarten zonder tekst\nOude PDF's")
    html = client.get("/toegankelijkheid/").content.decode()
    for heading in (
        "Nalevingsstatus",
        "Bekende knelpunten",
        "Opstellen van deze verklaring",
        "Feedback en contactgegevens",
        "Handhavingsprocedure",
    ):
        assert heading in html
    assert "Voldoet gedeeltelijk" in html
    assert "<li>Kaarten zonder tekst</li>" in html and "<li>Oude PDF&#x27;s</li>" in html
    assert statement.audit_by in html
    assert "Nationale ombudsman" in html


def test_the_statements_own_words_are_marked_dutch_on_the_english_page(client):
    """Known gaps, measures and method are what an administrator wrote, in Dutch: on the
    English page a screen reader read them with an English voice (WCAG 3.1.2)."""
    AccessibilityStatement.objects.all().delete()
    AccessibilityStatementFactory(
        known_gaps="Kaarten zonder tekst", measures="Onderzoek door een onafhankelijke partij"
    )
    client.cookies["django_language"] = "en"
    html = client.get("/toegankelijkheid/").content.decode()
    assert '<ul lang="nl"><li>Kaarten zonder tekst</li>' in html
    assert '<ul lang="nl"><li>Onderzoek door een onafhankelijke partij</li>' in html
    assert '<dt>Method</dt><dd lang="nl">' in html
    # On the Dutch page the page's own language says it.
    del client.cookies["django_language"]
    assert "<ul><li>Kaarten zonder tekst</li>" in client.get("/toegankelijkheid/").content.decode()


def test_without_a_kept_statement_the_page_still_answers(client):
    # The migration makes one; a flushed test database has none.
    AccessibilityStatement.objects.all().delete()
    assert accessibility_statement_get().pk is None
    assert "Toegankelijkheidsverklaring" in client.get("/toegankelijkheid/").content.decode()


def test_admin_edits_the_statement_through_the_service(admin_client):
    statement = AccessibilityStatement.objects.first() or AccessibilityStatementFactory()
    url = reverse("admin:initiatives_accessibilitystatement_change", args=[statement.pk])
    response = admin_client.post(
        url,
        {
            "status": "A",
            "statement_date": "2026-11-01",
            "audit_date": "2026-10-15",
            "audit_by": "Toegankelijkheid BV",
            "audit_method": "WCAG 2.2 AA",
            "audit_report_url": "",
            "known_gaps": "",
            "measures": "",
            "contact_email": "a11y@gemeente.example",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert (statement.status, str(statement.audit_date)) == ("A", "2026-10-15")
    assert (
        admin_client.get(reverse("admin:initiatives_accessibilitystatement_add")).status_code == 403
    )


def test_a_report_link_typed_without_scheme_is_read_as_https(admin_client):
    statement = AccessibilityStatement.objects.first() or AccessibilityStatementFactory()
    url = reverse("admin:initiatives_accessibilitystatement_change", args=[statement.pk])
    response = admin_client.post(
        url,
        {
            "status": "A",
            "statement_date": "2026-11-01",
            "audit_date": "2026-10-15",
            "audit_by": "Toegankelijkheid BV",
            "audit_method": "WCAG 2.2 AA",
            "audit_report_url": "gemeente.example/rapport.pdf",
            "known_gaps": "",
            "measures": "",
            "contact_email": "a11y@gemeente.example",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert statement.audit_report_url == "https://gemeente.example/rapport.pdf"
