"""Receiving uploaded files: limits while the bytes arrive, honest names, and storing checked files.

``CheckedUploadHandler`` (``FILE_UPLOAD_HANDLERS``) spools every file to disk and stops keeping one as soon as it
passes its field's limit, so an oversized file costs no disk and still reaches the form as an ``OversizedUpload``
for a clear error. It also notices a file name that carried a folder path, which Django would otherwise quietly
cut off. ``check_upload`` then judges the content (``filechecks``, ``images``) and ``store`` writes a checked file
under random names in ``STORAGES["default"]``. Knows nothing about case studies.
"""

import html
import re
import secrets
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.utils.translation import gettext as _

from . import filechecks, images
from .filechecks import BadFile, FileType
from .manyfields import PartFilter

# A name given back by ``PathNoticingParser`` starts with this character, which no sanitised name can contain
# (Django removes non-printable characters from file names).
PATH_MARK = "\x00"
IMAGE = "image"
DOCUMENT = "document"


def limit_for(field_name: str) -> int:
    return settings.IMAGE_MAX_BYTES if "image" in field_name else settings.DOCUMENT_MAX_BYTES


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


class PathNoticingParser(MultiPartParser):
    def sanitize_file_name(self, file_name):
        clean = super().sanitize_file_name(file_name)
        raw = html.unescape(file_name)
        if clean is None or "/" in raw or "\\" in raw or re.match(r"^[A-Za-z]:", raw):
            return PATH_MARK + (clean or "file")
        return clean


class OversizedUpload(UploadedFile):
    """What reaches the form in place of a file that passed its limit: its name and how far it got."""

    def __init__(self, name: str, size: int, limit: int):
        super().__init__(file=None, name=name, size=size)
        self.limit = limit

    def open(self, mode=None):
        raise ValueError("An oversized upload keeps no content.")

    def close(self) -> None:
        """Nothing to close: the temporary file went when the limit was passed."""


class CheckedUploadHandler(TemporaryFileUploadHandler):
    """Every file to a temporary file, up to its limit; over the limit, nothing more is kept."""

    _parsing = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if self._parsing:
            return None
        self._parsing = True
        known = getattr(self.request, "known_fields", None)
        if known is not None:  # a view that reads only these fields (``manyfields``): leave the others out
            input_data = PartFilter(input_data, boundary, known)
        try:
            return PathNoticingParser(META, input_data, [self], encoding).parse()
        finally:
            if known is not None:
                self.request.dropped_fields = input_data.dropped
            self._parsing = False

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.limit = limit_for(field_name)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.over:
            return None
        if self.received > self.limit:
            self.over = True
            self.file.close()  # a temporary file: closing deletes it
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size):
        if self.over:
            return OversizedUpload(self.file_name, self.received, self.limit)
        return super().file_complete(file_size)


@dataclass
class CheckedFile:
    """A file that passed every check, ready to store: a document's bytes or an image's re-encoded sizes."""

    kind: str
    file_type: FileType
    original_name: str
    document: BinaryIO | None = None
    renditions: list[images.Rendition] = field(default_factory=list)


def check_upload(uploaded: UploadedFile, *, kind: str) -> CheckedFile:
    """Judge an upload by its name (no path), size (not empty, within the limit) and content; raises BadFile."""
    name = uploaded.name or ""
    if name.startswith(PATH_MARK):
        raise BadFile(
            _("The file name includes a folder path. Choose the file again from its folder."),
            code="path_in_name",
        )
    limit = settings.IMAGE_MAX_BYTES if kind == IMAGE else settings.DOCUMENT_MAX_BYTES
    if isinstance(uploaded, OversizedUpload) or uploaded.size > limit:
        raise BadFile(
            _("The file must be smaller than %(size)s.") % {"size": megabytes(limit)}, code="too_big"
        )
    if not uploaded.size:
        raise BadFile(_("The selected file is empty."), code="empty")
    if kind == IMAGE:
        file_type = filechecks.check_image_content(uploaded)
        with images.open_checked(uploaded, file_type) as image:
            made = images.renditions(image, file_type)
        return CheckedFile(kind=kind, file_type=file_type, original_name=name, renditions=made)
    file_type = filechecks.check_document_content(uploaded)
    return CheckedFile(kind=kind, file_type=file_type, original_name=name, document=uploaded)


@dataclass(frozen=True)
class StoredFile:
    """Where a checked file went: the fields of a record of it."""

    key: str
    file_type: str
    content_type: str
    name: str
    size: int
    width: int | None
    height: int | None
    renditions: list[list]


def store(checked: CheckedFile, *, folder: str) -> StoredFile:
    """Write the file under ``folder/<random key>/``; the uploaded name is never used."""
    key = secrets.token_hex(16)
    base = f"{folder}/{key}"
    file_type = checked.file_type
    if checked.kind == IMAGE:
        sizes = []
        for rendition in checked.renditions:
            stored = default_storage.save(
                f"{base}/{rendition.width}.{file_type.extension}", ContentFile(rendition.content)
            )
            sizes.append([rendition.width, rendition.height, stored])
        largest = checked.renditions[-1]
        return StoredFile(
            key=key,
            file_type=file_type.name,
            content_type=file_type.content_type,
            name=sizes[-1][2],
            size=len(largest.content),
            width=largest.width,
            height=largest.height,
            renditions=sizes,
        )
    assert checked.document is not None
    checked.document.seek(0)
    stored = default_storage.save(f"{base}/document.{file_type.extension}", File(checked.document))
    return StoredFile(
        key=key,
        file_type=file_type.name,
        content_type=file_type.content_type,
        name=stored,
        size=default_storage.size(stored),
        width=None,
        height=None,
        renditions=[],
    )


def delete_stored(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
