"""Match reasons: stored as what they are, written in words when shown.

The engine stores each reason as a small dict, its code and what fills it: the shared
words as the engine names them ({"code": "words", "words": "zwerfafval ≈ prikactie"}),
the needs both ideas ask for as their stored values ({"code": "needs", "needs":
["volunteers"]}), the kind of an offer ({"code": "offer_kind", "kind": "space"}), or a
code alone ("theme", "neighbourhood", "title", "offered"). Shown, a reason becomes a
sentence in the reader's language (gettext, at display time); a need in staff's words
(initiatives.constants.STAFF_NEED_LABELS). A sentence from before the codes that the
upgrade did not recognise is kept as {"code": "text", "text": ...} and shown as stored."""

from django.utils.translation import gettext as _

from initiatives.constants import STAFF_NEED_LABELS

from .constants import OfferKind

WORDS = "words"
TITLE = "title"
THEME = "theme"
NEIGHBOURHOOD = "neighbourhood"
NEEDS = "needs"
OFFER_KIND = "offer_kind"
OFFERED = "offered"
TEXT = "text"


def words(shown: str) -> dict:
    return {"code": WORDS, "words": shown}


def needs(values) -> dict:
    return {"code": NEEDS, "needs": list(values)}


def offer_kind(kind: str) -> dict:
    return {"code": OFFER_KIND, "kind": str(kind)}


def code(name: str) -> dict:
    """A reason without parameters: TITLE, THEME, NEIGHBOURHOOD or OFFERED."""
    return {"code": name}


def _need_label(value: str) -> str:
    label = STAFF_NEED_LABELS.get(value)
    return str(label).lower() if label is not None else value


def _kind_label(value: str) -> str:
    return str(OfferKind(value).label).lower() if value in OfferKind.values else value


def _fixed() -> dict:
    return {
        TITLE: _("Lijkt op dezelfde titel"),
        THEME: _("Zelfde thema"),
        NEIGHBOURHOOD: _("Zelfde wijk"),
        OFFERED: _("Aangeboden voor dit idee"),
    }


def reason_shown(reason) -> str:
    """One stored reason as a sentence in the active language."""
    if isinstance(reason, str):
        return reason
    name = reason.get("code")
    if name == WORDS:
        return _("Gaat ook over: %(words)s") % {"words": reason.get("words", "")}
    if name == NEEDS:
        shown = ", ".join(_need_label(value) for value in reason.get("needs", []))
        return _("Zoeken allebei: %(needs)s") % {"needs": shown}
    if name == OFFER_KIND:
        kind = _kind_label(reason.get("kind", ""))
        return _("Biedt %(kind)s, en daar wordt om gevraagd") % {"kind": kind}
    fixed = _fixed().get(name)
    if fixed is not None:
        return fixed
    return str(reason.get("text", ""))


def reasons_shown(reasons) -> list[str]:
    """A suggestion's stored reasons as sentences in the active language."""
    return [shown for shown in map(reason_shown, reasons or []) if shown]
