"""The admin page of a vote round was a 500: its history inline listed `created_at`
without making it read-only, and Django cannot build a form field for a non-editable
field. Every read-only inline now shows all its fields read-only."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from config.admin import ReadOnlyInline
from tests.voting.factories import RoundStatusChangeFactory

pytestmark = pytest.mark.django_db


def test_a_vote_round_opens_in_the_admin(admin_client):
    change = RoundStatusChangeFactory()
    response = admin_client.get(f"/admin/voting/voteround/{change.round.pk}/change/")
    assert response.status_code == 200
    assert "Assendorp Begroot" in response.content.decode()


def test_every_read_only_inline_builds_its_formset(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    inlines = [
        (model, inline)
        for model, model_admin in admin.site._registry.items()
        for inline in model_admin.inlines
        if issubclass(inline, ReadOnlyInline)
    ]
    assert inlines
    for model, inline_class in inlines:
        inline = inline_class(model, admin.site)
        inline.get_formset(request, None)  # raises FieldError for a non-editable field


@pytest.mark.parametrize("typed", ["50%", "{% load x %}", "%o"])
def test_a_percent_sign_in_an_ideas_needs_is_a_message_not_a_500(admin_client, typed):
    from django.urls import reverse

    from initiatives.models import Initiative
    from tests.admin_pages import change_form_data
    from tests.initiatives.factories import InitiativeFactory

    initiative = InitiativeFactory(needs=["location"])
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    data = change_form_data(admin_client, url) | {"needs": [typed]}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["needs"]
    assert Initiative.objects.get(pk=initiative.pk).needs == ["location"]
