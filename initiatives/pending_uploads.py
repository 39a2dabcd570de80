"""Files of a form that came back with errors are kept, so the resident does not have to
choose them again: stored under MEDIA_ROOT/pending/ with a random name, and carried in
the form as a signed token (unforgeable; it names the stored file, never a path the
browser chose). A submission that succeeds moves them onto the idea; leftovers are
removed after a day by `pending_uploads_sweep`."""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from .attachments import MAX_SIZE, detect_type

logger = logging.getLogger(__name__)

_SALT = "initiatives.pending-upload"
MAX_AGE = 24 * 60 * 60
FOLDER = "pending"


@dataclass(frozen=True)
class PendingUpload:
    token: str
    stored_name: str
    original_name: str
    size: int


def pending_store(upload) -> PendingUpload | None:
    """Keep one uploaded file that passes the checks; None when it does not."""
    detected = detect_type(upload)
    if detected is None or upload.size > MAX_SIZE:
        return None
    stored = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}{detected[1]}", upload)
    original = (upload.name or "bijlage")[-200:]
    token = signing.dumps({"f": stored, "n": original, "s": upload.size}, salt=_SALT)
    return PendingUpload(token, stored, original, upload.size)


def pending_read(token: str) -> PendingUpload | None:
    try:
        data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    stored = str(data.get("f", ""))
    if not stored.startswith(f"{FOLDER}/") or not default_storage.exists(stored):
        return None
    return PendingUpload(token, stored, str(data.get("n", "bijlage")), int(data.get("s", 0)))


def pending_read_all(tokens: list[str]) -> list[PendingUpload]:
    found = {}
    for token in tokens[:10]:
        pending = pending_read(token)
        if pending is not None:
            found[pending.stored_name] = pending
    return list(found.values())


def pending_open(pending: PendingUpload) -> File:
    handle = default_storage.open(pending.stored_name, "rb")
    return File(handle, name=pending.original_name)


def pending_discard(pendings: list[PendingUpload]) -> None:
    for pending in pendings:
        default_storage.delete(pending.stored_name)


def pending_uploads_sweep(*, older_than: timedelta = timedelta(seconds=MAX_AGE)) -> int:
    """Remove kept files nobody came back for. Returns how many were removed."""
    # No exists(FOLDER) first: an object store has no folders, only names with a prefix.
    try:
        _, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for name in files:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    if removed:
        logger.info("event=pending_uploads_swept count=%s", removed)
    return removed
