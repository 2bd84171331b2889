"""What an uploaded file really is, judged from its content: never from its name or the browser's word for it.

Each accepted type has a signature (magic bytes) and a structure that must hold from the first byte to the
last: nothing in front of it, nothing after its end and no markup of another format hidden in it, so that a
file cannot be two things at once (a polyglot). ZIP-based documents are read from their central directory only
(nothing is decompressed here), with limits that stop a ZIP bomb. Images are then decoded by ``images``.
"""

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileType:
    name: str
    label: str
    content_type: str
    extension: str


JPEG = FileType("jpeg", "JPEG image", "image/jpeg", "jpg")
PNG = FileType("png", "PNG image", "image/png", "png")
WEBP = FileType("webp", "WebP image", "image/webp", "webp")
PDF = FileType("pdf", "PDF", "application/pdf", "pdf")
DOCX = FileType(
    "docx",
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
XLSX = FileType(
    "xlsx", "Excel spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
)
ODT = FileType("odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", "odt")
IMAGE_TYPES = (JPEG, PNG, WEBP)
DOCUMENT_TYPES = (PDF, DOCX, XLSX, ODT)

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Markup that a browser or interpreter would run if it were ever handed the file as something else.
MARKUP = re.compile(rb"<\s*(script|html|!doctype|svg|iframe|object|embed|body)\b|<\?php|javascript:", re.I)
ZIP_END = b"PK\x05\x06"
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The streams of an Office document saved with a password ([MS-OFFCRYPTO]): the encrypted DOCX or XLSX inside
# an OLE compound file, with how it was encrypted beside it.
ENCRYPTED_OFFICE_STREAMS = {"EncryptionInfo", "EncryptedPackage"}


class BadFile(ValueError):
    """A file we will not accept; the message is written for the person who chose it."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


# Signatures of what people try to upload, so the error can say what the file seems to be. Each phrase completes
# "This file is …" (Welsh: "Mae'r ffeil hon yn ...", so its translation takes the soft mutation after "yn").
_OTHER_SIGNATURES = [
    (b"GIF87a", gettext_lazy("a GIF image")),
    (b"GIF89a", gettext_lazy("a GIF image")),
    (b"II*\x00", gettext_lazy("a TIFF image")),
    (b"MM\x00*", gettext_lazy("a TIFF image")),
    (b"BM", gettext_lazy("a BMP image")),
    (CFB_SIGNATURE, gettext_lazy("an older Word, Excel or PowerPoint file")),
    (b"{\\rtf", gettext_lazy("a rich text (RTF) file")),
    (b"MZ", gettext_lazy("a Windows program")),
    (b"\x7fELF", gettext_lazy("a program")),
    (b"PK\x03\x04", gettext_lazy("a ZIP file")),
    (b"\x1f\x8b", gettext_lazy("a compressed (gzip) file")),
    (b"%!PS", gettext_lazy("a PostScript file")),
]
# The accepted types the same way: "This file is a PDF".
_KINDS = {
    "jpeg": gettext_lazy("a JPEG image"),
    "png": gettext_lazy("a PNG image"),
    "webp": gettext_lazy("a WebP image"),
    "pdf": gettext_lazy("a PDF"),
}


def signature_type(head: bytes) -> FileType | None:
    """The accepted type whose signature starts the file (a ZIP is told apart later)."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    return None


def looks_like(head: bytes) -> str:
    """Words for what a rejected file seems to be."""
    found = signature_type(head)
    if found:
        return str(_KINDS[found.name])
    for signature, words in _OTHER_SIGNATURES:
        if head.startswith(signature):
            return str(words)
    if MARKUP.search(head[:1024]) or head.lstrip()[:5].lower() in (b"<?xml", b"<!doc", b"<html"):
        return _("a web page or script")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return _("a file of another type")
    return _("a text file")


def _read_all(file: BinaryIO) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _polyglot(kind: str) -> BadFile:
    return BadFile(
        _(
            "The file contains something other than %(kind)s, so we cannot accept it. Save it again as "
            "%(kind)s and choose the new file."
        )
        % {"kind": kind},
        code="polyglot",
    )


def check_image_content(file: BinaryIO) -> FileType:
    """A JPEG, PNG or WebP by signature, with no markup or other file inside it. Pillow decodes it next."""
    data = _read_all(file)
    found = signature_type(data[:16])
    if found not in IMAGE_TYPES:
        raise BadFile(
            _(
                "The lead image must be a JPEG, PNG or WebP image. This file is %(kind)s, whatever its name says."
            )
            % {"kind": looks_like(data[:1024])},
            code="wrong_type",
        )
    label = str(_KINDS[found.name])
    if MARKUP.search(data) or b"%PDF-" in data or _zip_end_in_tail(data):
        raise _polyglot(label)
    if found is WEBP and struct.unpack("<I", data[4:8])[0] + 8 != len(data):
        raise _polyglot(label)
    if found is PNG and not data.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82"):
        raise _polyglot(label)
    return found


def check_document_content(file: BinaryIO) -> FileType:
    """A PDF, DOCX, XLSX or ODT by signature and structure, complete and alone in the file."""
    data = _read_all(file)
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return _check_pdf(data)
    if head.startswith(b"PK\x03\x04"):
        return _check_office(file, data)
    if head.startswith(CFB_SIGNATURE) and compound_stream_names(data) >= ENCRYPTED_OFFICE_STREAMS:
        raise _encrypted()
    raise BadFile(
        _(
            "Documents must be PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) files. This file is "
            "%(kind)s, whatever its name says."
        )
        % {"kind": looks_like(data[:1024])},
        code="wrong_type",
    )


def _check_pdf(data: bytes) -> FileType:
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise BadFile(
            _("This PDF is incomplete or damaged. Save it again and choose the new file."), code="damaged"
        )
    if data[end + 5 :].strip() or MARKUP.search(data[:1024]) or _zip_end_in_tail(data):
        raise _polyglot(str(_KINDS["pdf"]))
    return PDF


def _encrypted() -> BadFile:
    return BadFile(
        _("This document is password-protected. Remove the password and choose it again."), "encrypted"
    )


def compound_stream_names(data: bytes, max_sectors: int = 1024) -> set[str]:
    """The names of the streams in an OLE compound file ([MS-CFB]), read from its directory only: the FAT
    sectors the header lists (the first 109, enough for the directory of any document Office writes near its
    start), then the directory's chain of sectors. A damaged file gives the names read before the damage."""
    names: set[str] = set()
    try:
        (shift,) = struct.unpack_from("<H", data, 30)
        if shift not in (9, 12):
            return names
        size = 1 << shift
        fat_count, first_directory = struct.unpack_from("<II", data, 44)
        fat: list[int] = []
        for number in struct.unpack_from("<109I", data, 76)[: min(fat_count, 109)]:
            fat += struct.unpack_from(f"<{size // 4}I", data, (number + 1) * size)
        seen: set[int] = set()
        sector = first_directory
        while sector < len(fat) and sector not in seen and len(seen) < max_sectors:
            seen.add(sector)
            block = data[(sector + 1) * size : (sector + 2) * size]
            for start in range(0, len(block) - 127, 128):
                length, kind = struct.unpack_from("<HB", block, start + 64)
                if kind == 2 and 2 <= length <= 64:
                    names.add(block[start : start + length - 2].decode("utf-16-le", "replace"))
            sector = fat[sector]
    except struct.error:
        pass
    return names


def _zip_end_in_tail(data: bytes) -> bool:
    """A ZIP's end record near the end: what makes any file readable as a ZIP archive too."""
    return ZIP_END in data[-(65536 + 22) :]


def _check_office(file: BinaryIO, data: bytes) -> FileType:
    end = data.rfind(ZIP_END)
    if end < 0 or len(data) < end + 22:
        raise BadFile(
            _("This document is incomplete or damaged. Save it again and choose the new file."), "damaged"
        )
    (comment_length,) = struct.unpack("<H", data[end + 20 : end + 22])
    if end + 22 + comment_length != len(data):
        raise _polyglot(_("a document"))
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            found = _office_type(archive, entries)
    except BadFile:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError, zlib.error):
        raise BadFile(
            _("This document is damaged and cannot be opened. Save it again and choose the new file."),
            "damaged",
        ) from None
    finally:
        file.seek(0)
    if found is None:
        raise BadFile(
            _(
                "Documents must be PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) files. This file is "
                "a ZIP archive of something else, whatever its name says."
            ),
            code="wrong_type",
        )
    return found


def _office_type(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> FileType | None:
    if not entries or entries[0].header_offset != 0:
        raise BadFile(
            _(
                "The file contains something other than a document, so we cannot accept it. Save it again and "
                "choose the new file."
            ),
            code="polyglot",
        )
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(1, sum(entry.compress_size for entry in entries))
    if len(entries) > ZIP_MAX_ENTRIES or unpacked > ZIP_MAX_UNPACKED or unpacked / packed > ZIP_MAX_RATIO:
        raise BadFile(
            _("This document would unpack to far more than its size (a “ZIP bomb”), so we cannot accept it."),
            code="zip_bomb",
        )
    if any(entry.flag_bits & 0x1 for entry in entries):  # a ZIP encrypted entry by entry (zip -e, 7-Zip)
        raise _encrypted()
    names = {entry.filename for entry in entries}
    if any(name.endswith("vbaProject.bin") or name.startswith(("Basic/", "Scripts/")) for name in names):
        raise BadFile(
            _("Documents with macros cannot be accepted. Save it without macros (as DOCX, XLSX or ODT)."),
            "macros",
        )
    if entries[0].filename == "mimetype" and archive.read("mimetype").strip() == ODT_MIMETYPE:
        return ODT
    if "[Content_Types].xml" in names:
        types = archive.read("[Content_Types].xml") if entries_small(archive, "[Content_Types].xml") else b""
        if b"macroEnabled" in types:
            raise BadFile(
                _("Documents with macros cannot be accepted. Save it without macros (as DOCX, XLSX or ODT)."),
                "macros",
            )
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def entries_small(archive: zipfile.ZipFile, name: str, limit: int = 1024 * 1024) -> bool:
    return archive.getinfo(name).file_size <= limit
