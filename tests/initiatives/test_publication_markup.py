"""The publication panel is written in Python (initiatives/publication_markup.py): it
prints what its template printed, without a publication (with and without consent),
waiting for review, published, unpublished, with a notice, an error and forms with
errors, in both languages. The template as it was is kept beside this file
(publication_panel_as_it_was.html); both are rendered for each state."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from initiatives.forms import PublishForm, UnpublishForm
from initiatives.views.publication import publication_panel_context
from tests.initiatives.factories import InitiativeFactory, PublicationFactory

pytestmark = pytest.mark.django_db

TEMPLATE_AS_IT_WAS = (Path(__file__).parent / "publication_panel_as_it_was.html").read_text()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _same(rf, initiative, **kwargs) -> str:
    request = rf.get("/")
    context = {"panel_context": publication_panel_context(initiative, request, **kwargs)}
    before = engines["django"].from_string(TEMPLATE_AS_IT_WAS).render(context, request)
    now = render_to_string("initiatives/case_panel_publication.html", context, request)
    assert now.count("<form") == now.count('name="csrfmiddlewaretoken"')
    before, now = _CSRF.sub("CSRF", before), _CSRF.sub("CSRF", now)
    assert now == before
    return now


def _publication(**kwargs):
    publication = PublicationFactory(**kwargs)
    case = publication.initiative
    case.title, case.description = "Moestuin <b>", "Regel 1\nRegel 2 & meer"
    case.save()
    return case


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_state_prints_what_the_template_printed(rf, language):
    with translation.override(language):
        assert "<form" not in _same(rf, InitiativeFactory())  # no consent, nothing asked
        _same(rf, InitiativeFactory(initiator__public=True))  # consent, nothing asked
        assert "details" in _same(rf, _publication())  # to review
        published = _publication(published=True, summary="Zo <i>\nen zo")
        assert "public-preview" in _same(rf, published)
        _same(rf, _publication(unpublished=True))


def test_notices_errors_and_forms_with_errors_print_what_the_template_printed(rf):
    case = _publication(published=True)
    _same(rf, case, notice="Gepubliceerd & zichtbaar.")
    _same(rf, case, error="Dat lukte niet <nu>.")
    publish = PublishForm({"publish-title": "", "publish-summary": "x"}, prefix="publish")
    unpublish = UnpublishForm({"unpublish-reason": ""}, prefix="unpublish")
    assert not publish.is_valid() and not unpublish.is_valid()
    html = _same(rf, case, forms={"publish": publish, "unpublish": unpublish})
    assert html.count('class="error-summary"') == 2
