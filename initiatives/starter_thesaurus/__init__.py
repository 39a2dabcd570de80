"""The thesaurus the platform starts with: initiative vocabulary that residents write in
different words for the same thing, one group a line. Loaded by migration 0020 and by
synonym_groups_starter_load (tests, a fresh database); brokers change it in the admin.

Words are matched by their Dutch stem: a word whose stem another common word shares
("ouderen" and "ouders" are both "ouder") would join unrelated texts, so such words stay
out (write "senioren")."""

from . import living, people
from .subjects import SUBJECTS


def _widened(lines: list[str], *extras: dict[str, str]) -> list[str]:
    """Each line with the words the later modules add to its group (EXTRA, by first word)."""
    return [
        " ".join([line, *(extra[line.split()[0]] for extra in extras if line.split()[0] in extra)])
        for line in lines
    ]


EXTRAS = [getattr(module, "EXTRA", {}) for module in (living, people)]
STARTER = [*_widened(SUBJECTS, *EXTRAS), *living.GROUPS, *people.GROUPS]

# Starter groups taken back (by their first word): they name how or where help is given
# ("maatje": a buddy for anything from money to loneliness) or a thing ideas mention in
# passing ("bankjes" beside a dog field), not what an idea is about, and alone they
# joined unrelated ideas. Deactivated unless a broker changed them (migration 0033).
WITHDRAWN = ["maatje", "bankje"]


# Starter groups (by their first word) that say who or where an idea is for, not what it
# is about (SynonymGroup.setting): matching weighs them as one word (migration 0034).
SETTING = [
    "jongeren",
    "senioren",
    "nieuwkomers",
    "peuters",
    "buurthuis",
    "vrijwilligers",
    "vrouwengroep",
]


def _has_reason(SynonymGroupChange) -> bool:
    # From migration 0038 on, a change a migration made is in the history with its reason;
    # older migrations run the sync without the field.
    return any(f.name == "reason" for f in SynonymGroupChange._meta.get_fields())


def _edited_by_brokers(SynonymGroupChange) -> set[int]:
    """The groups a broker changed: a change with a reason was a migration's."""
    changes = SynonymGroupChange.objects.all()
    if _has_reason(SynonymGroupChange):
        changes = changes.filter(reason="")
    return set(changes.values_list("group_id", flat=True))


def _history(SynonymGroupChange, group, before: list[str], reason: str) -> None:
    if _has_reason(SynonymGroupChange):
        SynonymGroupChange.objects.create(
            group=group,
            words_before=before,
            words_after=group.words,
            active_after=group.active,
            setting_after=getattr(group, "setting", False),
            reason=reason[:200],
        )


def starter_groups_sync(apps, schema_editor, *, reason: str) -> int:
    """Bring an installed database up to STARTER, for the migrations that extend it:
    new groups are added, starter groups no broker has changed take the starter's words,
    a group a broker edited stays as the broker left it, an unedited starter group
    taken back (WITHDRAWN) is deactivated and one saying who or where (SETTING) marked.
    Each change is in the group's history with `reason` (from migration 0038 on); when
    anything changed, the cases get their new index words from the background rebuild
    (DocumentRebuild, with `reason` in the admin). Historical models only
    (`apps`): safe inside a migration. Returns the number of groups added or changed."""
    SynonymGroup = apps.get_model("initiatives", "SynonymGroup")
    SynonymGroupChange = apps.get_model("initiatives", "SynonymGroupChange")
    edited = _edited_by_brokers(SynonymGroupChange)

    def history(group, before):
        _history(SynonymGroupChange, group, before, reason)

    every = list(SynonymGroup.objects.all())
    groups = {group.words[0]: group for group in every if group.words}
    # Any word of any group: a starter line whose first word a broker moved to the end,
    # removed or put in another group is still there (by another of its words), and is
    # not added a second time.
    anywhere = {word for group in every for word in group.words}
    # The flag exists from migration 0034 on; older migrations run this without it.
    has_setting = any(f.name == "setting" for f in SynonymGroup._meta.get_fields())
    changed = 0
    with schema_editor.connection.cursor() as cursor:

        def stems(words):
            cursor.execute(
                "SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(%s::text[]) w,"
                " unnest(tsvector_to_array(to_tsvector('dutch', w))) s",
                [words],
            )
            return cursor.fetchone()[0] or []

        for line in STARTER:
            words = line.split()
            group = groups.get(words[0])
            if group is None and anywhere.intersection(words):
                continue  # edited by a broker beyond recognition by its first word: theirs
            if group is None:
                flag = {"setting": words[0] in SETTING} if has_setting else {}
                created = SynonymGroup.objects.create(
                    words=words, stems=stems(words), note="startset", **flag
                )
                history(created, [])
                changed += 1
            elif group.note == "startset" and group.pk not in edited and group.words != words:
                before = list(group.words)
                group.words = words
                group.stems = stems(words)
                group.save(update_fields=["words", "stems"])
                history(group, before)
                changed += 1
    if has_setting:
        for first in SETTING:
            group = groups.get(first)
            if group and group.note == "startset" and group.pk not in edited and not group.setting:
                group.setting = True
                group.save(update_fields=["setting"])
                history(group, list(group.words))
                changed += 1
    for first in WITHDRAWN:
        group = groups.get(first)
        if group and group.note == "startset" and group.pk not in edited and group.active:
            group.active = False
            group.save(update_fields=["active"])
            history(group, list(group.words))
            changed += 1
    total = apps.get_model("initiatives", "Initiative").objects.count()
    if changed and total:
        apps.get_model("initiatives", "DocumentRebuild").objects.create(reason=reason, total=total)
    return changed
