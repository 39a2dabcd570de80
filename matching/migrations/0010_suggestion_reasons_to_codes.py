"""Every stored reason sentence becomes its code (matching.reasons), recognised by its
fixed part in any of the site's languages (what matching.reasons did when showing it,
copied here as it stood: a migration must not import code that changes later). A list
of needs or an offer kind becomes the stored values; a sentence not recognised is kept
as {"code": "text", "text": ...} and shown as stored. Backwards, each code is written
as its Dutch sentence again (needs in staff's words), the way the engine stored them."""

from django.db import migrations

FIXED = {
    "Lijkt op dezelfde titel": "title",
    "Similar title": "title",
    "Zelfde thema": "theme",
    "Same theme": "theme",
    "Zelfde wijk": "neighbourhood",
    "Same neighbourhood": "neighbourhood",
    "Aangeboden voor dit idee": "offered",
    "Offered for this idea": "offered",
}
# (before, after, code): the sentence around its parameter, in Dutch and English.
WITH_PARAMETER = (
    ("Gaat ook over: ", "", "words"),
    ("Also about: ", "", "words"),
    ("Zoeken allebei: ", "", "needs"),
    ("Both looking for: ", "", "needs"),
    ("Biedt ", ", en daar wordt om gevraagd", "offer_kind"),
    ("Offers ", ", which is being asked for", "offer_kind"),
)
# A need as stored (lower case): in staff's words or, before staff had their own, the
# resident's; in Dutch or English.
NEEDS = {
    "meedenken over het idee": "thinking_along",
    "meedenken over mijn idee": "thinking_along",
    "thinking along about the idea": "thinking_along",
    "thinking along about my idea": "thinking_along",
    "contact met anderen": "contacts",
    "contact with others": "contacts",
    "hulp met regels en vergunningen": "rules_permits",
    "help with rules and permits": "rules_permits",
    "geld zoeken": "funding",
    "finding money": "funding",
    "een plek of ruimte": "location",
    "a place or a room": "location",
    "vrijwilligers": "volunteers",
    "volunteers": "volunteers",
    "bekendheid": "publicity",
    "publicity": "publicity",
}
KINDS = {
    "tijd": "time",
    "time": "time",
    "kennis of vaardigheden": "skills",
    "knowledge or skills": "skills",
    "ruimte of een plek": "space",
    "space or a place": "space",
    "spullen of materiaal": "materials",
    "things or materials": "materials",
}
# Backwards: as the engine wrote them, in Dutch.
DUTCH = {
    "title": "Lijkt op dezelfde titel",
    "theme": "Zelfde thema",
    "neighbourhood": "Zelfde wijk",
    "offered": "Aangeboden voor dit idee",
}
DUTCH_NEEDS = {
    "thinking_along": "meedenken over het idee",
    "contacts": "contact met anderen",
    "rules_permits": "hulp met regels en vergunningen",
    "funding": "geld zoeken",
    "location": "een plek of ruimte",
    "volunteers": "vrijwilligers",
    "publicity": "bekendheid",
}
DUTCH_KINDS = {
    "time": "tijd",
    "skills": "kennis of vaardigheden",
    "space": "ruimte of een plek",
    "materials": "spullen of materiaal",
}
BATCH = 1000


def reason_code(stored: str) -> dict:
    if stored in FIXED:
        return {"code": FIXED[stored]}
    for before, after, code in WITH_PARAMETER:
        if not (stored.startswith(before) and stored.endswith(after)):
            continue
        value = stored[len(before) : len(stored) - len(after)]
        if not value:
            continue
        if code == "words":
            return {"code": code, "words": value}
        if code == "needs":
            items = value.split(", ")
            if all(item.lower() in NEEDS for item in items):
                return {"code": code, "needs": [NEEDS[item.lower()] for item in items]}
        elif value.lower() in KINDS:
            return {"code": code, "kind": KINDS[value.lower()]}
        break
    return {"code": "text", "text": stored}


def reason_sentence(reason: dict) -> str:
    code = reason.get("code")
    if code == "words":
        sentence = "Gaat ook over: " + reason.get("words", "")
    elif code == "needs":
        needs = ", ".join(DUTCH_NEEDS.get(v, v) for v in reason.get("needs", []))
        sentence = "Zoeken allebei: " + needs
    elif code == "offer_kind":
        kind = reason.get("kind", "")
        sentence = f"Biedt {DUTCH_KINDS.get(kind, kind)}, en daar wordt om gevraagd"
    else:
        sentence = DUTCH.get(code) or str(reason.get("text", ""))
    return sentence[:200]


def _convert(apps, source: str, target: str, convert) -> None:
    MatchSuggestion = apps.get_model("matching", "MatchSuggestion")
    last = 0
    while True:
        batch = list(
            MatchSuggestion.objects.filter(pk__gt=last).order_by("pk").only("pk", source)[:BATCH]
        )
        if not batch:
            return
        for suggestion in batch:
            setattr(suggestion, target, [convert(r) for r in getattr(suggestion, source) or []])
        MatchSuggestion.objects.bulk_update(batch, [target])
        last = batch[-1].pk


def sentences_to_codes(apps, schema_editor):
    _convert(apps, "reasons", "reason_codes", reason_code)


def codes_to_sentences(apps, schema_editor):
    _convert(apps, "reason_codes", "reasons", reason_sentence)


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0009_suggestion_reason_codes"),
    ]

    operations = [
        migrations.RunPython(sentences_to_codes, codes_to_sentences),
    ]
