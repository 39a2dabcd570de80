"""The one money field (config.money): what Dutch people type, one message per problem."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from config.money import MoneyField, format_euros, parse_euros


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("6000", "6000"),
        ("6.000", "6000"),
        ("6.000,00", "6000.00"),
        ("€ 6.000,-", "6000"),
        ("€6.000,--", "6000"),
        ("6000,50", "6000.50"),
        ("6000,5", "6000.5"),
        ("  6 000 ", "6000"),
        ("1.234.567,89", "1234567.89"),
        ("99.50", "99.50"),
        ("1,234.56", "1234.56"),
        ("EUR 250", "250"),
        ("250 euro", "250"),
        ("0,99", "0.99"),
    ],
)
def test_what_dutch_people_type_is_read_as_they_mean_it(typed, amount):
    assert parse_euros(typed) == Decimal(amount)
    assert MoneyField().clean(typed) == Decimal(amount)


@pytest.mark.parametrize(
    "typed", ["zesduizend", "6.00.0", "6,000,00", "1.2345", "€", "6..0", "--5"]
)
def test_what_is_not_an_amount_gets_one_clear_message(typed):
    with pytest.raises(forms.ValidationError) as refused:
        MoneyField().clean(typed)
    assert len(refused.value.messages) == 1
    assert "Vul een bedrag in euro's in" in refused.value.messages[0]


def test_one_message_per_problem():
    with pytest.raises(forms.ValidationError) as too_much:
        MoneyField().clean("123.456.789.012.345")
    assert too_much.value.messages == [
        "Dit bedrag is te hoog. Vul een bedrag in tot € 9.999.999.999,99."
    ]
    with pytest.raises(forms.ValidationError) as cents:
        MoneyField().clean("6,005")
    assert cents.value.messages == ["Vul hoogstens twee cijfers achter de komma in."]
    with pytest.raises(forms.ValidationError) as negative:
        MoneyField(min_value=0).clean("-5")
    assert len(negative.value.messages) == 1


def test_shown_in_dutch_notation_and_typed_text_kept():
    class Form(forms.Form):
        amount = MoneyField(label="Bedrag")

    assert 'value="6.000,00"' in str(Form(initial={"amount": Decimal("6000")})["amount"])
    bound = Form({"amount": "zes mille"})
    assert not bound.is_valid()
    assert 'value="zes mille"' in str(bound["amount"])  # never lose what was typed
    assert 'inputmode="decimal"' in str(bound["amount"])


@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2))
def test_every_amount_shown_in_dutch_reads_back_as_itself(amount):
    shown = format_euros(amount)
    assert MoneyField().clean(shown) == amount
    assert MoneyField().clean(f"€ {shown}") == amount
    assert MoneyField().clean(shown.replace(".", "")) == amount


@pytest.mark.parametrize(
    ("limit", "typed", "message", "english"),
    [
        ("0.01", "0", "Vul een bedrag in dat groter is dan € 0.", "Enter an amount above € 0."),
        (0, "-5", "Vul een bedrag in van € 0 of meer.", "Enter an amount of € 0 or more."),
        (
            2000,
            "1.999,99",
            "Vul een bedrag in van minstens € 2.000,00.",
            "Enter an amount of at least € 2.000,00.",
        ),
    ],
)
def test_too_low_an_amount_says_so_in_the_users_language_with_a_dutch_amount(
    limit, typed, message, english
):
    field = MoneyField(min_value=Decimal(str(limit)))
    with pytest.raises(forms.ValidationError) as low:
        field.clean(typed)
    assert low.value.messages == [message]
    with translation.override("en"):
        with pytest.raises(forms.ValidationError) as low:
            field.clean(typed)
        assert low.value.messages == [english]
