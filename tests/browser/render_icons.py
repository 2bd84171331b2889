"""Render the site's PNG icons and favicon.ico from static/icons/icon.svg with headless Chromium.

Run after changing the SVG: ``python -m tests.browser.render_icons`` (needs Chromium, as the browser tests do).
The results are committed; the site serves them as static files.
"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from .chromium import LAUNCH_ARGS, find_chromium

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "static" / "icons" / "icon.svg"
PNG_SIZES = {"icon-32.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]


def render(page, size: int, *, padding: float = 0.0) -> Image.Image:
    inset = round(size * padding)
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        "<html><body style='margin:0;background:#12355b'>"
        f"<img src='data:image/svg+xml;utf8,{SVG.read_text().replace(chr(10), ' ').replace('#', '%23')}' "
        f"width='{size - 2 * inset}' height='{size - 2 * inset}' style='display:block;margin:{inset}px'>"
        "</body></html>"
    )
    return Image.open(io.BytesIO(page.screenshot(type="png"))).convert("RGB")


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=LAUNCH_ARGS)
        page = browser.new_page()
        for name, size in PNG_SIZES.items():
            # The touch icon is drawn edge to edge by iOS, which rounds the corners itself.
            image = render(page, size, padding=0.0)
            target = ROOT / "static" / ("root" if name == "apple-touch-icon.png" else "icons") / name
            image.save(target, optimize=True)
            print(f"wrote {target.relative_to(ROOT)} ({size}×{size})")
        large = render(page, 48)
        favicon = ROOT / "static" / "root" / "favicon.ico"
        large.save(favicon, sizes=FAVICON_SIZES)
        print(f"wrote {favicon.relative_to(ROOT)} ({', '.join(f'{w}×{h}' for w, h in FAVICON_SIZES)})")
        browser.close()


if __name__ == "__main__":
    main()
