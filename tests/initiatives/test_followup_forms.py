"""The survey and check-in forms a resident reaches through a link in a message: what
they say when the answer is too long."""

import pytest
from django.utils import translation

from initiatives.forms.followups import CheckInForm, SurveyForm


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def test_a_check_in_answer_too_long_is_told_so_and_not_asked_for():
    """It also said "Schrijf kort hoe het gaat, of vraag om contact." to someone who had
    written 2,500 letters, and Django's "Zorg dat deze waarde ..." for the length."""
    form = CheckInForm({"answer": "Het gaat goed. " * 170})
    assert not form.is_valid()
    assert form.errors == {"answer": ["Gebruik hoogstens 2000 tekens. U gebruikte er 2549."]}
    # An empty answer without asking for contact still gets its own message.
    assert CheckInForm({"answer": " "}).errors == {
        "answer": ["Schrijf kort hoe het gaat, of vraag om contact."]
    }


def test_a_survey_comment_too_long_says_how_long_it_may_be():
    form = SurveyForm({"score": "4", "comment": "x" * 2001})
    assert form.errors == {"comment": ["Gebruik hoogstens 2000 tekens. U gebruikte er 2001."]}
