"""Form helpers shared by the apps' views, and the one mechanism for accessible fields:
AccessibleFormMixin on the form, templates/forms/_field.html and
templates/forms/_error_summary.html in the page."""

import copy
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .errors import NotAllowed
from .form_choices import fetched_choices
from .form_markup import keep_markup_of, kept_markup

# Widgets that render a group of inputs in a fieldset, one input per choice.
GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def form_add_service_errors(form, exc: ValidationError | NotAllowed) -> None:
    """Show a service's refusal on the form: a ValidationError's messages next to the
    field each names (at the top when the form has no such field), a NotAllowed's at
    the top."""
    if isinstance(exc, NotAllowed):
        form.add_error(None, str(exc))
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@contextmanager
def service_errors_on(form):
    """The one way a view runs a service for a valid form: a refusal the service raises
    in this block (ValidationError, NotAllowed) ends the block and lands on the form
    (form_add_service_errors), so the page shows it in the error summary and next to
    its field, with everything that was typed. The view carries on after the block and
    tells success from refusal by `form.errors`, or returns inside the block:

        if form.is_valid():
            with service_errors_on(form):
                thing = thing_save(actor=request.user, **form.cleaned_data)
                return redirect(thing)
        return render(request, TEMPLATE, {"form": form}, status=400)

    Keep the block to the service call and what marks success: another service called
    there would have its refusal shown as if the first had refused."""
    try:
        yield
    except (ValidationError, NotAllowed) as exc:
        form_add_service_errors(form, exc)


def _tag(text: str) -> str:
    """What {% translate "..." %} prints for a literal: its msgid has each % doubled."""
    return gettext(text.replace("%", "%%")).replace("%%", "%")


class AccessibleBoundField(BoundField):
    """A field that knows the ids of its hint and its error message, and ties every one
    of its inputs to them (aria-describedby), the inputs of a radio or checkbox group
    included. Django marks invalid inputs with aria-invalid itself. Worked out when the
    field is rendered, so an error a view adds after validation is tied to it too."""

    @property
    def is_group(self) -> bool:
        return isinstance(self.field.widget, GROUP_WIDGETS)

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def counter_limit(self) -> int | None:
        """The most characters a long text may have, shown by a counter (a textarea with
        max_length). Nothing cuts the text off: the counter says how many are left or
        too many, and the server's own message explains when it is too long."""
        if isinstance(self.field.widget, forms.Textarea):
            return getattr(self.field, "max_length", None)
        return None

    @property
    def counter_id(self) -> str:
        return f"{self.auto_id}-count" if self.auto_id and self.counter_limit else ""

    @property
    def anchor(self) -> str:
        """What the error summary links to: the input, or the first input of a group."""
        if self.is_group and self.subwidgets:
            return self.subwidgets[0].id_for_label
        return self.auto_id

    @property
    def marked_optional(self) -> bool:
        """Whether the label says "(niet verplicht)": see AccessibleFormMixin."""
        return (
            self.form.optional_marker
            and not self.field.required
            and self.name not in getattr(self.form, "conditionally_required", ())
            and not self.is_checkbox
            and not self.is_hidden
        )

    @property
    def aria_describedby(self):
        # Django's own version points at other ids; one set on the widget still wins.
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        described = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                described.append(self.hint_id)
            if self.counter_id:
                described.append(self.counter_id)
            if self.errors:
                described.append(self.error_id)
        return " ".join(described)

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        # No silent cut: the browser's maxlength stops typing and truncates a paste
        # without a word. The limit stays for the counter (static/js/counters.js) and
        # the server's message ("Gebruik hoogstens ... tekens").
        widget = widget or self.field.widget
        if "maxlength" in widget.attrs:
            widget = copy.copy(widget)
            widget.attrs = {k: v for k, v in widget.attrs.items() if k != "maxlength"}
            widget.attrs["data-maxlength"] = self.field.widget.attrs["maxlength"]
            if self.counter_limit:
                widget.attrs["data-counter"] = ""
        return super().as_widget(widget, attrs, only_initial)

    @property
    def html(self):
        """The field's markup (templates/forms/_field.html prints this): label or legend,
        hint, error, input(s), the character counter. Written in Python, every value
        escaped as a template's autoescape would: the case file shows some thirty fields,
        and one template include each cost ~10 ms. An unbound field's is kept once
        written (config.form_markup)."""
        return kept_markup(self, AccessibleBoundField.written_html)

    def written_html(self):
        """The field's markup, written now (see `html`)."""
        e = conditional_escape
        errors = self.errors
        error_block = ""
        if errors:
            messages = "".join(f"{e(error)} " for error in errors)
            error_block = (
                f'<p class="error-message" id="{e(self.error_id)}"><span class="visually-hidden">'
                f"{e(gettext('Fout:'))} </span>{messages}</p>"
            )
        help_text = self.help_text
        hint = f'<p class="hint" id="{e(self.hint_id)}">{e(help_text)}</p>' if help_text else ""
        optional = (
            f' <span class="hint-inline">{e(gettext("(niet verplicht)"))}</span>'
            if self.marked_optional
            else ""
        )
        label = e(self.label)
        if self.is_group:
            choices = "".join(
                f'<div class="choice">{e(choice.tag())} <label for="{e(choice.id_for_label)}">'
                f"{e(choice.choice_label)}</label></div>"
                for choice in self
            )
            body = (
                f"\n  <fieldset>\n    <legend>{label}{optional}</legend>\n    {hint}\n"
                f'    {error_block}\n    <div class="choices">\n      {choices}\n'
                "    </div>\n  </fieldset>\n"
            )
        elif self.is_checkbox:
            body = (
                f'\n  {error_block}\n  <div class="choice">{e(self)} '
                f'<label for="{e(self.id_for_label)}">{label}</label></div>\n  {hint}\n'
            )
        else:
            counter = ""
            counter_id = self.counter_id
            if counter_id:
                # As {% blocktranslate %}: the value escaped, the sentence as translated.
                limit = e(localize(self.counter_limit))
                said = gettext("U kunt hoogstens %(limit)s tekens gebruiken.") % {"limit": limit}
                counter = (
                    f'\n  \n  <p class="hint char-count" id="{e(counter_id)}"\n'
                    f'     data-left="{e(_tag("U heeft nog %n tekens over."))}" '
                    f'data-left-one="{e(_tag("U heeft nog 1 teken over."))}"\n'
                    f'     data-over="{e(_tag("U heeft %n tekens te veel."))}" '
                    f'data-over-one="{e(_tag("U heeft 1 teken te veel."))}">{said}</p>\n'
                    f'  <p class="visually-hidden" id="{e(counter_id)}-live" aria-live="polite">'
                    "</p>\n  "
                )
            body = (
                f'\n  <label for="{e(self.id_for_label)}">{label}{optional}</label>\n'
                f"  {hint}\n  {error_block}\n  {e(self)}\n  {counter}\n"
            )
        return mark_safe(  # noqa: S308 (every value above is escaped)
            f'\n<div class="field{" field-error" if errors else ""}">\n{body}\n</div>\n'
        )

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        # Django leaves a group's description to its fieldset, which screen readers do not
        # always announce: every input of the group names the hint and the error itself.
        if self.is_group and not attrs.get("aria-describedby") and self.aria_describedby:
            attrs["aria-describedby"] = self.aria_describedby
        return attrs


class QuickSelect(forms.Select):
    """forms.Select with the same markup, written in Python. Django renders a select
    through a template per option (and one more for each option's attributes): on the
    broker's queue the seven filter selects cost more than its fifty rows. Choices in
    groups fall back to Django's own rendering."""

    def render(self, name, value, attrs=None, renderer=None):
        # Not list(): it asks a ModelChoiceIterator for its length, a COUNT query.
        choices = [choice for choice in self.choices]  # noqa: C416
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        wanted = set(self.format_value(value))
        options, found = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not found and option_value in wanted
            found = found or selected
            options.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option_value,
                    mark_safe(" selected") if selected else "",  # noqa: S308 (a constant)
                    label,
                )
            )
        return format_html(
            '<select name="{}"{}>\n  {}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("\n  ".join(options)),  # noqa: S308 (escaped by format_html above)
        )


keep_markup_of(QuickSelect)

# Django's widget templates that print nothing but input.html: one <input>.
_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "search",
        "tel",
        "color",
        "date",
        "datetime",
        "time",
        "hidden",
        "file",
        "checkbox",
    )
)
# input.html inside a label when wrap_label is set (a radio or checkbox group rendered
# by Django's own group template); bare in BoundWidget.tag(), which is what
# AccessibleBoundField.html prints for each choice of a group.
_OPTION_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input_option", "radio_option", "checkbox_option")
)
_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _as_printed(value) -> str:
    """What {{ value|stringformat:'s' }} prints: safe text as it is, the rest escaped."""
    text = str(value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _widget_attrs(attrs: dict) -> str:
    """What django/forms/widgets/attrs.html prints."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_as_printed(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """What django/forms/widgets/input.html prints."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_as_printed(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_widget_attrs(widget["attrs"])}>'
    )


class QuickWidgetRenderer(DjangoTemplates):
    """Django's form renderer, with the plainest widget templates (an <input>, a
    <textarea>) written in Python with the same markup. Each went through three
    templates (the widget's, input.html, attrs.html), about 0.15 ms a field: the case
    file shows some thirty fields. Every other template (selects in groups, date
    selects, a label-wrapped option) is rendered by Django as before.
    tests/test_forms.py renders each widget both ways and compares."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in _INPUT_TEMPLATES or (
                template_name in _OPTION_TEMPLATES and not widget.get("wrap_label")
            ):
                return _input(widget)
            if template_name == _TEXTAREA_TEMPLATE:
                value = widget["value"]
                text = conditional_escape(value) if value else ""
                return (
                    f'<textarea name="{conditional_escape(widget["name"])}"'
                    f"{_widget_attrs(widget['attrs'])}>\n{text}</textarea>"
                )
        return super().render(template_name, context, request)


class AccessibleFormMixin:
    """Every form rendered with templates/forms/_field.html uses this: its fields know
    their hint and error ids, and error_summary() lists the errors for the summary at the
    top of the page, each with the id of the input it belongs to."""

    bound_field_class = AccessibleBoundField
    # "(niet verplicht)" after the label of an optional field. Off where the labels say
    # themselves what may stay empty (the resident's idea form) or everything may
    # (filters).
    optional_marker = False
    # The summary names the field before each message. Off where every message says what
    # to do on its own; on where Django's own messages ("Dit veld is vereist.") would
    # not say which field they are about.
    summary_with_labels = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's empty choice reads "---------": say in words that nothing is chosen.
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget.__class__ = QuickSelect  # same markup, rendered in Python
            if isinstance(field, forms.ModelChoiceField) and not hasattr(field, "_choices"):
                field.iterator = fetched_choices(field.iterator)
                field.widget.choices = field.choices  # the widget kept the old iterator
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = _("(kies)")
            elif isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                choices = list(field.choices)
                if choices and choices[0] == ("", "---------"):
                    field.choices = [("", _("(kies)")), *choices[1:]]

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) per error, in the order of the form; non-field ones first,
        with an empty anchor."""
        items = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            bound = self[name]
            for message in bound.errors:
                text = f"{bound.label}: {message}" if self.summary_with_labels else str(message)
                items.append((bound.anchor, text))
        return items
