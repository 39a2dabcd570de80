"""What an attachment may be: checked by its content (the `filetype` library reads the
first bytes), never by its name or the browser's claimed type. Stored under a random
name with the extension of the detected type, and served with that type as a download.
One mechanism for every uploaded file: initiatives' attachments and grants' receipts."""

import zipfile

import filetype
from django.http import FileResponse
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


def detect_type(upload, allowed=ALLOWED_TYPES) -> tuple[str, str] | None:
    """(mime, extension) when the file's content is an allowed type, else None.
    `allowed`: the MIME types this kind of file may be (a part of ALLOWED_TYPES)."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"PK"):
        mime = _docx_mime(upload)
    else:
        kind = filetype.guess(head)
        mime = kind.mime if kind is not None else None
    if mime not in ALLOWED_TYPES or mime not in allowed:
        return None
    return mime, ALLOWED_TYPES[mime]


def accepted_type(upload, allowed=ALLOWED_TYPES) -> tuple[str, str] | None:
    """What a service checks again before storing a file: (mime, extension) when its
    content is allowed and it is not too big, else None."""
    if upload.size > MAX_SIZE:
        return None
    return detect_type(upload, allowed)


def file_response(file, *, content_type: str, filename: str) -> FileResponse:
    """A stored file as a download: the detected type (never one guessed from a name),
    a file name without personal data, and no content sniffing by the browser."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
