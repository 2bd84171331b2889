"""Images: decoded by Pillow under a pixel limit, then re-encoded from their pixels alone at a few widths.

Re-encoding from the pixels drops everything else the file carried: EXIF (camera, GPS position), XMP, comments
and anything hidden after the image. The EXIF orientation is applied first so that phone photos stand upright.
"""

import io
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from .filechecks import JPEG, PNG, WEBP, BadFile, FileType

PILLOW_FORMATS = {JPEG.name: "JPEG", PNG.name: "PNG", WEBP.name: "WEBP"}
SAVE_OPTIONS = {
    JPEG.name: {"quality": 82, "optimize": True, "progressive": True},
    PNG.name: {"compress_level": 6},
    WEBP.name: {"quality": 80, "method": 4},
}
DAMAGED = gettext_lazy(
    "This image is damaged or incomplete and cannot be opened. Save it again and choose the new file."
)


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    content: bytes


def _limit_pixels() -> None:
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


def _too_big() -> BadFile:
    megapixels = settings.IMAGE_MAX_PIXELS // 1_000_000
    return BadFile(
        _(
            "This image has too many pixels to process (the limit is %(megapixels)s million). Make it smaller "
            "and choose it again."
        )
        % {"megapixels": megapixels},
        code="decompression_bomb",
    )


def open_checked(file: BinaryIO, file_type: FileType) -> Image.Image:
    """Verify the image, then reopen and decode it (``verify()`` leaves an image unusable), with Pillow's
    decompression-bomb check as an error at ``IMAGE_MAX_PIXELS`` rather than a warning."""
    _limit_pixels()
    formats = [PILLOW_FORMATS[file_type.name]]
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            file.seek(0)
            with Image.open(file, formats=formats) as probe:
                probe.verify()
            file.seek(0)
            image = Image.open(file, formats=formats)
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise _too_big()
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_big() from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):
            raise BadFile(str(DAMAGED), code="damaged") from None
        finally:
            file.seek(0)
    return image


def _pixels_only(image: Image.Image, file_type: FileType) -> Image.Image:
    """Upright, in a mode the output format takes, and carrying nothing but pixels."""
    image = ImageOps.exif_transpose(image) or image
    if file_type is JPEG:
        mode = "L" if image.mode in ("1", "L", "I;16") else "RGB"
    else:
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        mode = "RGBA" if has_alpha else "RGB"
    converted = image.convert(mode)
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
    return clean


def widths_for(width: int) -> list[int]:
    """The configured widths narrower than the image, and the image's own width up to the largest of them."""
    largest = max(settings.IMAGE_WIDTHS)
    return sorted({w for w in settings.IMAGE_WIDTHS if w < width} | {min(width, largest)})


def renditions(image: Image.Image, file_type: FileType) -> list[Rendition]:
    """The image at each width of ``widths_for``, smallest first, re-encoded without metadata."""
    clean = _pixels_only(image, file_type)
    made = []
    for width in widths_for(clean.width):
        height = max(1, round(clean.height * width / clean.width))
        sized = clean if width == clean.width else clean.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        sized.save(buffer, format=PILLOW_FORMATS[file_type.name], **SAVE_OPTIONS[file_type.name])
        made.append(Rendition(width=width, height=height, content=buffer.getvalue()))
    return made
