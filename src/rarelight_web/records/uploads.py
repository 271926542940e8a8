"""Uploaded reports, checked by content.

A file is accepted only if its bytes are a PDF, PNG or JPEG that opens — never on its name or the
type the browser claims — so an executable renamed "report.pdf" is refused. The size limit is
enforced while the upload streams in, by `rarelight_web.upload_limits`.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

ACCEPTED = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


def max_bytes() -> int:
    """The limit for a care-record report."""
    return int(settings.RARELIGHT_UPLOAD_MAX_MB) * 1024 * 1024


class UploadRefusedError(ValueError):
    """The file is not one Rarelight keeps; the message says why and what is accepted."""


def too_large_message(name: str) -> str:
    return _(
        "%(name)s is larger than %(limit)s MB, so it was not uploaded. Reports can be PDF, PNG or "
        "JPEG files of up to %(limit)s MB: save a smaller copy (fewer pages, or a lower "
        "resolution), or upload it in parts."
    ) % {"name": name, "limit": settings.RARELIGHT_UPLOAD_MAX_MB}


@dataclass(frozen=True)
class CheckedReport:
    content_type: str
    extension: str
    size: int
    sha256: str


def _opens(content_type: str, data: bytes) -> bool:
    """Whether the file opens as what its bytes claim (a damaged or disguised file does not)."""
    try:
        if content_type == "application/pdf":
            from pypdf import PdfReader

            return len(PdfReader(io.BytesIO(data)).pages) > 0
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except Exception:
        return False


def check_report(upload: UploadedFile) -> CheckedReport:
    """The file's real type, size and checksum, or UploadRefusedError saying why."""
    accepted = _("Reports can be PDF, PNG or JPEG files of up to %(limit)s MB.") % {
        "limit": settings.RARELIGHT_UPLOAD_MAX_MB
    }
    size = upload.size or 0
    if size > max_bytes():
        raise UploadRefusedError(too_large_message(upload.name or "The file"))
    if size == 0:
        raise UploadRefusedError(_("The file is empty.") + " " + accepted)
    upload.seek(0)
    data = upload.read()
    kind = filetype.guess(data[:8192])
    content_type = kind.mime if kind is not None else ""
    if content_type not in ACCEPTED:
        what = _("a file of type %(type)s") % {"type": kind.extension} if kind else _("this file")
        raise UploadRefusedError(
            _("Rarelight cannot keep %(what)s.") % {"what": what} + " " + accepted
        )
    if not _opens(content_type, data):
        raise UploadRefusedError(
            _("The file looks like %(ext)s but does not open: it may be damaged.")
            % {"ext": ACCEPTED[content_type].lstrip(".").upper()}
            + " "
            + accepted
        )
    return CheckedReport(
        content_type, ACCEPTED[content_type], size, hashlib.sha256(data).hexdigest()
    )
