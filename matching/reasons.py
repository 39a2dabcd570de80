"""Match reasons in the reader's language. The engine stores each reason as a sentence,
in the language active when it ran (Dutch, in the worker): "Gaat ook over: moestuin",
"Zelfde wijk". Shown, such a sentence is recognised by its fixed part in any of the
site's languages and written anew through gettext; its words (the ideas' own) stay as
they are, a list of needs or offer kinds is translated item by item. A sentence not
recognised is shown as stored."""

import re
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from initiatives.constants import Need

from .constants import OfferKind

FIXED = (
    _("Lijkt op dezelfde titel"),
    _("Zelfde thema"),
    _("Zelfde wijk"),
    _("Aangeboden voor dit idee"),
)
# (sentence, its parameter, how to translate what fills it)
WITH_PARAMETER = (
    (_("Gaat ook over: %(words)s"), "words", None),
    (_("Zoeken allebei: %(needs)s"), "needs", Need),
    (_("Biedt %(kind)s, en daar wordt om gevraagd"), "kind", OfferKind),
)


@lru_cache(maxsize=1)
def _known() -> tuple[dict, list]:
    fixed, patterns = {}, []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            fixed.update({str(text): text for text in FIXED})
            for sentence, name, choices in WITH_PARAMETER:
                before, after = str(sentence).split(f"%({name})s")
                pattern = re.compile(f"{re.escape(before)}(.+){re.escape(after)}", re.DOTALL)
                labels = (
                    {str(label).lower(): label for label in choices.labels} if choices else None
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
