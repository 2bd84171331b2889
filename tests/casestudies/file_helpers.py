"""Files for the upload tests, made here: real images with EXIF and GPS, minimal documents of each accepted type,
and the bad files the issue lists (disguised, oversized, empty, path in the name, polyglot, decompression bomb).
"""

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def image_bytes(
    fmt: str = "JPEG",
    size: tuple[int, int] = (2000, 1500),
    *,
    mode: str = "RGB",
    exif: bool = True,
    orientation: int | None = None,
    colour=(30, 120, 200),
) -> bytes:
    """An image with a camera make and a GPS position in its EXIF (JPEG, WebP, PNG)."""
    image = Image.new(mode, size, colour if mode != "L" else 128)
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[MAKE] = "Phonecam"
        data[GPS_IFD] = {1: "N", 2: (53.0, 32.0, 41.0), 3: "W", 4: (2.0, 37.0, 55.0)}
        if orientation:
            data[ORIENTATION] = orientation
        options["exif"] = data.tobytes()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def pdf_bytes(text: str = "Evaluation report") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"% " + text.encode() + b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _zip(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(entries):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=kind)
    return buffer.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def docx_bytes(extra: list[tuple[str, bytes]] | None = None, content_types: bytes = CONTENT_TYPES) -> bytes:
    return _zip(
        [("[Content_Types].xml", content_types), ("word/document.xml", b"<w:document/>"), *(extra or [])]
    )


def xlsx_bytes() -> bytes:
    return _zip([("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", b"<workbook/>")])


def odt_bytes() -> bytes:
    return _zip(
        [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document/>")],
        stored_first=True,
    )


def zip_bomb_docx() -> bytes:
    """A DOCX whose one entry unpacks to 300 MB of zeros (the archive itself is about 300 KB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(300):
                entry.write(chunk)
    return buffer.getvalue()


def bomb_png(side: int = 12_000) -> bytes:
    """A small PNG of ``side`` by ``side`` pixels (144 million at the default): far past the pixel limit."""
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def multipart(fields: dict, files: dict[str, tuple[str, bytes]], boundary: str = "BoUnDaRyx7") -> bytes:
    """A multipart body written by hand, so that a file name can carry what browsers and the test client strip
    (a folder path)."""
    lines: list[bytes] = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            lines += [
                f"--{boundary}".encode(),
                f'Content-Disposition: form-data; name="{name}"'.encode(),
                b"",
                str(item).encode(),
            ]
    for name, (filename, content) in files.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            b"Content-Type: application/octet-stream",
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines)


# The bad files of the issue, each with the field it is sent in and the error it must get there.
@functools.cache
def bad_files() -> dict[str, tuple[str, str, bytes, str]]:
    jpeg = image_bytes(size=(400, 300))
    return {
        "web page disguised as a JPEG": (
            "lead_image",
            "photo.jpg",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "The lead image must be a JPEG, PNG or WebP image. This file is a web page or script, whatever its "
            "name says.",
        ),
        "program disguised as a PDF": (
            "document_1",
            "report.pdf",
            b"MZ\x90\x00" + bytes(200),
            "Documents must be PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) files. This file is a "
            "Windows program, whatever its name says.",
        ),
        "PDF disguised as an image": (
            "lead_image",
            "photo.png",
            pdf_bytes(),
            "The lead image must be a JPEG, PNG or WebP image. This file is a PDF, whatever its name says.",
        ),
        "empty document": ("document_1", "empty.pdf", b"", "The selected file is empty."),
        "empty image": ("lead_image", "empty.jpg", b"", "The selected file is empty."),
        "image with a ZIP inside (polyglot)": (
            "lead_image",
            "photo.jpg",
            jpeg + docx_bytes(),
            "The file contains something other than a JPEG image, so we cannot accept it. Save it again as a "
            "JPEG image and choose the new file.",
        ),
        "image with a script inside (polyglot)": (
            "lead_image",
            "photo.jpg",
            jpeg[:-2] + b"<script>alert(document.cookie)</script>" + jpeg[-2:],
            "The file contains something other than a JPEG image, so we cannot accept it. Save it again as a "
            "JPEG image and choose the new file.",
        ),
        "PDF with a ZIP after its end (polyglot)": (
            "document_1",
            "report.pdf",
            pdf_bytes() + docx_bytes(),
            "The file contains something other than a PDF, so we cannot accept it. Save it again as a PDF and "
            "choose the new file.",
        ),
        "document after an image (polyglot)": (
            "document_1",
            "report.docx",
            jpeg + docx_bytes(),
            "Documents must be PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) files. This file is a "
            "JPEG image, whatever its name says.",
        ),
        "decompression bomb": (
            "lead_image",
            "huge.png",
            bomb_png(),
            "This image has too many pixels to process (the limit is 50 million). Make it smaller and choose it "
            "again.",
        ),
        "ZIP bomb as a Word document": (
            "document_1",
            "report.docx",
            zip_bomb_docx(),
            "This document would unpack to far more than its size (a “ZIP bomb”), so we cannot accept it.",
        ),
        "Word document with macros": (
            "document_1",
            "report.docx",
            docx_bytes(extra=[("word/vbaProject.bin", b"macro")]),
            "Documents with macros cannot be accepted. Save it without macros (as DOCX, XLSX or ODT).",
        ),
        "damaged image": (
            "lead_image",
            "photo.jpg",
            jpeg[: len(jpeg) // 3],
            "This image is damaged or incomplete and cannot be opened. Save it again and choose the new file.",
        ),
    }
