"""Form helpers shared by the apps' views, and the one mechanism for accessible fields:
AccessibleFormMixin on the form, templates/forms/_field.html and
templates/forms/_error_summary.html in the page."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

# Widgets that render a group of inputs in a fieldset, one input per choice.
GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def form_add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the field it names, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


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
            if self.errors:
                described.append(self.error_id)
        return " ".join(described)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        # Django leaves a group's description to its fieldset, which screen readers do not
        # always announce: every input of the group names the hint and the error itself.
        if self.is_group and not attrs.get("aria-describedby") and self.aria_describedby:
            attrs["aria-describedby"] = self.aria_describedby
        return attrs


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
