"""Files on the resident's and staff's pages: the ones a form keeps across an error, and
an attachment as a download."""

from ..attachments import MAX_COUNT as MAX_ATTACHMENTS
from ..attachments import file_response
from ..pending_uploads import pending_store
from ..throttles import kept_files_allowed


def files_kept(request, form, *, room=MAX_ATTACHMENTS) -> list:
    """A form that comes back with errors: its kept files, plus the files just chosen
    that pass the checks (pending_uploads), up to `room` and the per-address limit."""
    kept = list(form.kept)
    if not form.is_bound:
        return kept
    uploads = request.FILES.getlist("attachments")[: max(room - len(kept), 0)]
    if uploads and kept_files_allowed(request, len(uploads)):
        kept += [p for upload in uploads if (p := pending_store(upload)) is not None]
    return kept


def attachment_download(attachment):
    return file_response(
        attachment.file,
        content_type=attachment.content_type,
        filename=f"{attachment.initiative.reference}-{attachment.pk}{attachment.extension}",
    )
