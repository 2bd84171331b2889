"""Files are judged by their content: each accepted type passes; everything else, however it is named, fails
with words that say what the file seems to be."""

import pytest

from casestudies.ops import filechecks
from casestudies.ops.filechecks import BadFile
from tests.casestudies.file_helpers import (
    docx_bytes,
    encrypted_docx_bytes,
    image_bytes,
    odt_bytes,
    old_word_bytes,
    pdf_bytes,
    upload,
    xlsx_bytes,
    zip_bomb_docx,
    zip_encrypted_docx,
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.pdf", pdf_bytes(), "pdf"),
        ("report.docx", docx_bytes(), "docx"),
        ("figures.xlsx", xlsx_bytes(), "xlsx"),
        ("notes.odt", odt_bytes(), "odt"),
        ("named-wrongly.docx", pdf_bytes(), "pdf"),  # the content decides, not the name
    ],
)
def test_document_content_accepted_by_type(name, content, expected):
    assert filechecks.check_document_content(upload(name, content)).name == expected


@pytest.mark.parametrize(("fmt", "expected"), [("JPEG", "jpeg"), ("PNG", "png"), ("WEBP", "webp")])
def test_image_content_accepted_by_type(fmt, expected):
    assert filechecks.check_image_content(upload("photo.bin", image_bytes(fmt, (64, 48)))).name == expected


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"GIF89a" + bytes(20), "a GIF image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20), "an older Word, Excel or PowerPoint file"),
        (b"{\\rtf1 hello}", "a rich text (RTF) file"),
        (b"just some words", "a text file"),
        (bytes([0x80, 0x81, 0xFE]) * 10, "a file of another type"),
    ],
)
def test_document_wrong_type_says_what_the_file_seems_to_be(content, words):
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.pdf", content))
    assert refused.value.code == "wrong_type"
    assert f"This file is {words}, whatever its name says." in refused.value.message


def test_zip_of_something_else_is_not_a_document():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/one.txt", b"hello")
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.docx", buffer.getvalue()))
    assert refused.value.code == "wrong_type"
    assert "a ZIP archive of something else" in refused.value.message


def test_zip_bomb_is_refused_without_unpacking():
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.docx", zip_bomb_docx()))
    assert refused.value.code == "zip_bomb"


@pytest.mark.parametrize(
    "content",
    [
        docx_bytes(extra=[("word/vbaProject.bin", b"macro")]),
        docx_bytes(
            content_types=b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
        ),
    ],
)
def test_documents_with_macros_are_refused(content):
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.docx", content))
    assert refused.value.code == "macros"


def test_document_with_data_after_its_end_is_a_polyglot():
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.docx", docx_bytes() + b"<html>hidden</html>"))
    assert refused.value.code == "polyglot"


def test_pdf_with_markup_at_its_start_is_a_polyglot():
    content = pdf_bytes().replace(b"%PDF-1.4\n", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n")
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.pdf", content))
    assert refused.value.code == "polyglot"


def test_pdf_without_an_end_is_damaged():
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.pdf", pdf_bytes().replace(b"%%EOF", b"")))
    assert refused.value.code == "damaged"


@pytest.mark.parametrize(
    "content",
    [
        image_bytes("PNG", (40, 30)) + b"trailing",  # data after the PNG's end
        image_bytes("WEBP", (40, 30)) + b"PK\x05\x06" + bytes(18),  # a ZIP end record after the WebP
        image_bytes("JPEG", (40, 30)) + pdf_bytes(),  # a PDF after the JPEG
    ],
)
def test_images_carrying_another_format_are_polyglots(content):
    with pytest.raises(BadFile) as refused:
        filechecks.check_image_content(upload("photo.jpg", content))
    assert refused.value.code == "polyglot"


def test_document_with_a_corrupt_compressed_entry_is_damaged_not_an_error():
    """Hypothesis found it: a damaged deflate stream made zlib raise its own error (a 500 on the form)."""
    good = bytearray(docx_bytes())
    name_end = good.index(b"[Content_Types].xml") + len(b"[Content_Types].xml")
    for offset in range(name_end + 2, name_end + 12):
        good[offset] ^= 0xFF

    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.docx", bytes(good)))

    assert refused.value.code == "damaged"


PASSWORD_PROTECTED = "This document is password-protected. Remove the password and choose it again."


def test_word_document_saved_with_a_password_is_refused_as_password_protected():
    """Word saves a DOCX with a password as a compound file holding EncryptionInfo and EncryptedPackage."""
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.docx", encrypted_docx_bytes()))
    assert (refused.value.code, refused.value.message) == ("encrypted", PASSWORD_PROTECTED)


def test_document_zipped_with_a_password_is_refused_as_password_protected():
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.docx", zip_encrypted_docx()))
    assert (refused.value.code, refused.value.message) == ("encrypted", PASSWORD_PROTECTED)


def test_older_word_document_without_a_password_is_the_wrong_type():
    with pytest.raises(BadFile) as refused:
        filechecks.check_document_content(upload("report.doc", old_word_bytes()))
    assert refused.value.code == "wrong_type"
    assert "This file is an older Word, Excel or PowerPoint file, whatever its name says." in (
        refused.value.message
    )


def test_compound_stream_names_reads_every_stream_of_the_directory():
    assert filechecks.compound_stream_names(encrypted_docx_bytes()) == {
        "EncryptedPackage",
        "EncryptionInfo",
        "Version",
        "DataSpaceMap",
        "StrongEncryptionDataSpace",
        "\x06Primary",
    }


@pytest.mark.parametrize("keep", [0, 100, 511, 512, 1024, 3000])
def test_compound_stream_names_of_a_cut_file_gives_what_was_read(keep):
    names = filechecks.compound_stream_names(encrypted_docx_bytes()[:keep])
    assert names <= {"EncryptedPackage", "EncryptionInfo", "Version", "DataSpaceMap"} | {
        "StrongEncryptionDataSpace",
        "\x06Primary",
    }
