"""Index words and the brokers' thesaurus: making a case's index words
(initiatives.vocabulary), editing a word group with its history, and the resumable
background rebuild of every case's documents after the thesaurus changed."""

import logging
import re
from functools import partial

from celery import current_app
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from config.errors import NotAllowed

from .. import vocabulary
from ..models import DocumentRebuild, Initiative, SynonymGroup, SynonymGroupChange

logger = logging.getLogger(__name__)

INDEX_BATCH = 200
REBUILD_BATCH = 500
REBUILD_TASK = "initiatives.tasks.documents_rebuild"
_WORD = re.compile(r"^[^\W\d_]+$")
MAX_WORD = vocabulary.MAX_WORD  # as long as a word gets (SynonymGroup.words)


def initiative_index(*, initiative_ids: list[int]) -> int:
    """Make the index words of these cases; the trigger rebuilds their documents."""
    rows = list(
        Initiative.objects.filter(pk__in=initiative_ids).values_list("pk", "title", "description")
    )
    for pk, title, description in rows:
        # Only if the text is still the one the words were made for (a concurrent edit
        # wins; its own indexing follows).
        Initiative.objects.filter(pk=pk, title=title, description=description).update(
            match_terms=vocabulary.index_terms(title, description),
            match_terms_of=vocabulary.text_hash(title, description),
        )
    return len(rows)


def initiative_index_pending(*, batch: int = INDEX_BATCH) -> int:
    """Beat: cases whose index words are missing (new, edited, loaded by SQL)."""
    ids = list(
        Initiative.objects.filter(match_terms__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch]
    )
    return initiative_index(initiative_ids=ids) if ids else 0


def _clean_words(words: list[str]) -> list[str]:
    cleaned = []
    for word in words:
        word = word.strip().lower()
        if word and word not in cleaned:
            cleaned.append(word)
    long = [w for w in cleaned if len(w) > MAX_WORD]
    if long:
        # The word itself may run to thousands of letters: named by its beginning.
        shown = ", ".join(w[:30] + "…" for w in long)
        raise ValidationError(
            {
                "words": _("Een woord is hoogstens %(max)s letters lang: %(words)s")
                % {"max": MAX_WORD, "words": shown}
            }
        )
    bad = [w for w in cleaned if not _WORD.match(w)]
    if bad:
        raise ValidationError(
            {
                "words": _(
                    "Schrijf één woord per regel, zonder spaties, streepjes of cijfers: %(words)s"
                )
                % {"words": ", ".join(bad)}
            }
        )
    if len(cleaned) < 2:
        raise ValidationError({"words": _("Een woordgroep heeft minstens twee woorden.")})
    return cleaned


def _word_stems(words: list[str]) -> list[tuple[str, list[str]]]:
    """Each word with its stems as the Dutch stemmer makes them (none for a stop word)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector('dutch', w)) FROM unnest(%s::text[]) w",
            [words],
        )
        return cursor.fetchall()


def _stems(words: list[str]) -> list[str]:
    """Each word as the Dutch stemmer makes it; a stop word has none and is refused."""
    return _stems_of(_word_stems(words))


def _stems_of(rows: list[tuple[str, list[str]]]) -> list[str]:
    empty = [word for word, stems in rows if not stems]
    if empty:
        raise ValidationError(
            {
                "words": _("Deze woorden zijn te algemeen om op te zoeken: %(words)s")
                % {"words": ", ".join(empty)}
            }
        )
    return sorted({stem for _word, stems in rows for stem in stems})


def _taken_elsewhere(rows: list[tuple[str, list[str]]], *, group_pk: int | None) -> None:
    """Refuse a word whose stem is already in another group in use. A stem names one
    group (vocabulary.analyse: the first), so such a word would silently never join
    the words of this group: the broker is told where it is instead. One query: the
    other groups in use that share any stem, lowest first."""
    others = list(
        SynonymGroup.objects.filter(
            active=True, stems__overlap=[stem for _word, stems in rows for stem in stems]
        )
        .exclude(pk=group_pk)
        .order_by("pk")
    )
    for word, stems in rows:
        other = next((o for o in others if set(o.stems) & set(stems)), None)
        if other is not None:
            shown = ", ".join(other.words[:4]) + (", …" if len(other.words) > 4 else "")
            raise ValidationError(
                {
                    "words": _(
                        "'%(word)s' staat al in een andere woordgroep (%(group)s). Voeg de "
                        "woorden daar toe, of haal het woord daar eerst weg."
                    )
                    % {"word": word, "group": shown}
                }
            )


def synonym_group_check(
    *, words: list[str], group: SynonymGroup | None = None, active: bool = True
) -> list[str]:
    """The words as they will be stored, or a ValidationError on `words` saying why not.
    `group`: the group being changed (its own words are no clash); an active group may
    share no word with another active one."""
    return _checked(words, group=group, active=active)[0]


def _checked(words, *, group, active) -> tuple[list[str], list[str]]:
    """(words as stored, their stems): each word stemmed once for every check."""
    words = _clean_words(words)
    rows = _word_stems(words)
    stems = _stems_of(rows)
    if active:
        _taken_elsewhere(rows, group_pk=group.pk if group is not None else None)
    return words, stems


def synonym_group_save(
    *,
    actor,
    words: list[str],
    note: str = "",
    active: bool = True,
    setting: bool | None = None,
    group: SynonymGroup | None = None,
) -> SynonymGroup:
    """Create or change a word group, append its history, and rebuild the documents when
    they depend on the change (words, active). New suggestions use the change at once
    (matching reads the groups as it searches).
    `setting`: the words say who or where, not what (None keeps it as it is)."""
    if actor is not None and not is_broker(actor):
        raise NotAllowed("Only brokers and coordinators edit the thesaurus.")
    words, stems = _checked(words, group=group, active=active)
    with transaction.atomic():
        if group is None:
            group = SynonymGroup.objects.create(
                words=words, stems=stems, note=note, active=active, setting=bool(setting)
            )
            before, was_active = [], active
        else:
            group = SynonymGroup.objects.select_for_update().get(pk=group.pk)
            before = list(group.words)
            was_active = group.active
            setting = group.setting if setting is None else setting
            same = (group.active, group.note, group.setting) == (active, note, setting)
            if before == words and same:
                return group
            group.words, group.stems, group.note = words, stems, note
            group.active, group.setting = active, setting
            group.save(update_fields=["words", "stems", "note", "active", "setting", "updated_at"])
        SynonymGroupChange.objects.create(
            group=group,
            actor=actor,
            words_before=before,
            words_after=words,
            active_after=active,
            setting_after=group.setting,
        )
        # The stored documents hold a group's token where a case names it by its words
        # (vocabulary.index_terms), for every active group: only its words and whether it
        # is active change them. Its note, and whether it says who or where (setting:
        # read by matching as it searches), do not.
        if not before or (before, was_active) != (words, active):
            documents_rebuild_start(reason=_("Woordgroep gewijzigd: %(words)s") % {"words": group})
    logger.info("event=synonym_group_saved group_id=%s", group.pk)
    return group


def synonym_groups_starter_load() -> int:
    """The starter thesaurus, for groups not there yet (matched on their first word)."""
    from ..starter_thesaurus import SETTING, STARTER

    have = {group.words[0] for group in SynonymGroup.objects.all()}
    created = 0
    for line in STARTER:
        words = line.split()
        if words[0] not in have:
            SynonymGroup.objects.create(
                words=words, stems=_stems(words), note="startset", setting=words[0] in SETTING
            )
            created += 1
    return created


def documents_rebuild_start(*, reason: str) -> DocumentRebuild:
    """Start a rebuild of every case's index words; one already running is taken over
    (its cases that are done would need doing again anyway)."""
    with transaction.atomic():
        DocumentRebuild.objects.filter(finished_at__isnull=True).update(finished_at=timezone.now())
        rebuild = DocumentRebuild.objects.create(
            reason=reason[:200], total=Initiative.objects.count()
        )
        transaction.on_commit(partial(_rebuild_enqueue, rebuild.pk))
    return rebuild


def _rebuild_enqueue(rebuild_id: int) -> None:
    try:
        current_app.send_task(REBUILD_TASK, args=[rebuild_id])
    except Exception:
        # Redis away: the change itself has committed (a 500 would say it had not), and
        # beat's documents_rebuild_resume starts the rebuild once the broker is back.
        logger.warning("event=rebuild_enqueue_failed rebuild_id=%s", rebuild_id)


def documents_rebuild_step(*, rebuild_id: int, batch: int = REBUILD_BATCH) -> bool:
    """Rebuild the next batch of cases after `last_id`; True when more remain. Resumable:
    a step that dies leaves `last_id` where the last finished batch ended."""
    with transaction.atomic():
        rebuild = (
            DocumentRebuild.objects.select_for_update(skip_locked=True)
            .filter(pk=rebuild_id, finished_at__isnull=True)
            .first()
        )
        if rebuild is None:
            return False  # finished, replaced, or another worker is on it
        ids = list(
            Initiative.objects.filter(pk__gt=rebuild.last_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        initiative_index(initiative_ids=ids)
        rebuild.done += len(ids)
        rebuild.last_id = ids[-1] if ids else rebuild.last_id
        # Cases submitted during the rebuild are done too, cases deleted are not: the
        # admin's "done of total" never reads 105 of 100, and a finished run reads all.
        rebuild.total = max(rebuild.total, rebuild.done)
        if len(ids) < batch:
            rebuild.finished_at = timezone.now()
            rebuild.total = rebuild.done
        rebuild.save(update_fields=["done", "total", "last_id", "finished_at"])
    return rebuild.finished_at is None


def documents_rebuild_unfinished() -> list[int]:
    """The rebuild beat resumes: the newest unfinished one (a worker stopped in its
    middle, or a migration queued it). Older unfinished ones are taken over by it, as
    documents_rebuild_start does: each rebuilds every case with the thesaurus of the
    moment, so the newest does all they would. Migrations queue one each without ending
    the others (0031, 0033, 0034 and 0035 on one upgrade): resuming every one ran as many
    full rebuilds side by side."""
    unfinished = list(
        DocumentRebuild.objects.filter(finished_at__isnull=True)
        .order_by("-pk")
        .values_list("pk", flat=True)
    )
    if len(unfinished) > 1:
        DocumentRebuild.objects.filter(pk__in=unfinished[1:]).update(finished_at=timezone.now())
    return unfinished[:1]
