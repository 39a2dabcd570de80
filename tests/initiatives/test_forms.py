import pytest
from django.utils import translation

from initiatives.forms import IntakeForm, SubmissionForm
from tests.initiatives.factories import theme
from tests.initiatives.files import JPEG, PDF, docx_bytes, upload
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup():
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))
    with translation.override("nl"):
        yield


def _form(cls=SubmissionForm, files=None, **overrides):
    form = cls(submission_data(**overrides), files)
    form.is_valid()
    return form


def test_valid_submission_finds_neighbourhood_from_postcode():
    form = _form()
    assert form.errors == {}
    kwargs = form.submission_kwargs()
    assert kwargs["neighbourhood"].code == "WK019300"
    assert kwargs["initiator"].postcode == "8011AB"
    assert kwargs["initiator"].consent_publish is True
    assert kwargs["initiator"].consent_matching is False


@pytest.mark.parametrize("postcode", ["8011  AB", "8011 ab ", "8011\tAB", " 8011   ab "])
def test_postcode_with_extra_spaces_is_read(postcode):
    """A postcode typed or pasted with a second space was refused with Django's "Zorg
    dat deze waarde niet meer dan 7 tekens bevat" before the form read it."""
    form = _form(postcode=postcode, neighbourhood="")
    assert form.errors == {}
    assert form.submission_kwargs()["neighbourhood"].code == "WK019300"


def test_chosen_neighbourhood_wins_over_postcode():
    other = NeighbourhoodFactory(code="WK019399", name="Andere wijk")
    form = _form(neighbourhood="WK019399")
    assert form.submission_kwargs()["neighbourhood"] == other


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"title": "<script>alert(1)</script>"}, "title", "HTML"),
        ({"description": 'Kijk <a href="x">hier</a>'}, "description", "HTML"),
        ({"name": "<img src=x onerror=alert(1)>"}, "name", "HTML"),
        ({"title": "x" * 201}, "title", "hoogstens 200 tekens"),
        ({"description": "x" * 5001}, "description", "hoogstens 5000"),
        # Not Django's "Zorg dat deze waarde niet meer dan ... tekens bevat".
        ({"address": "Dorpsstraat 1 " * 22}, "address", "hoogstens 300 tekens. U gebruikte"),
        ({"phone": "06 1234 5678 " * 3}, "phone", "hoogstens 30 tekens. U gebruikte"),
        ({"email": "a" * 250 + "@voorbeeld.nl"}, "email", "hoogstens 254 tekens"),
        ({"theme": "bestaat-niet"}, "theme", "kennen wij niet"),
        ({"neighbourhood": "WK999"}, "neighbourhood", "kennen wij niet"),
        ({"postcode": "", "neighbourhood": ""}, "neighbourhood", "Kies uw wijk"),
        ({"postcode": "9999 ZZ"}, "neighbourhood", "geen wijk"),
        ({"postcode": "AB12"}, "postcode", "zoals 8011 AB"),
        ({"postcode": "8011 AB Zwolle, Nederland"}, "postcode", "zoals 8011 AB"),
        ({"needs": ["flying"]}, "needs", "uit de lijst"),
        ({"initiator_kind": "alien"}, "initiator_kind", "Kies een van"),
        ({"email": "", "phone": ""}, "email", "e-mailadres of een telefoonnummer"),
        ({"email": "geen-adres"}, "email", "naam@voorbeeld.nl"),
        ({"phone": "bel me"}, "phone", "telefoonnummer"),
        ({"preferred_channel": "phone"}, "preferred_channel", "telefoonnummer"),
        ({"preferred_channel": "letter"}, "preferred_channel", "adres"),
        ({"website": "http://spam.example"}, "website", "niet worden verstuurd"),
    ],
)
def test_bad_input_gets_a_dutch_message_on_its_field(overrides, field, fragment):
    form = _form(**overrides)
    assert field in form.errors, form.errors
    assert fragment in " ".join(form.errors[field])


SURROGATE_MESSAGE = (
    "Deze tekst bevat een teken dat wij niet kunnen verwerken. Haal het weg, of typ de "
    "tekst opnieuw."
)


@pytest.mark.parametrize("field", ["title", "description", "name", "address"])
@pytest.mark.parametrize("cls", [SubmissionForm, IntakeForm])
def test_a_lone_surrogate_is_refused_on_its_field(cls, field):
    """Half a character ("\\ud800" in JSON) cannot be stored: PostgreSQL refused it with
    a 500, after the submission had taken its reference number."""
    form = _form(cls, channel="phone", **{field: "Buurt\ud800tuin"})
    assert form.errors == {field: [SURROGATE_MESSAGE]}
    # A whole character beyond the first plane (a surrogate pair in JSON) is fine.
    assert _form(cls, channel="phone", **{field: "Buurttuin \U0001f331"}).errors == {}


def test_less_than_sign_in_plain_text_is_fine():
    assert _form(description="Voor kinderen < 12 jaar en ouderen.").errors == {}


def test_attachments_checked_by_content_not_name():
    fake = upload("echt.pdf", b"#!/bin/sh\nrm -rf /\n" * 10, "application/pdf")
    form = _form(files={"attachments": [upload(), fake]})
    assert "echt.pdf is geen PDF" in form.errors["attachments"][0]

    good = [
        upload("plan.pdf", PDF),
        upload("foto.jpg", JPEG, "image/jpeg"),
        upload("brief.docx", docx_bytes(), "application/octet-stream"),
    ]
    form = _form(files={"attachments": good})
    assert form.errors == {}
    assert len(form.cleaned_data["attachments"]) == 3


def test_at_most_five_attachments_of_ten_megabytes(settings):
    form = _form(files={"attachments": [upload(f"{n}.pdf") for n in range(6)]})
    assert "hoogstens 5" in form.errors["attachments"][0]

    big = upload("groot.pdf", PDF + b"0" * (10 * 1024 * 1024))
    form = _form(files={"attachments": [big]})
    assert "te groot" in form.errors["attachments"][0]


def test_error_summary_links_to_each_field_and_inputs_are_marked_invalid():
    form = _form(title="", initiator_kind="")
    summary = {message: anchor for anchor, message in form.error_summary()}
    assert summary["Geef uw idee een titel."] == "id_title"
    assert summary["Kies wie u bent."] == "id_initiator_kind_0"
    html = str(form["title"])
    assert 'aria-invalid="true"' in html
    assert "id_title-error" in html


def test_intake_accepts_address_only_and_needs_a_channel():
    form = _form(IntakeForm, email="", address="Dorpsstraat 1, Zwolle", preferred_channel="letter")
    assert form.errors == {"channel": ["Kies hoe het idee binnenkwam."]}
    form = _form(
        IntakeForm,
        email="",
        address="Dorpsstraat 1, Zwolle",
        preferred_channel="letter",
        channel="walk_in",
    )
    assert form.errors == {}
    assert form.submission_kwargs()["channel"] == "walk_in"
    assert _form(IntakeForm, channel="web").errors["channel"]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Kinderen leren javascript: programmeren in het buurthuis.", False),
        ("Jan & Piet maken een moestuin; 3 < 5 en 5 > 3.", False),
        ("Zie <b>tekening</b>", True),
        ("Koffie &amp; thee", True),
        ("<script>alert(1)</script>", True),
    ],
)
def test_markup_is_refused_plain_text_is_not(text, refused):
    from django import forms as django_forms

    from initiatives.forms import reject_markup

    if refused:
        with pytest.raises(django_forms.ValidationError) as exc:
            reject_markup(text)
        assert "gewone tekst" in exc.value.messages[0]
    else:
        reject_markup(text)


def test_invisible_control_characters_are_cleaned_out_of_text():
    # Pasted text sometimes carries them; the import uses the same fields.
    form = _form(title="Moestuin\x07 achter\x1b de flat", description="Eén\x0bTwee\x7f\tdrie")
    assert form.errors == {}
    assert form.cleaned_data["title"] == "Moestuin achter de flat"
    assert form.cleaned_data["description"] == "Eén\nTwee\tdrie"
    assert "title" in _form(title="\x07\x08").errors  # nothing left: still required
    assert "title" in _form(title="Moestuin\x00").errors  # NUL: refused, as before


@pytest.mark.parametrize("field", ["title", "description", "name"])
def test_text_of_only_invisible_characters_counts_as_empty(field):
    """A zero-width space, joiner or direction mark is nothing anyone can read: a title or
    name of only those was accepted and reached the queue looking empty."""
    form = _form(**{field: "\u200b\u200d \u2060\u200e\ufeff"})
    assert field in form.errors, form.errors
    # Inside readable text they stay (a joiner makes one emoji of two).
    form = _form(**{field: "Moestuin \U0001f469\u200d\U0001f33e"})
    assert form.errors == {}


def test_letters_need_an_address_on_file():
    from initiatives.forms import PreferencesForm

    data = {"preferred_channel": "letter", "email": "a@example.nl", "language": "nl"}
    form = PreferencesForm(data, has_address=False)
    assert not form.is_valid()
    assert "wij hebben uw adres niet" in form.errors["preferred_channel"][0]
    assert PreferencesForm(data, has_address=True).is_valid()


def test_intake_address_too_long_says_how_long_it_may_be():
    form = _form(IntakeForm, channel="phone", address="Dorpsstraat 1 " * 22)
    assert form.errors["address"] == ["Gebruik hoogstens 300 tekens. U gebruikte er 307."]
