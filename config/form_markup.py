"""The markup of an unbound form field, kept once written (config.forms.AccessibleBoundField.html).

A field of a form nobody has filled in prints the same markup every time its label,
hint, widget, choices and initial value are the same: the broker's case file prints
some thirty such fields on every request (most in folded sections), and writing them
(Django's widget machinery: attributes, choices, the value) was a fifth of the page's
time. The key holds everything the markup is made of, so a different value, choice,
attribute or language is a different entry. Only the plain widgets whose whole state
is their attributes, choices and format are kept; a bound form, a field with errors, a
widget of any other kind (a subclass included) or choices still to be read are written
every time as before, and so is a field whose value the form was given (initial=:
a draft holds what someone typed)."""

from collections.abc import Callable

from django import forms
from django.utils.translation import get_language


def _nothing_more(widget) -> None:
    return None


# Widgets whose markup depends on nothing but what markup_key() reads, and what their
# function returns (state of their own). Exact types: a subclass may keep state of its
# own, so it is kept only when registered (keep_markup_of).
_KEPT_WIDGETS: dict[type, Callable] = dict.fromkeys(
    (
        forms.TextInput,
        forms.NumberInput,
        forms.EmailInput,
        forms.URLInput,
        forms.DateInput,
        forms.Textarea,
        forms.CheckboxInput,
        forms.Select,
        forms.RadioSelect,
        forms.CheckboxSelectMultiple,
    ),
    _nothing_more,
)
# More entries than this: start again (the key holds the choices, so a changed list of
# brokers leaves its old entries behind).
_MAX_ENTRIES = 2000
_MARKUP: dict[tuple, str] = {}


def keep_markup_of(widget: type, state: Callable = _nothing_more) -> None:
    """Let the markup of fields with this widget class be kept; `state(widget)`: what
    else of the widget its markup depends on, as a key (hashable)."""
    _KEPT_WIDGETS[widget] = state


def _frozen(value):
    """`value` as part of a key: hashable, or a TypeError."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    hash(value)
    # As printed too: Decimal("1.0") and Decimal("1.00") are equal, and print apart.
    return (type(value), value, str(value))


def _attrs(attrs: dict) -> tuple:
    # In order (the markup prints them so); True prints the name alone, so keep the type.
    return tuple((name, type(value).__name__, str(value)) for name, value in attrs.items())


def _choices(widget) -> tuple | None:
    """The widget's choices as printed, or None when they are not a plain list (a model
    choice iterator reads them when printed) or come in groups."""
    choices = getattr(widget, "choices", ())
    if not isinstance(choices, (list, tuple)):
        return None
    kept = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            return None
        kept.append((str(value), str(label)))
    return tuple(kept)


def markup_key(bound) -> tuple | None:
    """What the markup of `bound` (an AccessibleBoundField) is made of, or None when it
    is not to be kept."""
    form, field = bound.form, bound.field
    widget = field.widget
    state = _KEPT_WIDGETS.get(type(widget))
    # A value given to the form (initial=) may be what someone typed (a draft): only the
    # field's own initial value is kept, never text a person wrote.
    if state is None or form.is_bound or bound.name in form.initial or bound.errors:
        return None
    choices = _choices(widget)
    if choices is None:
        return None
    try:
        value = _frozen(bound.value())
    except TypeError:
        return None
    return (
        get_language(),
        type(form),
        type(widget),
        bound.html_name,
        bound.auto_id,
        type(bound.label),  # a safe label prints unescaped
        str(bound.label),
        str(bound.help_text),
        bound.marked_optional,
        field.required,
        field.disabled,
        field.localize,
        field.show_hidden_initial,
        form.use_required_attribute,
        getattr(field, "max_length", None),
        getattr(widget, "format", None),
        getattr(widget, "input_type", None),  # an instance's own (type="tel")
        getattr(widget, "check_test", None),
        _attrs(widget.attrs),
        choices,
        value,
        state(widget),
    )


def kept_markup(bound, write) -> str:
    """The markup of `bound`: kept from an earlier `write(bound)` with the same key, else
    written now (and kept when it may be)."""
    key = markup_key(bound)
    if key is None:
        return write(bound)
    markup = _MARKUP.get(key)
    if markup is None:
        if len(_MARKUP) >= _MAX_ENTRIES:
            _MARKUP.clear()
        markup = _MARKUP[key] = write(bound)
    return markup


def forget_kept_markup() -> None:
    """Empty the store (tests)."""
    _MARKUP.clear()
