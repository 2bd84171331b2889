"""Images are re-encoded from their pixels: no EXIF, no GPS, upright, at a few widths, each in its own format."""

import io

import pytest
from PIL import Image

from casestudies.ops import images, uploads
from casestudies.ops.filechecks import BadFile
from tests.casestudies.file_helpers import GPS_IFD, MAKE, bomb_png, image_bytes, upload


def reopened(rendition: images.Rendition) -> Image.Image:
    return Image.open(io.BytesIO(rendition.content))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_renditions_drop_exif_and_gps(fmt):
    original = image_bytes(fmt, (2000, 1500))
    assert GPS_IFD in Image.open(io.BytesIO(original)).getexif()  # the test image really has a position

    checked = uploads.check_upload(upload("photo", original), kind=uploads.IMAGE)

    for rendition in checked.renditions:
        image = reopened(rendition)
        assert image.format == fmt
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(image.info)


def test_renditions_at_the_configured_widths_keep_the_aspect_ratio(settings):
    checked = uploads.check_upload(upload("photo.jpg", image_bytes("JPEG", (2000, 1500))), kind=uploads.IMAGE)
    assert [(r.width, r.height) for r in checked.renditions] == [(480, 360), (960, 720), (1600, 1200)]
    assert [reopened(r).size for r in checked.renditions] == [(480, 360), (960, 720), (1600, 1200)]


@pytest.mark.parametrize(
    ("width", "expected"),
    [(300, [300]), (960, [480, 960]), (1200, [480, 960, 1200]), (5000, [480, 960, 1600])],
)
def test_widths_never_enlarge(width, expected):
    assert images.widths_for(width) == expected


def test_exif_orientation_is_applied_before_it_is_dropped():
    # Orientation 6: the camera was turned; the picture must come out upright (taller than wide).
    content = image_bytes("JPEG", (800, 600), orientation=6)
    checked = uploads.check_upload(upload("photo.jpg", content), kind=uploads.IMAGE)
    largest = reopened(checked.renditions[-1])
    assert largest.size == (600, 800)
    assert MAKE not in largest.getexif()


def test_png_transparency_is_kept():
    content = image_bytes("PNG", (100, 80), mode="RGBA", colour=(10, 20, 30, 0), exif=False)
    checked = uploads.check_upload(upload("logo.png", content), kind=uploads.IMAGE)
    assert reopened(checked.renditions[-1]).mode == "RGBA"


def test_cmyk_jpeg_becomes_rgb():
    content = image_bytes("JPEG", (100, 80), mode="CMYK", colour=(0, 50, 100, 0), exif=False)
    checked = uploads.check_upload(upload("print.jpg", content), kind=uploads.IMAGE)
    assert reopened(checked.renditions[-1]).mode == "RGB"


def test_decompression_bomb_is_refused_before_decoding(settings):
    with pytest.raises(BadFile) as refused:
        uploads.check_upload(upload("huge.png", bomb_png()), kind=uploads.IMAGE)
    assert refused.value.code == "decompression_bomb"


def test_pixel_limit_follows_the_setting(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(BadFile) as refused:
        uploads.check_upload(upload("photo.png", image_bytes("PNG", (101, 100))), kind=uploads.IMAGE)
    assert refused.value.code == "decompression_bomb"
    assert uploads.check_upload(upload("photo.png", image_bytes("PNG", (100, 100))), kind=uploads.IMAGE)
