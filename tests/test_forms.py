"""The one mechanism for accessible forms: config.forms.AccessibleFormMixin with
templates/forms/_field.html and templates/forms/_error_summary.html. Every hint and error
an input points to (aria-describedby) is on the page, only invalid inputs are marked
invalid, the summary links to inputs that exist, and "(niet verplicht)" shows only where
a form switches it on. Then the same on real pages: a resident's and two of staff's."""

import importlib
import inspect
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from brokers.filters import CaseFilter
from config.errors import NotAllowed, refusal_messages
from config.forms import AccessibleFormMixin, service_errors_on
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, SurveyFactory, theme
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

MARKER = "(niet verplicht)"


class ExampleForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label="Naam", help_text="Voor- en achternaam.")
    colour = forms.ChoiceField(
        label="Kleur",
        help_text="Kies er een.",
        choices=[("red", "Rood"), ("green", "Groen")],
        widget=forms.RadioSelect,
    )
    days = forms.MultipleChoiceField(
        label="Dagen",
        help_text="Eén of meer.",
        choices=[("mon", "Maandag"), ("tue", "Dinsdag")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="Akkoord", help_text="Dit is nodig.")
    note = forms.CharField(label="Opmerking", required=False)


class MarkedForm(ExampleForm):
    optional_marker = True


class MessagesOnlyForm(ExampleForm):
    summary_with_labels = False


VALID = {"name": "Anna", "colour": "red", "days": ["mon"], "agree": "on", "note": ""}
FIELDS = ("name", "colour", "days", "agree")


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def _ids(html) -> set[str]:
    return {attrs["id"] for _, attrs in _elements(html) if attrs.get("id")}


def _inputs(html, name) -> list[dict]:
    return [
        attrs
        for tag, attrs in _elements(html)
        if tag in ("input", "textarea", "select") and attrs.get("name") == name
    ]


def _text_of(html, element_id) -> str:
    match = re.search(rf'<(\w+)[^>]* id="{re.escape(element_id)}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no element with id {element_id}"
    return re.sub(r"<[^>]+>", "", match.group(2))


def _render(form, **context) -> str:
    with translation.override("nl"):
        summary = render_to_string("forms/_error_summary.html", {"form": form, **context})
        fields = "".join(render_to_string("forms/_field.html", {"field": f}) for f in form)
    return summary + fields


def _summary_links(html) -> list[str]:
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="#([^"]+)"', summary)


# --- The mechanism ---


@pytest.mark.parametrize("kwargs", [{}, {"prefix": "note"}, {"auto_id": "withdraw_%s"}])
@pytest.mark.parametrize("name", FIELDS)
def test_every_input_points_to_its_hint_and_error_and_both_are_on_the_page(kwargs, name):
    form = ExampleForm({}, **kwargs)
    html = _render(form)
    bound = form[name]
    inputs = _inputs(html, bound.html_name)
    assert len(inputs) == {"colour": 2, "days": 2}.get(name, 1)
    for attrs in inputs:
        assert attrs["aria-describedby"].split() == [bound.hint_id, bound.error_id]
        assert attrs["aria-invalid"] == "true"
    assert {bound.hint_id, bound.error_id} <= _ids(html)
    assert _text_of(html, bound.hint_id) == str(bound.help_text)
    # The error names itself as one for screen readers, then the message.
    assert _text_of(html, bound.error_id).split() == ["Fout:", *form.errors[name][0].split()]


def test_groups_are_a_fieldset_with_a_legend_and_single_inputs_have_a_label():
    html = _render(ExampleForm({}))
    for name, label in (("colour", "Kleur"), ("days", "Dagen")):
        group = html.split(f'id="id_{name}-hint"')[0].rsplit("<fieldset>", 1)[1]
        assert f"<legend>{label}</legend>" in group
    for attrs in _inputs(html, "colour") + _inputs(html, "days"):
        assert f'<label for="{attrs["id"]}">' in html
    assert '<label for="id_name">Naam</label>' in html
    assert '<label for="id_agree">Akkoord</label>' in html


def test_only_invalid_inputs_are_marked_invalid():
    form = ExampleForm(VALID | {"colour": "purple"})
    html = _render(form)
    assert list(form.errors) == ["colour"]
    for attrs in _inputs(html, "colour"):
        assert attrs["aria-invalid"] == "true"
        assert attrs["aria-describedby"].split() == ["id_colour-hint", "id_colour-error"]
    for name in ("name", "days", "agree", "note"):
        for attrs in _inputs(html, name):
            assert "aria-invalid" not in attrs, name
            assert "-error" not in attrs.get("aria-describedby", ""), name
    assert _inputs(html, "name")[0]["aria-describedby"] == "id_name-hint"
    assert "aria-describedby" not in _inputs(html, "note")[0]  # no hint, no error


def test_an_unbound_form_ties_hints_and_shows_no_errors():
    html = _render(ExampleForm())
    assert "error-summary" not in html
    assert "aria-invalid" not in html
    assert "error-message" not in html
    assert _inputs(html, "name")[0]["aria-describedby"] == "id_name-hint"
    assert {a["aria-describedby"] for a in _inputs(html, "colour")} == {"id_colour-hint"}
    assert "id_name-hint" in _ids(html)


def test_an_error_a_view_adds_after_validation_is_tied_to_its_input():
    # As form_add_service_errors does with a service's ValidationError.
    form = ExampleForm(VALID)
    assert form.is_valid()
    form.add_error("name", "Deze naam is al in gebruik.")
    html = _render(form)
    name = _inputs(html, "name")[0]
    assert name["aria-invalid"] == "true"
    assert name["aria-describedby"].split() == ["id_name-hint", "id_name-error"]
    assert "Deze naam is al in gebruik." in _text_of(html, "id_name-error")


def _refuse(exc):
    def service():
        raise exc

    return service


@pytest.mark.parametrize(
    ("refusal", "field_errors", "top"),
    [
        # A service names the field: the message stands next to it.
        (
            ValidationError({"name": "Deze naam is al in gebruik."}),
            ["Deze naam is al in gebruik."],
            [],
        ),
        # A field the form does not have, or no field: at the top.
        (ValidationError({"elsewhere": "Dat kan nu niet."}), [], ["Dat kan nu niet."]),
        (ValidationError(["Eén.", "Twee."]), [], ["Eén.", "Twee."]),
        # Not this person's to do: at the top, not a 403 page.
        (
            NotAllowed("Alleen een coördinator kan dit doen."),
            [],
            ["Alleen een coördinator kan dit doen."],
        ),
    ],
)
def test_a_service_refusal_lands_on_the_form_and_ends_the_block(refusal, field_errors, top):
    form = ExampleForm(VALID)
    assert form.is_valid()
    reached = False
    with service_errors_on(form):
        _refuse(refusal)()
        reached = True
    assert not reached
    assert form.errors["name"] == field_errors if field_errors else "name" not in form.errors
    assert list(form.non_field_errors()) == top
    # The summary shows it, and what was typed is kept.
    assert [message for _, message in form.error_summary()] == top + [
        f"Naam: {message}" for message in field_errors
    ]
    assert f'value="{VALID["name"]}"' in _render(form)


def test_a_service_that_goes_through_leaves_the_form_without_errors():
    form = ExampleForm(VALID)
    assert form.is_valid()
    with service_errors_on(form):
        result = "done"
    assert result == "done"
    assert not form.errors


def test_other_exceptions_are_not_swallowed():
    form = ExampleForm(VALID)
    form.is_valid()
    with pytest.raises(KeyError), service_errors_on(form):
        raise KeyError("a bug, not a refusal")


def test_refusal_messages_say_what_a_flash_shows():
    assert refusal_messages(ValidationError({"a": "Eén.", "b": "Twee."})) == ["Eén.", "Twee."]
    assert refusal_messages(NotAllowed("Niet van u.")) == ["Niet van u."]


def test_views_leave_refusals_to_the_one_mechanism():
    # Views run services through service_errors_on (a form) or REFUSALS with
    # refusal_messages (a flash); none handles a ValidationError or NotAllowed its own way.
    # The resident's ballot keeps one except: a refused code also counts a try.
    allowed = {"voting/views/public.py": 1}
    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.glob("*/views*.py")) + sorted(root.glob("*/views/*.py")):
        relative = path.relative_to(root).as_posix()
        source = path.read_text()
        found = len(re.findall(r"except \(?(ValidationError|NotAllowed)\b", source))
        found += source.count('getattr(exc, "messages"')
        assert found == allowed.get(relative, 0), relative


def test_summary_lists_each_error_linking_to_its_input_or_the_first_of_a_group():
    form = ExampleForm({"note": "x"})
    form.is_valid()
    form.add_error(None, "Er is iets anders mis.")
    anchors = [anchor for anchor, _ in form.error_summary()]
    assert anchors == ["", "id_name", "id_colour_0", "id_days_0", "id_agree"]

    html = _render(form)
    assert (
        '<div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus>'
        in html
    )
    assert "<h2>Er ging iets mis. Kijk dit na:</h2>" in html
    links = _summary_links(html)
    assert links == anchors[1:]
    assert set(links) <= _ids(html)
    assert "<li>Er is iets anders mis.</li>" in html  # non-field: no link


def test_summary_names_the_field_unless_the_form_says_its_messages_stand_alone():
    with translation.override("nl"):
        labelled = dict(ExampleForm({}).error_summary())
        plain = dict(MessagesOnlyForm({}).error_summary())
        required = str(forms.Field.default_error_messages["required"])
    assert labelled["id_name"] == f"Naam: {required}"
    assert plain["id_name"] == required


def test_summary_mentions_kept_files_only_when_there_are_some():
    sentence = "De bestanden die u koos, hebben wij bewaard."
    assert sentence not in _render(ExampleForm({}))
    assert sentence in _render(ExampleForm({}), kept=[{"token": "t"}])


def test_optional_marker_only_where_the_form_switches_it_on():
    assert MARKER not in _render(ExampleForm({}))
    html = _render(MarkedForm({}))
    # Once: the optional text field; never a required field or a single checkbox.
    assert html.count(MARKER) == 1
    assert f'Opmerking <span class="hint-inline">{MARKER}</span></label>' in html


def test_every_project_form_uses_the_mechanism():
    # A form rendered with forms/_field.html without the mixin would point at ids that are
    # not there. Staff's and residents' forms alike.
    modules = ["initiatives", "matching", "brokers", "budgets"]
    found = []
    for module in modules:
        for _, cls in inspect.getmembers(importlib.import_module(f"{module}.forms")):
            if (
                inspect.isclass(cls)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__.startswith(f"{module}.forms")
            ):
                found.append(cls)
                assert issubclass(cls, AccessibleFormMixin), cls
    assert len(found) >= 25
    assert issubclass(CaseFilter._meta.form, AccessibleFormMixin)


# --- On real pages ---


def _assert_tied(html, auto_id, message, anchor=None):
    """The field's error is on the page, every one of its inputs points to it and is
    marked invalid, and the summary links to the (first) input."""
    error_id = f"{auto_id}-error"
    assert message in _text_of(html, error_id)
    inputs = [
        attrs
        for tag, attrs in _elements(html)
        if tag in ("input", "textarea", "select")
        and attrs.get("id", "").startswith(auto_id)
        and attrs.get("type") != "hidden"
    ]
    assert inputs, auto_id
    for attrs in inputs:
        assert error_id in attrs.get("aria-describedby", "").split(), attrs
        assert attrs.get("aria-invalid") == "true", attrs
    assert (anchor or auto_id) in _summary_links(html)


@pytest.mark.django_db
def test_resident_idea_form_ties_errors_to_fields_and_marks_nothing_optional(client):
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300"))
    url = reverse("initiatives:submit")
    assert MARKER not in client.get(url).content.decode()

    response = client.post(url, submission_data(title="", initiator_kind="", email="x"))
    html = response.content.decode()
    assert response.status_code == 200
    _assert_tied(html, "id_title", "Geef uw idee een titel.")
    assert "id_title-hint" in _ids(html)
    _assert_tied(html, "id_initiator_kind", "Kies wie u bent.", anchor="id_initiator_kind_0")
    _assert_tied(html, "id_email", "naam@voorbeeld.nl")
    assert MARKER not in html
    # Contact is the service itself (public task): no consent box to forget.
    assert "id_consent_contact" not in html
    # The phone field was fine: not marked.
    assert "aria-invalid" not in _inputs(html, "phone")[0]


@pytest.mark.django_db
def test_broker_case_action_form_ties_errors_to_fields(client, broker):
    case = InitiativeFactory()
    client.force_login(broker)
    response = client.post(reverse("brokers:case-note", args=[case.reference]), {"note-text": ""})
    html = response.content.decode()
    assert response.status_code == 200
    with translation.override("nl"):
        required = str(forms.Field.default_error_messages["required"])
    _assert_tied(html, "id_note-text", required)
    # The hint, the counter of a long text (no maxlength cut), then the error.
    assert _inputs(html, "note-text")[0]["aria-describedby"].split() == [
        "id_note-text-hint",
        "id_note-text-count",
        "id_note-text-error",
    ]
    # The case file's forms say which fields may stay empty.
    assert f'Toelichting (intern) <span class="hint-inline">{MARKER}</span>' in html


@pytest.mark.django_db
def test_handover_ties_a_cross_field_error_to_its_field(client, coordinator):
    leaving = StaffFactory(role=Role.BROKER)
    client.force_login(coordinator)
    response = client.post(
        reverse("brokers:handover"), {"from_broker": leaving.pk, "to_broker": leaving.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    _assert_tied(html, "id_to_broker", "Kies een andere makelaar.")
    assert "aria-invalid" not in _inputs(html, "from_broker")[0]


@pytest.mark.django_db
def test_queue_filters_have_no_marker_and_their_errors_link_to_an_input(client, broker):
    client.force_login(broker)
    html = client.get(reverse("brokers:queue"), {"status": "bogus"}).content.decode()
    assert MARKER not in html
    links = _summary_links(html)
    assert links == ["id_status_0"]
    assert "id_status_0" in _ids(html)


@pytest.mark.django_db
def test_survey_keeps_its_optional_marker(client):
    survey = SurveyFactory(initiative=InitiativeFactory(realised=True))
    url = reverse("initiatives:survey", args=[signing.dumps(survey.pk, salt="messaging.survey")])
    html = client.get(url).content.decode()
    assert f'Wilt u iets uitleggen? <span class="hint-inline">{MARKER}</span>' in html


class SelectForm(AccessibleFormMixin, forms.Form):
    pick = forms.ChoiceField(
        choices=[("", "---------"), ("a", "A & B"), (1, "een"), ("a", "nog eens a")],
        required=False,
        help_text="Kies er een.",
    )
    number = forms.TypedChoiceField(choices=[(1, "een"), (2, "twee")], coerce=int)


def _normalised_select(html) -> tuple[str, list[str], list[tuple]]:
    """The select's attributes (in any order) and its options, whitespace aside."""
    html = str(html)
    opening = re.match(r"<select ([^>]*)>", html).group(1)
    return (
        sorted(re.findall(r'[\w-]+(?:="[^"]*")?', opening)),
        re.findall(r"<option[^>]*>[^<]*</option>", html),
    )


@pytest.mark.parametrize("data", [None, {"pick": "a", "number": "2"}, {"pick": "zz"}])
def test_selects_are_written_in_python_with_djangos_markup(data):
    """config.forms.QuickSelect: the markup of Django's template (one option selected,
    labels escaped, the field's aria attributes), without a template per option."""
    from config.forms import QuickSelect

    form = SelectForm(data)
    if data:
        form.is_valid()
    for name in ("pick", "number"):
        widget = form.fields[name].widget
        assert type(widget) is QuickSelect
        quick = form[name].as_widget()
        widget.__class__ = forms.Select
        django = form[name].as_widget()
        widget.__class__ = QuickSelect
        assert _normalised_select(quick) == _normalised_select(django)
    assert "A &amp; B" in str(form["pick"])


@pytest.mark.django_db
def test_a_model_select_reads_its_choices_in_one_query(django_assert_num_queries):
    theme("sport")
    form = CaseFilter({}).form
    with django_assert_num_queries(1):  # no COUNT before the rows
        html = str(form["theme"])
    assert 'value="sport"' in html


@pytest.mark.django_db
def test_model_choices_are_one_plain_read_with_djangos_options(monkeypatch):
    """AccessibleFormMixin's model choices (config.form_choices.FetchedChoices): the options
    Django's iterator gives (django-filters' null choice too), without a server-side
    cursor (DECLARE, FETCH, CLOSE: three round trips)."""
    from django.db import connection
    from django_filters.fields import ModelChoiceField as FilterModelChoiceField

    from initiatives.models import Theme

    theme("sport")
    theme("kunst-cultuur")

    class ModelForm(AccessibleFormMixin, forms.Form):
        plain = forms.ModelChoiceField(queryset=Theme.objects.order_by("slug"), empty_label="Alle")
        nullable = FilterModelChoiceField(
            queryset=Theme.objects.order_by("slug"),
            null_label="Geen",
            to_field_name="slug",
            empty_label="Alle",
        )

    expected = {
        name: [(str(value), str(label)) for value, label in field.choices]
        for name, field in ModelForm.base_fields.items()
    }
    form = ModelForm()

    def no_server_side_cursor():
        raise AssertionError("read through a server-side cursor")

    monkeypatch.setattr(connection, "chunked_cursor", no_server_side_cursor)
    for name, options in expected.items():
        assert [(str(v), str(label)) for v, label in form.fields[name].choices] == options
        assert str(form[name]).count("<option") == len(options)
    assert ("null", "Geen") in expected["nullable"]


class EveryKindForm(AccessibleFormMixin, forms.Form):
    optional_marker = True
    title = forms.CharField(label="Titel <b>", help_text="Kort & duidelijk.", max_length=80)
    story = forms.CharField(label="Verhaal", widget=forms.Textarea, max_length=5000)
    remark = forms.CharField(label="Opmerking", required=False, widget=forms.Textarea)
    colour = forms.ChoiceField(
        label="Kleur",
        help_text="Kies er een.",
        choices=[("red", "Rood <"), ("green", "Groen")],
        widget=forms.RadioSelect,
    )
    extras = forms.MultipleChoiceField(
        label="Extra's",
        required=False,
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="Akkoord", help_text="Lees eerst de voorwaarden.")
    kind = forms.ChoiceField(label="Soort", choices=[("", "(kies)"), ("x", "X")])
    on = forms.DateField(label="Datum", required=False)

    def clean(self):
        self.add_error("title", "Niet met <script> & zo.")
        return super().clean()


def _field_forms():
    from brokers import forms as broker_forms

    yield EveryKindForm()
    yield EveryKindForm({"story": "x" * 5001, "colour": "blue", "on": "gisteren"})
    for name in ("AssignForm", "ContactMomentForm", "NoteForm", "WaitingForm", "ReferralForm"):
        form_class = getattr(broker_forms, name)
        yield form_class(prefix="p")
        yield form_class({}, prefix="p")
    yield broker_forms.ReferralOutcomeForm({}, prefix="outcome-1")


def _in_order(html: str, *parts: str) -> bool:
    at = 0
    for part in parts:
        at = html.find(part, at)
        if at < 0:
            return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_kind_of_field_prints_label_hint_error_and_input_in_order(language):
    """AccessibleBoundField.html, the one source of a field's markup (forms/_field.html
    prints it): a group in a fieldset with its legend, a checkbox before its label, any
    other input after its label, hint and error; values escaped."""
    seen = set()
    with translation.override(language):
        for form in _field_forms():
            form.is_bound and form.is_valid()
            for field in form:
                html = str(field.html)
                assert (
                    render_to_string("forms/_field.html", {"field": field}).strip() == html.strip()
                )
                assert html.strip().startswith('<div class="field')
                assert ("field-error" in html) == bool(field.errors)
                hint = f'id="{field.hint_id}"' if field.help_text else ""
                error = f'id="{field.error_id}"' if field.errors else ""
                if field.is_group:
                    assert _in_order(html, "<fieldset>", "<legend>", hint, error, 'class="choices"')
                    assert html.count('class="choice"') == len(list(field))
                elif field.is_checkbox:
                    assert _in_order(
                        html, error, 'type="checkbox"', f'for="{field.id_for_label}"', hint
                    )
                else:
                    assert _in_order(
                        html,
                        f'<label for="{field.id_for_label}">',
                        hint,
                        error,
                        f'id="{field.id_for_label}"',
                    )
                    if field.counter_id:
                        assert _in_order(
                            html, f'id="{field.counter_id}"', f'id="{field.counter_id}-live"'
                        )
                seen.add((field.is_group, field.is_checkbox, bool(field.counter_id)))
                seen.add(("errors", bool(field.errors)))
    assert {(True, False, False), (False, True, False), (False, False, True)} <= seen
    assert ("errors", True) in seen


@pytest.mark.django_db
def test_a_field_escapes_what_its_label_hint_and_error_say():
    class Form(AccessibleFormMixin, forms.Form):
        name = forms.CharField(label="<b>Naam</b>", help_text="<i>hint</i>")

    form = Form({"name": ""})
    form.is_valid()
    form.errors["name"] = ["<script>x</script>"]
    html = str(form["name"].html)
    assert "<b>" not in html and "<i>" not in html and "<script>" not in html
    assert "&lt;b&gt;Naam&lt;/b&gt;" in html and "&lt;script&gt;" in html


def _both_ways(widget, name, value, attrs=None):
    from django.forms.renderers import DjangoTemplates

    from config.forms import QuickWidgetRenderer

    return (
        widget.render(name, value, attrs, renderer=QuickWidgetRenderer()),
        widget.render(name, value, attrs, renderer=DjangoTemplates()),
    )


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.TextInput(), None),
        (forms.TextInput(), 'Jan "de Vries" <b>&</b>'),
        (forms.TextInput(attrs={"maxlength": 20, "required": True, "disabled": False}), "x"),
        (forms.TextInput(attrs={"data-x": '"quoted" & <tag>', "aria-describedby": "a b"}), ""),
        (forms.NumberInput(attrs={"min": 0}), 0),
        (forms.EmailInput(), "a@example.org"),
        (forms.HiddenInput(), 7),
        (forms.PasswordInput(render_value=True), "geheim"),
        (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "2026-12-06"),
        (forms.CheckboxInput(), True),
        (forms.CheckboxInput(), False),
        (forms.Textarea(attrs={"rows": 3}), None),
        (forms.Textarea(), ""),
        (forms.Textarea(), "Regel één\n<script>alert(1)</script> & meer"),
        (forms.Textarea(), "  \n"),
    ],
)
def test_quick_widget_renderer_prints_what_djangos_templates_print(widget, value):
    quick, django = _both_ways(widget, "veld", value, {"id": "id_veld"})
    assert quick == django


def test_quick_widget_renderer_prints_each_choice_of_a_group_as_django_does():
    from django.forms.renderers import DjangoTemplates

    from config.forms import QuickWidgetRenderer

    class Pick(forms.Form):
        kind = forms.ChoiceField(
            choices=[("a", "Eén <b>"), ("b", 'Twee "2"')], widget=forms.RadioSelect
        )
        many = forms.MultipleChoiceField(
            choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
        )

    for data in (None, {"kind": "b", "many": ["x", "y"]}):
        quick = Pick(data, renderer=QuickWidgetRenderer())
        django = Pick(data, renderer=DjangoTemplates())
        for name in ("kind", "many"):
            for ours, theirs in zip(quick[name], django[name], strict=True):
                assert ours.tag() == theirs.tag()
                assert ours.tag(wrap_label=True) == theirs.tag(wrap_label=True)
            # The whole group through Django's own group template too.
            assert str(quick[name]) == str(django[name])
