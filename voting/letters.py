"""Printable letters with voting codes (PDF, A4, one letter a page).

reportlab draws the PDF and segno makes the QR code: both install as wheels without
system libraries (no Cairo, no browser). The QR code leads to the round's ballot page,
not to a personal link: the code is typed, so it never appears in a URL, a browser
history or a server log. It is the same on every letter, so it is drawn once and
reused on every page, which keeps 50,000 letters within a minute or two."""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .codes import code_display
from .models import VoteRound


@dataclass(frozen=True)
class Letter:
    code: str
    address: str
    postcode: str
    neighbourhood: str


def ballot_url(vote_round: VoteRound) -> str:
    return settings.SITE_URL + reverse("voting:round", args=[vote_round.public_id])


def _qr_form(canvas: Canvas, url: str, size: float) -> str:
    qr = segno.make(url, error="m")
    matrix = [list(row) for row in qr.matrix]
    cell = size / len(matrix)
    canvas.beginForm("qr")
    path = canvas.beginPath()
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                path.rect(start * cell, size - (y + 1) * cell, (x - start) * cell, cell)
            else:
                x += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.endForm()
    return "qr"


def _wrapped(canvas: Canvas, text: str, x: float, y: float, width: int, leading=14) -> float:
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            if len(line) + len(word) + 1 > width:
                canvas.drawString(x, y, line)
                y -= leading
                line = word
            else:
                line = f"{line} {word}".strip()
        canvas.drawString(x, y, line)
        y -= leading
    return y


def letters_pdf(
    vote_round: VoteRound,
    letters: Iterable[Letter],
    *,
    progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> bytes:
    """The letters, in Dutch (B1), with one line in English. `progress(done)` is
    called after every `every` letters."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(vote_round.title)
    url = ballot_url(vote_round)
    qr = _qr_form(canvas, url, 35 * mm)
    with translation.override("nl"):
        opens = formats.date_format(vote_round.ballot_opens, "j F Y")
        closes = formats.date_format(vote_round.ballot_closes, "j F Y")
        for done, letter in enumerate(letters, start=1):
            _page(canvas, vote_round, letter, url, qr, opens, closes)
            if progress is not None and done % every == 0:
                progress(done)
    canvas.save()
    return buffer.getvalue()


def _page(canvas, vote_round, letter: Letter, url, qr, opens, closes) -> None:
    width, height = A4
    left = 25 * mm
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(left, height - 25 * mm, settings.MUNICIPALITY_NAME)
    canvas.setFont("Helvetica", 11)
    canvas.drawString(left, height - 50 * mm, _("Aan de bewoners van"))
    canvas.drawString(left, height - 55 * mm, letter.address)
    canvas.drawString(left, height - 60 * mm, letter.postcode)
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(
        left, height - 85 * mm, _("U mag stemmen: %(title)s") % {"title": vote_round.title}
    )
    canvas.setFont("Helvetica", 11)
    y = _wrapped(
        canvas,
        _(
            "Bewoners van %(neighbourhood)s kiezen zelf waar het wijkbudget naartoe gaat. "
            "Stemmen kan van %(opens)s tot en met %(closes)s. Dit is uw persoonlijke code. "
            "U kunt er één keer mee stemmen."
        )
        % {"neighbourhood": letter.neighbourhood, "opens": opens, "closes": closes},
        left,
        height - 95 * mm,
        90,
    )
    canvas.setFont("Courier-Bold", 24)
    canvas.drawString(left, y - 12 * mm, code_display(letter.code))
    canvas.setFont("Helvetica", 11)
    y = _wrapped(
        canvas,
        _("Ga naar %(url)s of scan de QR-code. Vul daar uw code in en kies de plannen.")
        % {"url": url},
        left,
        y - 25 * mm,
        60,
    )
    canvas.saveState()
    canvas.translate(width - 25 * mm - 35 * mm, height - 75 * mm)
    canvas.doForm(qr)
    canvas.restoreState()
    if vote_round.help_sessions:
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(
            left, y - 50 * mm, _("Hulp nodig? Kom met deze brief naar een spreekuur:")
        )
        canvas.setFont("Helvetica", 11)
        _wrapped(canvas, vote_round.help_sessions, left, y - 56 * mm, 90)
    canvas.setFont("Helvetica-Oblique", 9)
    canvas.drawString(
        left, 20 * mm, "English: visit the address above and choose English at the top of the page."
    )
    canvas.showPage()
