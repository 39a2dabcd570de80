"""Match reasons in the reader's language. The engine stores each reason as a sentence,
in the language active when it ran (Dutch, in the worker): "Gaat ook over: moestuin",
"Zelfde wijk". Shown, such a sentence is recognised by its fixed part in any of the
site's languages and written anew through gettext; its words (the ideas' own) stay as
they are, a list of needs or offer kinds is translated item by item (a need in staff's
words, initiatives.constants.STAFF_NEED_LABELS, also where it was stored in the
resident's). A sentence not recognised is shown as stored."""

import re
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from initiatives.constants import STAFF_NEED_LABELS, Need

from .constants import OfferKind

FIXED = (
    _("Lijkt op dezelfde titel"),
    _("Zelfde thema"),
    _("Zelfde wijk"),
    _("Aangeboden voor dit idee"),
)


def _need_labels() -> list[tuple]:
    """(label as stored, label shown): reasons stored before staff had their own labels
    name a need in the resident's words ("meedenken over mijn idee")."""
    staff = [(label, label) for label in STAFF_NEED_LABELS.values()]
    return staff + [(need.label, STAFF_NEED_LABELS[need]) for need in Need]


def _offer_kind_labels() -> list[tuple]:
    return [(label, label) for label in OfferKind.labels]


# (sentence, its parameter, how to translate what fills it)
WITH_PARAMETER = (
    (_("Gaat ook over: %(words)s"), "words", None),
    (_("Zoeken allebei: %(needs)s"), "needs", _need_labels),
    (_("Biedt %(kind)s, en daar wordt om gevraagd"), "kind", _offer_kind_labels),
)


@lru_cache(maxsize=1)
def _known() -> tuple[dict, list]:
    fixed, patterns = {}, []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            fixed.update({str(text): text for text in FIXED})
            for sentence, name, label_pairs in WITH_PARAMETER:
                before, after = str(sentence).split(f"%({name})s")
                pattern = re.compile(f"{re.escape(before)}(.+){re.escape(after)}", re.DOTALL)
                labels = (
                    {str(stored).lower(): shown for stored, shown in label_pairs()}
                    if label_pairs
                    else None
                )
                patterns.append((pattern, sentence, name, labels))
    return fixed, patterns


def reason_shown(stored: str) -> str:
    fixed, patterns = _known()
    if stored in fixed:
        return str(fixed[stored])
    for pattern, sentence, name, labels in patterns:
        found = pattern.fullmatch(stored)
        if found is None:
            continue
        value = found.group(1)
        if labels is not None:
            items = value.split(", ")
            if not all(item in labels for item in items):
                return stored
            value = ", ".join(str(labels[item]).lower() for item in items)
        return str(sentence) % {name: value}
    return stored
