"""Upload size limits, enforced while an upload streams in (the first upload handler).

Each URL prefix in `settings.UPLOAD_LIMITS` names the setting that holds its limit in bytes
(exome VCFs are larger than clinic letters); every other path has `RARELIGHT_UPLOAD_MAX_MB`. A file over its limit is dropped chunk
by chunk as it arrives, so it never reaches a temporary file or the media folder, and its name is
noted on the request for the form to say so.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

REFUSED_ATTRIBUTE = "rarelight_refused_uploads"  # on the request: names of files over the limit


def limit_for(path: str) -> int:
    """The size limit in bytes of an upload to this path."""
    for prefix, setting in settings.UPLOAD_LIMITS.items():
        if path.startswith(prefix):
            return int(getattr(settings, setting))
    return int(settings.RARELIGHT_UPLOAD_MAX_MB) * 1024 * 1024


class SizeLimit(FileUploadHandler):
    """Passes chunks on until a file passes its path's limit, then skips the file (Django closes
    and deletes what the later handlers had written) and notes its name."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        path = self.request.path_info if self.request is not None else ""
        if start + len(raw_data) > limit_for(path):
            if self.request is not None:
                refused = getattr(self.request, REFUSED_ATTRIBUTE, [])
                refused.append(self.file_name)
                setattr(self.request, REFUSED_ATTRIBUTE, refused)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def refused_for_size(request: Any) -> list[str]:
    """Names of the files of this request that were over the limit (and so were not received)."""
    return list(getattr(request, REFUSED_ATTRIBUTE, []))
