"""Voting codes from a coordinator's address list, their letters, and a new code for a
lost letter.

The list is read once and all or nothing: one bad row and nothing is stored, with every
bad row's line number. Of each address only a keyed hash is kept (to find its codes
again when a resident asks for a new letter); the addresses themselves end up only in
the letters' PDF, which coordinators download and delete once printed."""

import csv
import io
import json
import logging
import re
from dataclasses import astuple, dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from neighbourhoods.selectors import neighbourhood_for_postcode

from ..codes import address_digest, code_digest, code_new
from ..constants import CodeStatus, CodeUnit, LettersStatus, RoundStatus
from ..letters import Letter, letters_pdf
from ..models import Heading, LetterBatch, VoterCode, VoteRound
from .rounds import require_coordinator

logger = logging.getLogger(__name__)

MAX_ROWS = 200_000
MAX_VOTERS_PER_ADDRESS = 30
_POSTCODE = re.compile(r"^\s*(\d{4})\s?([A-Za-z]{2})\s*$")


@dataclass(frozen=True)
class _Row:
    address: str
    postcode: str
    heading: Heading
    voters: int
    digest: str


def _reader(upload) -> csv.DictReader:
    raw = upload.read() if hasattr(upload, "read") else upload
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return csv.DictReader(io.StringIO(text), delimiter=dialect)


def _heading_for(headings: list[Heading], postcode: str) -> Heading | None:
    if len(headings) == 1:
        return headings[0]
    neighbourhood = neighbourhood_for_postcode(postcode)
    for heading in headings:
        if neighbourhood is not None and heading.budget.neighbourhood_id == neighbourhood.pk:
            return heading
    return None


def _parse(vote_round: VoteRound, upload) -> list[_Row]:
    try:
        return _parse_rows(vote_round, upload)
    except csv.Error as exc:  # a field over the csv module's limit, a broken quote
        raise ValidationError(
            {"file": _("Dit bestand is geen leesbare CSV. Sla de lijst opnieuw op als CSV.")}
        ) from exc


def _parse_rows(vote_round: VoteRound, upload) -> list[_Row]:
    headings = list(vote_round.headings.select_related("budget__neighbourhood"))
    reader = _reader(upload)
    fields = {name.strip().lower() for name in reader.fieldnames or []}
    if not {"adres", "postcode"} <= fields:
        raise ValidationError(
            {"file": _("De eerste regel moet de kolommen 'adres' en 'postcode' noemen.")}
        )
    known = set(
        VoterCode.objects.filter(heading__round=vote_round).values_list("address_digest", flat=True)
    )
    rows, errors, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            raise ValidationError({"file": _("Er staan te veel regels in het bestand.")})
        # More fields than the first line names come under the key None, as a list.
        extra = raw.pop(None, None)
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        address, match = row.get("adres", ""), _POSTCODE.match(row.get("postcode", ""))
        problem = None
        if extra:
            problem = _(
                "deze regel heeft meer kolommen dan de eerste regel; staat er een komma in "
                "het adres, zet het adres dan tussen aanhalingstekens"
            )
        elif not address:
            problem = _("het adres ontbreekt")
        elif match is None:
            problem = _("de postcode is geen Nederlandse postcode (zoals 8011 AB)")
        voters = 1
        if problem is None and vote_round.code_unit == CodeUnit.VOTER:
            try:
                voters = int(row.get("stemmers") or "1")
            except ValueError:
                voters = 0
            if not 1 <= voters <= MAX_VOTERS_PER_ADDRESS:
                problem = _("vul bij 'stemmers' een aantal van 1 tot en met 30 in")
        if problem is None:
            postcode = f"{match.group(1)} {match.group(2).upper()}"
            digest = address_digest(vote_round.pk, address, postcode)
            heading = _heading_for(headings, postcode)
            if digest in seen:
                problem = _("dit adres staat al eerder in het bestand")
            elif digest in known:
                problem = _("dit adres heeft al codes in deze stemronde")
            elif heading is None:
                problem = _("deze postcode hoort niet bij een wijk van deze stemronde")
        if problem is not None:
            errors.append(_("Regel %(line)s: %(problem)s.") % {"line": line, "problem": problem})
            continue
        seen.add(digest)
        rows.append(_Row(address, postcode, heading, voters, digest))
    if errors:
        raise ValidationError({"file": errors[:50]})
    if not rows:
        raise ValidationError({"file": _("Het bestand bevat geen adressen.")})
    return rows


def _issue(rows: list[_Row]) -> tuple[list[VoterCode], list[Letter]]:
    codes, letters = [], []
    for row in rows:
        for _n in range(row.voters):
            code = code_new()
            codes.append(
                VoterCode(heading=row.heading, digest=code_digest(code), address_digest=row.digest)
            )
            letters.append(
                Letter(code, row.address, row.postcode, row.heading.budget.neighbourhood.name)
            )
    return codes, letters


def codes_issue(*, actor, vote_round: VoteRound, upload) -> LetterBatch:
    """Codes for every address of the list; their letters are drawn by a task
    (letters_render), which the round page follows. The list is checked and the codes
    stored here, all or nothing; what the task needs (plain codes and addresses) waits
    in private storage as `source` until the PDF is made."""
    require_coordinator(actor)
    if vote_round.status not in (RoundStatus.FEASIBILITY, RoundStatus.BALLOT_OPEN):
        raise ValidationError(
            {"file": _("Codes maken kan vanaf de toets tot het einde van het stemmen.")}
        )
    rows = _parse(vote_round, upload)
    codes, letters = _issue(rows)
    source = json.dumps([astuple(letter) for letter in letters], ensure_ascii=False)
    with transaction.atomic():
        VoterCode.objects.bulk_create(codes, batch_size=5000)
        batch = LetterBatch(
            round=vote_round, codes=len(codes), created_by=actor, status=LettersStatus.QUEUED
        )
        batch.source.save("brieven.json", ContentFile(source.encode()), save=False)
        batch.save()
        transaction.on_commit(lambda: _render_queue(batch.pk))
    _analyze_codes()
    logger.info("event=voting_codes_issued round_id=%s codes=%s", vote_round.pk, len(codes))
    return batch


def _render_queue(batch_id: int) -> None:
    from ..tasks import letters_render

    try:
        letters_render.delay(batch_id)
    except Exception:  # the broker is away: the beat (letters_render_resume) queues it
        logger.warning("event=voting_letters_queue_failed batch_id=%s", batch_id)


# Progress is written every this many letters (one short UPDATE each).
PROGRESS_EVERY = 1000
# A render that started this long ago and did not finish lost its worker: the beat
# starts it again (50,000 letters take about half a minute).
RENDER_STALE = timedelta(minutes=10)


def letters_render(*, batch_id: int) -> bool:
    """Draw a batch's letters into its PDF; True when this call made it. Idempotent: a
    batch that is ready, deleted, or being drawn by another worker (started less than
    RENDER_STALE ago) is left alone, so a task delivered twice does the work once. A
    render whose worker died starts again from its source (the PDF is written only
    when whole, so no half file is ever offered)."""
    now = timezone.now()
    claimed = (
        LetterBatch.objects.filter(pk=batch_id, deleted_at__isnull=True)
        .exclude(status=LettersStatus.READY)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=now - RENDER_STALE))
        .update(status=LettersStatus.RENDERING, started_at=now, done=0)
    )
    if not claimed:
        return False
    batch = LetterBatch.objects.select_related("round").get(pk=batch_id)
    with batch.source.open("rb") as source:
        letters = [Letter(*row) for row in json.loads(source.read())]

    def progress(done: int) -> None:
        LetterBatch.objects.filter(pk=batch_id, started_at=now).update(done=done)

    pdf = letters_pdf(batch.round, letters, progress=progress, every=PROGRESS_EVERY)
    with transaction.atomic():
        locked = LetterBatch.objects.select_for_update().get(pk=batch_id)
        if locked.started_at != now or locked.deleted_at is not None:
            return False  # deleted meanwhile, or taken over after going stale
        locked.file.save("brieven.pdf", ContentFile(pdf), save=False)
        old_source = locked.source.name
        locked.source = ""
        locked.status = LettersStatus.READY
        locked.done = len(letters)
        locked.save(update_fields=["file", "source", "status", "done"])
        transaction.on_commit(lambda: locked.source.storage.delete(old_source))
    logger.info("event=voting_letters_rendered batch_id=%s letters=%s", batch_id, len(letters))
    return True


def letters_render_unfinished() -> list[int]:
    """Batches whose letters are not made and no worker is drawing (never queued, or
    the worker died): the beat queues them again."""
    stale = timezone.now() - RENDER_STALE
    return list(
        LetterBatch.objects.filter(deleted_at__isnull=True)
        .exclude(status=LettersStatus.READY)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=stale))
        .values_list("pk", flat=True)
    )


def _analyze_codes() -> None:
    """Up-to-date statistics right after a list's codes arrive, so the counts per
    heading and channel are planned for the table as it now is, not as it was before
    (autovacuum would only get to it a minute or more later). A second or two for
    200,000 codes; outside the transaction (ANALYZE sees committed rows)."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {VoterCode._meta.db_table}")


def letters_delete(*, actor, batch: LetterBatch) -> LetterBatch:
    """The letters are printed: the file with codes and addresses goes."""
    require_coordinator(actor)
    if batch.file:
        batch.file.delete(save=False)
    if batch.source:
        batch.source.delete(save=False)
    batch.deleted_at = timezone.now()
    batch.save(update_fields=["file", "source", "deleted_at"])
    return batch


def _address_codes(vote_round, address, postcode):
    match = _POSTCODE.match(postcode or "")
    if not (address or "").strip() or match is None:
        raise ValidationError({"address": _("Vul het adres en de postcode in.")})
    postcode = f"{match.group(1)} {match.group(2).upper()}"
    digest = address_digest(vote_round.pk, address.strip(), postcode)
    return postcode, digest


def code_revoke(*, actor, vote_round: VoteRound, address: str, postcode: str, reason: str) -> int:
    """Stop the unused codes of an address (a letter lost or stolen); the reason stays
    with each code. Returns how many codes stopped working."""
    require_coordinator(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Schrijf op waarom de code niet meer mag werken.")})
    _postcode, digest = _address_codes(vote_round, address, postcode)
    revoked = VoterCode.objects.filter(
        heading__round=vote_round, address_digest=digest, status=CodeStatus.ISSUED
    ).update(status=CodeStatus.REVOKED, reason=reason.strip()[:300])
    if not revoked:
        raise ValidationError(
            {"address": _("Dit adres heeft geen ongebruikte codes in deze stemronde.")}
        )
    logger.info("event=voting_codes_revoked round_id=%s count=%s", vote_round.pk, revoked)
    return revoked


def code_reissue(
    *, actor, vote_round: VoteRound, address: str, postcode: str, reason: str
) -> bytes:
    """New codes for an address in place of its unused ones, which stop working; the
    answer is the new letter (PDF), handed over or posted, and not kept."""
    if vote_round.status not in (RoundStatus.FEASIBILITY, RoundStatus.BALLOT_OPEN):
        raise ValidationError(_("Nieuwe codes kunnen alleen voor of tijdens het stemmen."))
    with transaction.atomic():
        revoked = code_revoke(
            actor=actor, vote_round=vote_round, address=address, postcode=postcode, reason=reason
        )
        postcode, digest = _address_codes(vote_round, address, postcode)
        heading = (
            VoterCode.objects.filter(heading__round=vote_round, address_digest=digest)
            .select_related("heading__budget__neighbourhood")
            .first()
            .heading
        )
        row = _Row(address.strip(), postcode, heading, revoked, digest)
        codes, letters = _issue([row])
        VoterCode.objects.bulk_create(codes)
    logger.info("event=voting_codes_reissued round_id=%s count=%s", vote_round.pk, revoked)
    return letters_pdf(vote_round, letters)
