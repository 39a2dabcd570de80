"""What an attachment may be: checked by its content (the `filetype` library reads the
first bytes), never by its name or the browser's claimed type."""

import zipfile

import filetype
from django.utils.translation import gettext_lazy as _

# Detected MIME type -> the extension we store it under.
ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
MAX_SIZE = 10 * 1024 * 1024
MAX_COUNT = 5
ALLOWED_LABEL = _("PDF, JPG, PNG of Word (DOCX)")


def detect_type(upload) -> tuple[str, str] | None:
    """(mime, extension) when the file's content is an allowed type, else None."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"PK"):
        mime = _docx_mime(upload)
        return (mime, ALLOWED_TYPES[mime]) if mime else None
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        return None
    return kind.mime, ALLOWED_TYPES[kind.mime]


def _docx_mime(upload) -> str | None:
    # A DOCX is a zip whose markers can lie beyond the first bytes: read its directory
    # (not its contents) and look for the Word document part.
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None
