"""Voting codes from a coordinator's address list, their letters, and a new code for a
lost letter.

The list is read once and all or nothing: one bad row and nothing is stored, with every
bad row's line number. Of each address only a keyed hash is kept (to find its codes
again when a resident asks for a new letter); the addresses themselves end up only in
the letters' PDF, which coordinators download and delete once printed."""

import csv
import io
import logging
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from neighbourhoods.selectors import neighbourhood_for_postcode

from ..codes import address_digest, code_digest, code_new
from ..constants import CodeStatus, CodeUnit, RoundStatus
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
    """Codes for every address of the list, and their letters as one PDF."""
    require_coordinator(actor)
    if vote_round.status not in (RoundStatus.FEASIBILITY, RoundStatus.BALLOT_OPEN):
        raise ValidationError(
            {"file": _("Codes maken kan vanaf de toets tot het einde van het stemmen.")}
        )
    rows = _parse(vote_round, upload)
    codes, letters = _issue(rows)
    pdf = letters_pdf(vote_round, letters)
    with transaction.atomic():
        VoterCode.objects.bulk_create(codes, batch_size=5000)
        batch = LetterBatch(round=vote_round, codes=len(codes), created_by=actor)
        batch.file.save("brieven.pdf", ContentFile(pdf), save=False)
        batch.save()
    logger.info("event=voting_codes_issued round_id=%s codes=%s", vote_round.pk, len(codes))
    return batch


def letters_delete(*, actor, batch: LetterBatch) -> LetterBatch:
    """The letters are printed: the file with codes and addresses goes."""
    require_coordinator(actor)
    if batch.file:
        batch.file.delete(save=False)
    batch.deleted_at = timezone.now()
    batch.save(update_fields=["file", "deleted_at"])
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
