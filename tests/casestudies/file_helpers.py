"""Files for the upload tests, made here: real images with EXIF and GPS, minimal documents of each accepted type,
and the bad files the issue lists (disguised, oversized, empty, path in the name, polyglot, decompression bomb).
"""

import functools
import hashlib
import io
import itertools
import struct
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


def zip_encrypted_docx() -> bytes:
    """A DOCX zipped again with a password, entry by entry (``zip -e``, 7-Zip's ZipCrypto): bit 0 of each
    entry's flags, in its local header and in the central directory, says it is encrypted."""
    data = bytearray(docx_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    return bytes(data)


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
        "password-protected Word document": (
            "document_1",
            "report.docx",
            encrypted_docx_bytes(),
            "This document is password-protected. Remove the password and choose it again.",
        ),
        "damaged image": (
            "lead_image",
            "photo.jpg",
            jpeg[: len(jpeg) // 3],
            "This image is damaged or incomplete and cannot be opened. Save it again and choose the new file.",
        ),
    }


# OLE compound files (CFB, [MS-CFB] version 3): what Office saves a password-protected document as ---------
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FAT_SECTOR, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096


def _cfb_key(name: str) -> tuple[int, str]:
    """How [MS-CFB] orders siblings: shorter names first, then by upper case."""
    return len(name), name.upper()


def cfb_bytes(tree: dict) -> bytes:
    """A compound file holding ``tree`` (a name maps to bytes for a stream, or to a dict for a storage), laid
    out as the specification says: FAT, directory, mini FAT, mini stream (streams under 4096 bytes) and the
    other streams in 512-byte sectors. Siblings are a chain of right siblings in the specification's order."""
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "data": b"", "child": _NONE, "right": _NONE}]

    def add(storage: dict) -> int:
        ids = []
        for name in sorted(storage, key=_cfb_key):
            value = storage[name]
            entry = {"name": name, "child": _NONE, "right": _NONE}
            entry |= {"type": 1, "data": b""} if isinstance(value, dict) else {"type": 2, "data": value}
            entries.append(entry)
            ids.append(len(entries) - 1)
            if isinstance(value, dict):
                entry["child"] = add(value)
        for here, after in itertools.pairwise(ids):
            entries[here]["right"] = after
        return ids[0] if ids else _NONE

    entries[0]["child"] = add(tree)
    mini_stream, mini_fat = b"", []
    for entry in entries:
        data = entry["data"]
        if entry["type"] == 2 and 0 < len(data) < _CUTOFF:
            count = -(-len(data) // _MINI)
            first = len(mini_fat)
            mini_fat += [first + n + 1 for n in range(count - 1)] + [_END]
            entry["start"] = first
            mini_stream += data.ljust(count * _MINI, b"\x00")
    big = [e for e in entries if e["type"] == 2 and len(e["data"]) >= _CUTOFF]

    def sectors(size: int) -> int:
        return -(-size // _SECTOR)

    directory = sectors(len(entries) * 128)
    mini_fat_sectors = sectors(len(mini_fat) * 4)
    rest = (
        directory + mini_fat_sectors + sectors(len(mini_stream)) + sum(sectors(len(e["data"])) for e in big)
    )
    fat_sectors = 1
    while fat_sectors * (_SECTOR // 4) < rest + fat_sectors:
        fat_sectors += 1
    fat = [_FAT_SECTOR] * fat_sectors
    body: list[bytes] = []

    def chain(data: bytes) -> int:
        count = sectors(len(data))
        if not count:
            return _END
        first = len(fat)
        fat.extend([first + n + 1 for n in range(count - 1)] + [_END])
        body.append(data.ljust(count * _SECTOR, b"\x00"))
        return first

    first_directory_at = len(fat)
    fat.extend([first_directory_at + n + 1 for n in range(directory - 1)] + [_END])
    first_mini_fat = chain(b"".join(struct.pack("<I", n) for n in mini_fat))
    entries[0]["start"], entries[0]["size"] = chain(mini_stream), len(mini_stream)
    for entry in big:
        entry["start"] = chain(entry["data"])
    records = b""
    for entry in entries:
        name = entry["name"].encode("utf-16-le") + b"\x00\x00"
        size = entry.get("size", len(entry["data"]))
        start = entry.get("start", _END if entry["type"] in (2, 5) else 0)
        records += (
            name.ljust(64, b"\x00")
            + struct.pack("<HBB3I", len(name), entry["type"], 1, _NONE, entry["right"], entry["child"])
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )
    body.insert(0, records.ljust(directory * _SECTOR, b"\x00"))
    fat += [_FREE] * (fat_sectors * (_SECTOR // 4) - len(fat))
    difat = list(range(fat_sectors)) + [_FREE] * (109 - fat_sectors)
    header = (
        CFB_SIGNATURE
        + bytes(16)
        + struct.pack("<HHHHH6x", 0x3E, 3, 0xFFFE, 9, 6)
        + struct.pack(
            "<IIIIIIIII",
            0,
            fat_sectors,
            first_directory_at,
            0,
            _CUTOFF,
            first_mini_fat,
            len(mini_fat) and mini_fat_sectors,
            _END,
            0,
        )
        + struct.pack("<109I", *difat)
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + b"".join(body)


AGILE_ENCRYPTION_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
    b'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
    b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
    b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="pD3oUzvOfNaKRDzqcb+Oyw=="/>'
    b'<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
    b'<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
    b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
    b'saltValue="Vt6Y0uJ1Qj5lVw3qLk8bRw=="/></keyEncryptor></keyEncryptors></encryption>'
)


def encrypted_docx_bytes() -> bytes:
    """A Word document saved with a password, laid out as Word writes it ([MS-OFFCRYPTO] agile encryption): a
    compound file with the data spaces storage, ``EncryptionInfo`` (version 4.4 and its XML) and
    ``EncryptedPackage`` (the DOCX's size, then the AES-encrypted DOCX; here bytes that look as random)."""
    package = docx_bytes()
    padded = -(-len(package) // 4096) * 4096
    noise = b"".join(hashlib.sha512(bytes([n % 256, n // 256])).digest() for n in range(padded // 64))
    primary = "\x06Primary"
    return cfb_bytes(
        {
            "\x06DataSpaces": {
                "Version": struct.pack("<I", 60)
                + "Microsoft.Container.DataSpaces".encode("utf-16-le")
                + struct.pack("<6H", 1, 0, 1, 0, 1, 0),
                "DataSpaceMap": struct.pack("<II", 8, 1) + bytes(40),
                "DataSpaceInfo": {"StrongEncryptionDataSpace": struct.pack("<II", 8, 1) + bytes(56)},
                "TransformInfo": {"StrongEncryptionTransform": {primary: bytes(200)}},
            },
            "EncryptionInfo": struct.pack("<HHI", 4, 4, 0x40) + AGILE_ENCRYPTION_XML,
            "EncryptedPackage": struct.pack("<Q", len(package)) + noise[:padded],
        }
    )


def old_word_bytes() -> bytes:
    """A Word 97-2003 document's compound file (no password): a ``WordDocument`` stream and a table stream."""
    return cfb_bytes(
        {"WordDocument": bytes(range(256)) * 20, "1Table": bytes(600), "\x05SummaryInformation": bytes(200)}
    )
