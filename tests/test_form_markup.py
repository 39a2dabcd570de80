"""An unbound field's markup is kept once written (config.form_markup): the markup
printed from the store is the markup the field writes, for every field of the case
file's forms, and anything the markup is made of (value, choices, attributes, label,
language, errors, a bound form) gives a markup of its own."""

import datetime

import pytest
from django import forms
from django.utils import translation

from brokers.forms import (
    AssignForm,
    CaseMessageForm,
    ContactMomentForm,
    NoteForm,
    ReferralForm,
    ReferralOutcomeForm,
    TransitionForm,
    WaitingForm,
)
from brokers.models import StandardText
from budgets.forms import FundingLineForm, GrantDecisionForm, GrantRequestForm
from budgets.models import NeighbourhoodBudget
from config.form_markup import forget_kept_markup, markup_key
from config.forms import AccessibleFormMixin
from initiatives.constants import Status
from tests.brokers.factories import OrganisationFactory
from tests.initiatives.factories import InitiativeFactory


@pytest.fixture(autouse=True)
def _empty_store():
    forget_kept_markup()
    yield
    forget_kept_markup()


def _case_forms(initiative):
    texts = list(StandardText.objects.filter(is_active=True))
    transition = TransitionForm(prefix="transition", initiative=initiative)
    transition.offer_texts(texts)
    message = CaseMessageForm(prefix="message")
    message.offer_texts(texts)
    made = [
        AssignForm(prefix="assign"),
        ContactMomentForm(prefix="contact"),
        transition,
        message,
        NoteForm(prefix="note"),
        WaitingForm(prefix="waiting"),
        ReferralForm(prefix="referral"),
        ReferralOutcomeForm(prefix="outcome-1"),
        # The budget panel's (money fields among them).
        GrantDecisionForm(prefix="grant-1"),
        FundingLineForm(prefix="funding"),
        GrantRequestForm(
            prefix="request", budgets=NeighbourhoodBudget.objects.none(), budget_rows=[]
        ),
    ]
    # The case file gives model choices their options from rows it read (_fill_choices).
    for form in made:
        for field in form.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.choices = list(field.choices)
    return made


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_kept_markup_is_what_each_case_file_field_writes(broker, language):
    OrganisationFactory(name="Buurthuis De Brug")
    StandardText.objects.create(name="Afgerond", body="Het is gelukt.", outcome=Status.REALISED)
    initiative = InitiativeFactory(status=Status.IN_CONVERSATION)
    with translation.override(language):
        for _round in range(2):  # written and kept, then printed from the store
            for form in _case_forms(initiative):
                for field in form:
                    if field.is_hidden:
                        continue
                    assert markup_key(field) is not None, field.name
                    assert field.html == field.written_html(), field.name


class _Example(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label="Naam", help_text="Voor- en achternaam.", max_length=20)
    day = forms.DateField(
        label="Dag", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    colour = forms.ChoiceField(label="Kleur", choices=[("red", "Rood"), ("green", "Groen")])


def test_a_different_value_choice_attribute_or_label_is_a_markup_of_its_own():
    first = _Example()
    first.fields["day"].initial = datetime.date(2026, 1, 2)
    assert 'value="2026-01-02"' in first["day"].html
    second = _Example()
    second.fields["day"].initial = datetime.date(2026, 3, 4)
    assert 'value="2026-03-04"' in second["day"].html

    other = _Example()
    other.fields["colour"].choices = [("blue", "Blauw")]
    assert "Blauw" in other["colour"].html and "Rood" not in other["colour"].html
    assert "Rood" in _Example()["colour"].html

    attrs = _Example()
    attrs.fields["name"].widget.attrs["placeholder"] = "Jan"
    assert 'placeholder="Jan"' in attrs["name"].html
    assert "placeholder" not in _Example()["name"].html

    relabelled = _Example()
    relabelled.fields["name"].label = "Uw naam"
    assert "Uw naam" in relabelled["name"].html
    assert ">Naam<" in _Example()["name"].html


def test_equal_values_printed_apart_an_instances_input_type_and_a_safe_label_count():
    """What the review of the store found the key did not hold (no form varies them per
    request today): equal values that print apart, a widget instance's own input type,
    a label marked safe beside the same text not marked."""
    from decimal import Decimal

    from django.utils.safestring import mark_safe

    one = _Example()
    one.fields["name"].initial = Decimal("1.0")
    assert 'value="1.0"' in one["name"].html
    other = _Example()
    other.fields["name"].initial = Decimal("1.00")
    assert 'value="1.00"' in other["name"].html

    phone = _Example()
    phone.fields["name"].widget.input_type = "tel"
    assert 'type="tel"' in phone["name"].html
    assert 'type="text"' in _Example()["name"].html

    safe = _Example()
    safe.fields["name"].label = mark_safe("<b>Naam</b>")
    assert "<b>Naam</b>" in safe["name"].html
    plain = _Example()
    plain.fields["name"].label = "<b>Naam</b>"
    assert "&lt;b&gt;Naam&lt;/b&gt;" in plain["name"].html


def test_a_bound_form_a_given_value_and_a_field_with_errors_are_written_every_time():
    bound = _Example({"name": "Jansen", "day": "", "colour": "red"})
    assert markup_key(bound["name"]) is None
    assert 'value="Jansen"' in bound["name"].html
    assert "error-message" in bound["day"].html

    # A draft: what someone typed comes back as initial data, and is never kept.
    draft = _Example(initial={"name": "Mijn eigen woorden"})
    assert markup_key(draft["name"]) is None
    assert 'value="Mijn eigen woorden"' in draft["name"].html

    unbound = _Example()
    unbound.cleaned_data = {}  # as after a view's own check
    unbound.add_error("name", "Kies een andere naam.")
    assert markup_key(unbound["name"]) is None
    assert "Kies een andere naam." in unbound["name"].html
    assert "error-message" not in _Example()["name"].html


def test_an_unregistered_widget_subclass_is_written_every_time():
    class OwnInput(forms.TextInput):
        pass

    form = _Example()
    form.fields["name"].widget = OwnInput()
    assert markup_key(form["name"]) is None


def test_the_language_is_part_of_the_key():
    form = _Example()
    form.fields["name"].required = False
    form.optional_marker = True
    with translation.override("nl"):
        assert "(niet verplicht)" in form["name"].html
    with translation.override("en"):
        assert "(niet verplicht)" not in form["name"].html
        assert form["name"].html == form["name"].written_html()
