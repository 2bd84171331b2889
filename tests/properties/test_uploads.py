"""Property-based tests of the upload path: whatever bytes arrive under whatever name, the checks answer with an
accepted file or a clear refusal (never a crash); accepted images come out as clean re-encodings; the form never
fails with a 5xx and never stores a file under a name the client chose."""

import io
import re

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from casestudies.models import Attachment
from casestudies.ops import uploads
from casestudies.ops.filechecks import BadFile, signature_type
from tests.casestudies.file_helpers import (
    docx_bytes,
    image_bytes,
    multipart,
    odt_bytes,
    pdf_bytes,
    upload,
    xlsx_bytes,
)
from tests.casestudies.submission_helpers import make_reference_data, valid_post_data

SEEDS = [image_bytes("JPEG", (64, 48)), image_bytes("PNG", (64, 48)), image_bytes("WEBP", (64, 48))]
DOCUMENTS = [pdf_bytes(), docx_bytes(), xlsx_bytes(), odt_bytes()]
STORED_NAME = re.compile(r"case-study-files/[0-9a-f]{32}/(\d+\.(jpg|png|webp)|document\.(pdf|docx|xlsx|odt))")


@pytest.fixture
def ref(db):
    return make_reference_data()


@st.composite
def mutated(draw, seeds=SEEDS + DOCUMENTS):
    """A real file with some bytes changed, cut short or with bytes added: the inputs that break parsers."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data) + draw(st.binary(max_size=32))


file_contents = st.one_of(st.binary(max_size=2048), mutated(), st.sampled_from(SEEDS + DOCUMENTS))
file_names = st.text(max_size=60)


@settings(max_examples=150, deadline=None)
@given(content=file_contents, name=file_names, kind=st.sampled_from([uploads.IMAGE, uploads.DOCUMENT]))
def test_check_upload_accepts_or_refuses_clearly(content, name, kind):
    try:
        # Names reach the checks as Django's parser leaves them: without "/" (``PATH_MARK`` flags a path).
        checked = uploads.check_upload(
            upload(name.replace("/", "_").strip(".") or "file", content), kind=kind
        )
    except BadFile as refused:
        assert refused.message and refused.code
        return
    if kind == uploads.IMAGE:
        assert signature_type(content[:16]) is checked.file_type
        assert checked.renditions
    else:
        assert checked.file_type.name in {"pdf", "docx", "xlsx", "odt"}


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(1, 2400),
    height=st.integers(1, 2400),
    fmt=st.sampled_from(["JPEG", "PNG", "WEBP"]),
    mode=st.sampled_from(["RGB", "L", "RGBA", "P", "CMYK"]),
)
def test_accepted_images_are_clean_reencodings(width, height, fmt, mode):
    assume(not (fmt == "JPEG" and mode in ("RGBA", "P")) and not (fmt != "JPEG" and mode == "CMYK"))
    content = image_bytes(fmt, (width, height), mode=mode, exif=fmt != "PNG" or mode != "P")

    checked = uploads.check_upload(upload("photo", content), kind=uploads.IMAGE)

    widths = [r.width for r in checked.renditions]
    assert widths == sorted(set(widths)) and max(widths) == min(width, 1600)
    for rendition in checked.renditions:
        image = Image.open(io.BytesIO(rendition.content))
        assert image.format == fmt
        assert image.size == (rendition.width, rendition.height)
        assert abs(rendition.height - height * rendition.width / width) <= 1
        assert dict(image.getexif()) == {}


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    filename=st.text(
        alphabet=st.characters(blacklist_characters='"\r\n', blacklist_categories=["Cs"]), max_size=40
    ),
    content=file_contents,
    field=st.sampled_from(["lead_image", "document_1"]),
)
def test_form_never_fails_and_never_stores_a_chosen_name(client, filename, content, field):
    cache.clear()
    ref = (
        make_reference_data()
        if not hasattr(test_form_never_fails_and_never_stores_a_chosen_name, "ref")
        else None
    )
    ref = ref or test_form_never_fails_and_never_stores_a_chosen_name.ref
    test_form_never_fails_and_never_stores_a_chosen_name.ref = ref
    fields = valid_post_data(client, ref) | {"lead_image_alt": "A photo", "document_1_title": "A document"}
    body = multipart(fields, {field: (filename, content)})

    response = client.generic(
        "POST", "/case-studies/submit/", body, content_type="multipart/form-data; boundary=BoUnDaRyx7"
    )

    assert response.status_code in {200, 302}
    for attachment in Attachment.objects.all():
        for name in attachment.stored_names:
            assert STORED_NAME.fullmatch(name), name
